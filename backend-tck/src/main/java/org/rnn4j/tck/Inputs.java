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
        fillUniform(values, 0, n, lo, hi);
        return values;
    }

    /**
     * Stored LSTM activations as the forward pass leaves them, {@code rows} rows of
     * {@code [i, f, g, o]} ({@code 4 * hidden} each) from index {@code lead}, with {@code trail}
     * zeros after: the sigmoid gates in (0, 1), g in (-1, 1), so the backward kernels see values
     * a forward pass could have produced.
     */
    float[] lstmActivations(int lead, int rows, int hidden, int trail) {
        return gateActivations(lead, rows, hidden, trail, 4);
    }

    /** Stored GRU input-side activations, rows of {@code [r, z, n]}, as {@link #lstmActivations}. */
    float[] gruActivations(int lead, int rows, int hidden, int trail) {
        return gateActivations(lead, rows, hidden, trail, 3);
    }

    /** Rows of {@code gates} gate blocks, each sigmoid-valued except the third (tanh-valued). */
    private float[] gateActivations(int lead, int rows, int hidden, int trail, int gates) {
        float[] values = new float[lead + rows * gates * hidden + trail];
        for (int r = 0; r < rows; r++) {
            for (int gate = 0; gate < gates; gate++) {
                boolean tanh = gate == 2;
                fillUniform(values, lead + (r * gates + gate) * hidden, hidden, tanh ? -0.99 : 0.01, 0.99);
            }
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

    /**
     * {@code n} indices in {@code [0, bound)} with repeats, about {@code pNegative} of them
     * negative (-1 to -3: padding rows, padding tokens).
     */
    int[] indices(int n, int bound, double pNegative) {
        int[] indices = new int[n];
        for (int i = 0; i < n; i++) {
            indices[i] = chance(pNegative) ? -1 - nextInt(0, 3) : nextInt(0, bound);
        }
        return indices;
    }

    /** A 64-bit value, for seeds. */
    long nextLong() {
        return random.nextLong();
    }
}
