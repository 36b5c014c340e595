package org.rnn4j.core.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The {@code rnn4j.backend} system property path; the property is restored after each test. */
class BackendsPropertyTest {

    private String saved;

    @BeforeEach
    void save() {
        saved = System.getProperty(Backends.PROPERTY);
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(Backends.PROPERTY);
        } else {
            System.setProperty(Backends.PROPERTY, saved);
        }
    }

    @Test
    void theConstantNamesTheDocumentedProperty() {
        assertThat(Backends.PROPERTY).isEqualTo("rnn4j.backend");
    }

    @Test
    void unsetMeansAuto() {
        System.clearProperty(Backends.PROPERTY);
        Backends backends = Backends.of(FakeProvider.available("reference", 0), FakeProvider.available("fast", 10));

        assertThat(Backends.requestedBackend()).isEqualTo("auto");
        assertThat(backends.select().name()).isEqualTo("fast");
    }

    @Test
    void thePropertyNamesTheBackendTrimmedAndCaseInsensitive() {
        System.setProperty(Backends.PROPERTY, "  Reference ");
        FakeProvider fast = FakeProvider.available("fast", 10);
        Backends backends = Backends.of(FakeProvider.available("reference", 0), fast);

        assertThat(Backends.requestedBackend()).isEqualTo("reference");
        assertThat(backends.select().name()).isEqualTo("reference");
        assertThat(fast.creates).hasValue(0);
    }

    @Test
    void aBadPropertyValueIsAnErrorNotAFallback() {
        System.setProperty(Backends.PROPERTY, "cdua");
        FakeProvider reference = FakeProvider.available("reference", 0);

        assertThatThrownBy(() -> Backends.of(reference).select())
                .isInstanceOf(UnknownBackendException.class)
                .hasMessageContaining("unknown backend 'cdua'");
        assertThat(reference.creates).hasValue(0);
    }
}
