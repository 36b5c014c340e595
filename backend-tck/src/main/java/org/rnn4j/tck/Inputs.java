package org.rnn4j.tck;

import java.util.SplittableRandom;

/**
 * Deterministic random inputs. Each test seeds its own generator from its display name, so a
 * failing case reproduces alone and adding a test never changes the inputs of another. Values
 * are floats: both backends receive exactly the same numbers.
 */
final class Inputs {

    private static final long SEED = 0x5EED_7C4B_0A11_2026L;

    private final SplittableRandom random;

    private Inputs(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** The generator of the test called {@code name}. */
    static Inputs forTest(String name) {
        return new Inputs(SEED ^ ((long) name.hashCode() << 17) ^ name.length());
    }

    /** {@code n} floats uniform in {@code [lo, hi)}. */
    float[] uniform(int n, double lo, double hi) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) random.nextDouble(lo, hi);
        }
        return values;
    }

    /** Sets {@code values[offset, offset + length)} to uniform floats in {@code [lo, hi)}. */
    void fillUniform(float[] values, int offset, int length, double lo, double hi) {
        for (int i = offset; i < offset + length; i++) {
            values[i] = (float) random.nextDouble(lo, hi);
        }
    }

    /** An int in {@code [lo, hi)}. */
    int nextInt(int lo, int hi) {
        return random.nextInt(lo, hi);
    }

    /** True with probability {@code p}. */
    boolean chance(double p) {
        return random.nextDouble() < p;
    }

    /** A 64-bit value, for seeds. */
    long nextLong() {
        return random.nextLong();
    }
}
