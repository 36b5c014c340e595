package org.rnn4j.tck;

import java.util.Locale;
import java.util.function.IntToDoubleFunction;
import org.rnn4j.api.backend.Precision;
import org.opentest4j.AssertionFailedError;

/**
 * The comparisons of the kit. Failures list how many elements are off and the first few with
 * their index, both values and the allowed error, so a broken kernel can be located from the
 * report alone.
 */
final class Verdict {

    /** How many mismatches a failure message spells out. */
    private static final int SHOWN = 6;

    private Verdict() {
    }

    /** NaN only matches NaN, an infinity only itself; finite values within {@code allowed}. */
    static boolean matches(double actual, double expected, double allowed) {
        if (Double.isNaN(expected)) {
            return Double.isNaN(actual);
        }
        if (Double.isInfinite(expected)) {
            return actual == expected;
        }
        return Double.isFinite(actual) && Math.abs(actual - expected) <= allowed;
    }

    /** Every element within its own allowance {@code allowed(i)}. */
    static void within(String what, double[] actual, double[] expected, IntToDoubleFunction allowed) {
        if (actual.length != expected.length) {
            throw new AssertionFailedError(what + ": " + actual.length + " elements, the oracle has "
                    + expected.length);
        }
        int bad = 0;
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < actual.length; i++) {
            double limit = allowed.applyAsDouble(i);
            if (!matches(actual[i], expected[i], limit)) {
                if (bad < SHOWN) {
                    first.append(String.format(Locale.ROOT, "%n  [%d] actual %.9g, oracle %.9g, error %.3g, allowed %.3g",
                            i, actual[i], expected[i], Math.abs(actual[i] - expected[i]), limit));
                }
                bad++;
            }
        }
        if (bad > 0) {
            throw new AssertionFailedError(what + ": " + bad + " of " + actual.length
                    + " elements differ from the float64 oracle by more than the tolerance" + first);
        }
    }

    /** Every element within {@code tolerance} of the oracle. */
    static void close(String what, double[] actual, double[] expected, Tolerance tolerance) {
        within(what, actual, expected, i -> tolerance.allowedError(expected[i]));
    }

    /**
     * Every element equal to the oracle's, rounded to the backend's precision first: the oracle
     * keeps doubles, a float32 backend stores the nearest float.
     */
    static void exact(String what, double[] actual, double[] expected, Precision precision) {
        double[] rounded = expected.clone();
        if (precision == Precision.FLOAT32) {
            for (int i = 0; i < rounded.length; i++) {
                rounded[i] = (float) rounded[i];
            }
        }
        within(what, actual, rounded, i -> 0);
    }

    /** Bit-for-bit equality of floats (so {@code -0f} differs from {@code 0f}). */
    static void bitExact(String what, float[] actual, float[] expected) {
        int bad = 0;
        StringBuilder first = new StringBuilder();
        for (int i = 0; i < actual.length; i++) {
            if (Float.floatToIntBits(actual[i]) != Float.floatToIntBits(expected[i])) {
                if (bad < SHOWN) {
                    first.append(String.format(Locale.ROOT, "%n  [%d] actual %s, oracle %s", i,
                            Float.toHexString(actual[i]), Float.toHexString(expected[i])));
                }
                bad++;
            }
        }
        if (bad > 0) {
            throw new AssertionFailedError(what + ": " + bad + " of " + actual.length
                    + " elements are not bit-identical to the oracle's" + first);
        }
    }

    /** A scalar result within {@code allowed} of the oracle's. */
    static void scalar(String what, double actual, double expected, double allowed) {
        if (!matches(actual, expected, allowed)) {
            throw new AssertionFailedError(String.format(Locale.ROOT,
                    "%s: actual %.12g, oracle %.12g, error %.3g, allowed %.3g",
                    what, actual, expected, Math.abs(actual - expected), allowed));
        }
    }
}
