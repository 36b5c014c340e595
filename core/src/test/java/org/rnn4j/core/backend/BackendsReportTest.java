package org.rnn4j.core.backend;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BackendsReportTest {

    @Test
    void theReportListsEveryBackendMarksTheAutoChoiceAndShowsSkippedProviders() {
        String saved = System.getProperty(Backends.PROPERTY);
        System.clearProperty(Backends.PROPERTY);
        try {
            FakeProvider cuda = FakeProvider.unavailable("cuda", 200, "libcuda.so.1 not found");
            FakeProvider reference = FakeProvider.available("reference", 0);
            Backends backends = Backends.of(reference, cuda, new FakeProvider.Throwing("name"));

            String report = backends.report();

            assertThat(report.lines()).anySatisfy(l -> assertThat(l)
                    .startsWith("  cuda").contains("200").contains("fake cuda")
                    .endsWith("unavailable: libcuda.so.1 not found"));
            assertThat(report.lines()).anySatisfy(l -> assertThat(l)
                    .startsWith("* reference").endsWith("available"));
            assertThat(report).contains("* = chosen by auto: reference")
                    .contains("rnn4j.backend=auto -> reference")
                    .contains("skipped providers:")
                    .contains("name() failed: IllegalStateException: name broke");
            assertThat(report.indexOf("cuda")).isLessThan(report.indexOf("reference"));
            assertThat(cuda.creates).hasValue(0);
            assertThat(reference.creates).hasValue(0);
        } finally {
            if (saved != null) {
                System.setProperty(Backends.PROPERTY, saved);
            }
        }
    }

    @Test
    void theReportShowsAPropertyThatCannotBeSatisfied() {
        String saved = System.getProperty(Backends.PROPERTY);
        System.setProperty(Backends.PROPERTY, "cuda");
        try {
            Backends backends = Backends.of(FakeProvider.unavailable("cuda", 200, "no GPU"),
                    FakeProvider.available("reference", 0));

            assertThat(backends.report()).contains("rnn4j.backend=cuda -> error: backend 'cuda' is unavailable: no GPU");
        } finally {
            if (saved == null) {
                System.clearProperty(Backends.PROPERTY);
            } else {
                System.setProperty(Backends.PROPERTY, saved);
            }
        }
    }
}
