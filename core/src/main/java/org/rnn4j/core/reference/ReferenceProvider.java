package org.rnn4j.core.reference;

import org.rnn4j.api.backend.Availability;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.backend.BackendProvider;
import org.rnn4j.api.backend.Precision;

/**
 * Registers the float32 reference backend as {@code reference}: plain Java, available on every
 * JVM, priority 0 so that any faster available backend is preferred by {@code auto}.
 *
 * <pre>{@code
 * java -Drnn4j.backend=reference ...
 * }</pre>
 */
public final class ReferenceProvider implements BackendProvider {

    /** The name users select this backend by. */
    public static final String NAME = "reference";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 0;
    }

    @Override
    public String description() {
        return "plain Java, float32, single-threaded; the oracle and the fallback";
    }

    @Override
    public Availability probe() {
        return Availability.available();
    }

    @Override
    public Backend create() {
        return new ReferenceBackend(NAME, Precision.FLOAT32);
    }
}
