package org.rnn4j.tck;

/**
 * An allowance for one compared element: {@code |actual - expected| <= absolute + relative *
 * |expected|}, where {@code expected} is the float64 oracle's value. NaN matches only NaN and an
 * infinity only the same infinity, so a backend that overflows where the oracle does not fails.
 *
 * <pre>{@code
 * Tolerance t = new Tolerance(1e-6, 1e-5);
 * t.accepts(1.000001f, 1.0);      // true: 1e-6 <= 1e-6 + 1e-5
 * t.accepts(Float.NaN, 1.0);      // false
 * Tolerance.EXACT.accepts(2f, 2); // true
 * }</pre>
 *
 * @param absolute the error allowed whatever the magnitude, {@code >= 0}
 * @param relative the error allowed per unit of {@code |expected|}, {@code >= 0}
 */
public record Tolerance(double absolute, double relative) {

    /** No error at all: for copies, selects and other kernels that do no rounding. */
    public static final Tolerance EXACT = new Tolerance(0, 0);

    /** Rejects negative and non-finite allowances, which would make every comparison vacuous. */
    public Tolerance {
        if (!(absolute >= 0 && relative >= 0) || Double.isInfinite(absolute) || Double.isInfinite(relative)) {
            throw new IllegalArgumentException("a tolerance needs finite, non-negative bounds, got absolute "
                    + absolute + " and relative " + relative);
        }
    }

    /** The largest error allowed where the oracle answered {@code expected}. */
    public double allowedError(double expected) {
        return absolute + relative * Math.abs(expected);
    }

    /** Whether {@code actual} is close enough to the oracle's {@code expected}. */
    public boolean accepts(double actual, double expected) {
        return Verdict.matches(actual, expected, allowedError(expected));
    }

    /** Whether this tolerance allows nowhere more error than {@code other}. */
    public boolean isNoLooserThan(Tolerance other) {
        return absolute <= other.absolute && relative <= other.relative;
    }

    @Override
    public String toString() {
        return absolute + " + " + relative + " * |ref|";
    }
}
