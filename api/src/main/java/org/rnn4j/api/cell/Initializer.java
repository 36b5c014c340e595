package org.rnn4j.api.cell;

/**
 * Fills a parameter's initial values (row-major, as its shape).
 *
 * <pre>{@code
 * Initializer w = Initializer.uniform(1 / Math.sqrt(hidden));          // PyTorch's default
 * Initializer b = w.withConstant(hidden, 2 * hidden, 1f);              // LSTM forget-gate bias 1
 * }</pre>
 */
@FunctionalInterface
public interface Initializer {

    /** Writes every element of {@code values}, drawing from {@code random} as needed. */
    void initialize(float[] values, RandomSource random);

    /** Uniform on {@code [-bound, bound)}, as PyTorch's recurrent layers with bound 1/sqrt(H). */
    static Initializer uniform(double bound) {
        if (!(bound >= 0) || Double.isInfinite(bound)) {
            throw new IllegalArgumentException("uniform bound must be finite and >= 0, got " + bound);
        }
        return (values, random) -> {
            for (int i = 0; i < values.length; i++) {
                values[i] = (float) (bound * (2 * random.nextDouble() - 1));
            }
        };
    }

    /**
     * Normal with mean 0 and standard deviation {@code std} (Box-Muller over two uniforms per
     * value), as {@code torch.nn.Embedding}'s default with {@code std = 1}.
     */
    static Initializer normal(double std) {
        if (!(std >= 0) || Double.isInfinite(std)) {
            throw new IllegalArgumentException("normal standard deviation must be finite and >= 0, got " + std);
        }
        return (values, random) -> {
            for (int i = 0; i < values.length; i++) {
                double u1 = 1 - random.nextDouble();
                double u2 = random.nextDouble();
                values[i] = (float) (std * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2));
            }
        };
    }

    /** Every element equal to {@code value}. */
    static Initializer constant(float value) {
        return (values, random) -> java.util.Arrays.fill(values, value);
    }

    /**
     * This initialiser, then elements {@code [from, to)} overwritten with {@code value} (random
     * numbers are still drawn for them, so other parameters do not shift).
     */
    default Initializer withConstant(int from, int to, float value) {
        Initializer base = this;
        return (values, random) -> {
            if (from < 0 || to > values.length || from > to) {
                throw new IllegalArgumentException("constant range [" + from + ", " + to
                        + ") does not fit a parameter of " + values.length + " elements");
            }
            base.initialize(values, random);
            java.util.Arrays.fill(values, from, to, value);
        };
    }
}
