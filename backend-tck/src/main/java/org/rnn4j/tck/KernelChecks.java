package org.rnn4j.tck;

import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.Locale;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DynamicTest;
import org.rnn4j.api.kernel.Activation;

/**
 * What every family of kernel checks shares: the {@link Bench}, the awkward sizes, and one
 * seeded generator per test. The families are package-private: a backend runs them all by
 * extending {@link BackendContract}, which nests one of each.
 */
abstract class KernelChecks {

    /** Lengths of element-wise ranges: below, at and above SIMD widths and block sizes. */
    static final int[] LENGTHS = {1, 3, 17, 63, 64, 65, 1000};
    /** Matrix extents for GEMM: each appears as m, n and k. */
    static final int[] MATRIX = {1, 3, 17, 63, 64, 65};
    /** Batch sizes of the recurrent kernels. */
    static final int[] BATCHES = {1, 3, 17};
    /** Hidden sizes of the recurrent kernels. */
    static final int[] HIDDEN = {1, 3, 17, 64, 65};

    final Bench bench;

    KernelChecks(Bench bench) {
        this.bench = bench;
    }

    /** Frees the tensors of the test just run (for a test factory: of all its dynamic tests). */
    @AfterEach
    final void releaseTensors() {
        bench.release();
    }

    Tolerances tolerances() {
        return bench.tolerances();
    }

    /** A dynamic test whose inputs are seeded by its name. */
    static DynamicTest check(String name, Consumer<Inputs> body) {
        return dynamicTest(name, () -> body.accept(Inputs.forTest(name)));
    }

    /** {@code String.format} in the root locale, so names read the same everywhere. */
    static String name(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** Identity and relu only select or copy: exact. The others evaluate exp or tanh. */
    Tolerance forActivation(Activation f) {
        return f == Activation.IDENTITY || f == Activation.RELU ? Tolerance.EXACT : tolerances().transcendental();
    }

    /** Plausible outputs {@code y = f(x)} for the derivative-from-output kernels. */
    static float[] outputsOf(Activation f, Inputs in, int n) {
        float[] y;
        switch (f) {
            case TANH:
                return in.uniform(n, -0.999, 0.999);
            case SIGMOID:
                return in.uniform(n, 0.001, 0.999);
            case RELU:
                y = in.uniform(n, -2, 2);
                for (int i = 0; i < n; i++) {
                    y[i] = Math.max(0f, y[i]); // about half exact zeros, where the derivative is 0
                }
                return y;
            default:
                return in.uniform(n, -2, 2);
        }
    }

    /** An array of NaN: an output buffer whose old contents a kernel must ignore. */
    static float[] nans(int n) {
        float[] values = new float[n];
        java.util.Arrays.fill(values, Float.NaN);
        return values;
    }
}
