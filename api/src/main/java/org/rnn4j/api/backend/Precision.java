package org.rnn4j.api.backend;

/**
 * How a backend stores tensor elements. Every production backend is {@link #FLOAT32}; the
 * reference backend also offers {@link #FLOAT64} for finite-difference gradient checks.
 *
 * <pre>{@code
 * if (backend.precision() == Precision.FLOAT64) { step = 1e-6; }
 * }</pre>
 */
public enum Precision {
    /** IEEE-754 binary32, the compute type of rnn4j. */
    FLOAT32,
    /** IEEE-754 binary64, for numerical oracles only. */
    FLOAT64
}
