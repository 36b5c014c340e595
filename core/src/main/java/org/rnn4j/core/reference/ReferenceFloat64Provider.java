package org.rnn4j.core.reference;

import org.rnn4j.api.backend.Availability;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.backend.BackendProvider;
import org.rnn4j.api.backend.Precision;

/**
 * Registers the float64 reference backend as {@code reference-f64}: the numerical oracle used by
 * finite-difference gradient checks. Its negative priority keeps {@code auto} from ever choosing
 * it; it is selected only by name.
 *
 * <pre>{@code
 * Backend oracle = Backends.discover().select("reference-f64");
 * }</pre>
 */
public final class ReferenceFloat64Provider implements BackendProvider {

    /** The name users select this backend by. */
    public static final String NAME = "reference-f64";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return -100;
    }

    @Override
    public String description() {
        return "plain Java, float64; oracle for gradient checks, never chosen by auto";
    }

    @Override
    public Availability probe() {
        return Availability.available();
    }

    @Override
    public Backend create() {
        return new ReferenceBackend(NAME, Precision.FLOAT64);
    }
}
