package org.rnn4j.core.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.core.backend.Backends;
import org.rnn4j.core.cell.CellTypes;
import org.rnn4j.core.optim.Optimizers;

/**
 * Guice bindings for an application that assembles rnn4j with dependency injection: the
 * {@link Backend} chosen by {@code rnn4j.backend} (or by the name given here), the optimiser
 * registry and the cell-type registry, each a singleton. Guice is an optional dependency of
 * core: add {@code com.google.inject:guice} to use this module.
 *
 * <pre>{@code
 * Injector injector = Guice.createInjector(new Rnn4jModule());
 * Backend backend = injector.getInstance(Backend.class);
 * Optimizer adam = injector.getInstance(Optimizers.class).create("adam", Map.of());
 * Cell lstm = injector.getInstance(CellTypes.class).create("lstm", 8, 128);
 * }</pre>
 */
public final class Rnn4jModule extends AbstractModule {

    private final String backendName;

    /** Selects the backend from the {@code rnn4j.backend} system property (default auto). */
    public Rnn4jModule() {
        this(null);
    }

    /** Selects the backend by name ({@code auto} or a backend's name); null reads the property. */
    public Rnn4jModule(String backendName) {
        this.backendName = backendName;
    }

    @Provides
    @Singleton
    Backends backends() {
        return Backends.discover();
    }

    @Provides
    @Singleton
    Backend backend(Backends backends) {
        return backendName == null ? backends.select() : backends.select(backendName);
    }

    @Provides
    @Singleton
    Optimizers optimizers() {
        return Optimizers.discover();
    }

    @Provides
    @Singleton
    CellTypes cellTypes() {
        return CellTypes.discover();
    }
}
