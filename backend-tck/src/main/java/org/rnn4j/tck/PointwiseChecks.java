package org.rnn4j.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rnn4j.api.kernel.Activation;

/**
 * {@link org.rnn4j.api.kernel.PointwiseKernels}: activations and their derivatives, the small
 * BLAS-1 kernels, clamping, the sum of squares, dropout masks (bit for bit) and embedding
 * gather/scatter. Outputs may alias inputs of the same offset, so each kernel is also run in place.
 */
abstract class PointwiseChecks extends KernelChecks {

    /** beta of the accumulating kernels: 0 (old output NaN, to be ignored), 1 and 0.5. */
    private static final float[] BETAS = {0f, 1f, 0.5f};

    PointwiseChecks(Bench bench) {
        super(bench);
    }

    @TestFactory
    Stream<DynamicTest> activation() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Activation f : Activation.values()) {
            for (int n : LENGTHS) {
                tests.add(check(name("activation %s n=%d", f.id(), n), in -> {
                    Twin x = bench.twin(in.uniform(n + 3, -6, 6));
                    Twin y = bench.twin(in.uniform(n + 4, -1, 1));
                    bench.run(b -> b.activation(f, n, x.on(b), 2, y.on(b), 1));
                    bench.assertClose("y", y, forActivation(f));
                    bench.assertUnchanged("x", x);
                }));
                tests.add(check(name("activation %s n=%d in place", f.id(), n), in -> {
                    Twin x = bench.twin(in.uniform(n + 3, -6, 6));
                    bench.run(b -> b.activation(f, n, x.on(b), 2, x.on(b), 2));
                    bench.assertClose("x", x, forActivation(f));
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> activationBackward() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Activation f : Activation.values()) {
            for (int n : LENGTHS) {
                for (float beta : BETAS) {
                    tests.add(check(name("activationBackward %s n=%d beta=%s", f.id(), n, beta), in -> {
                        Twin y = bench.twin(outputsOf(f, in, n + 2));
                        Twin dy = bench.twin(in.uniform(n + 3, -1, 1));
                        Twin dx = bench.twin(beta == 0 ? nans(n + 1) : in.uniform(n + 1, -1, 1));
                        bench.run(b -> b.activationBackward(f, n, y.on(b), 2, dy.on(b), 1, beta, dx.on(b), 0));
                        // NaN beyond n stays NaN in both: only [0, n) is written.
                        bench.assertClose("dx", dx, tolerances().elementwise());
                    }));
                }
                tests.add(check(name("activationBackward %s n=%d dx aliasing dy", f.id(), n), in -> {
                    Twin y = bench.twin(outputsOf(f, in, n + 2));
                    Twin dy = bench.twin(in.uniform(n + 3, -1, 1));
                    bench.run(b -> b.activationBackward(f, n, y.on(b), 2, dy.on(b), 1, 0.5f, dy.on(b), 1));
                    bench.assertClose("dy", dy, tolerances().elementwise());
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> axpby() {
        float[][] alphaBeta = {{1f, 0f}, {0.5f, 1f}, {-1f, 0.25f}};
        List<DynamicTest> tests = new ArrayList<>();
        for (int n : LENGTHS) {
            for (float[] ab : alphaBeta) {
                tests.add(check(name("axpby n=%d alpha=%s beta=%s", n, ab[0], ab[1]), in -> {
                    Twin x = bench.twin(in.uniform(n + 1, -2, 2));
                    Twin y = bench.twin(ab[1] == 0 ? nans(n + 3) : in.uniform(n + 3, -2, 2));
                    bench.run(b -> b.axpby(n, ab[0], x.on(b), 1, ab[1], y.on(b), 2));
                    bench.assertClose("y", y, tolerances().elementwise());
                }));
            }
            tests.add(check(name("axpby n=%d y aliasing x", n), in -> {
                Twin x = bench.twin(in.uniform(n + 1, -2, 2));
                bench.run(b -> b.axpby(n, -0.75f, x.on(b), 1, 0.5f, x.on(b), 1));
                bench.assertClose("x", x, tolerances().elementwise());
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> multiply() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int n : LENGTHS) {
            for (float beta : BETAS) {
                tests.add(check(name("multiply n=%d beta=%s", n, beta), in -> {
                    Twin x = bench.twin(in.uniform(n + 2, -2, 2));
                    Twin y = bench.twin(in.uniform(n + 1, -2, 2));
                    Twin z = bench.twin(beta == 0 ? nans(n + 3) : in.uniform(n + 3, -2, 2));
                    bench.run(b -> b.multiply(n, x.on(b), 2, y.on(b), 0, beta, z.on(b), 3));
                    bench.assertClose("z", z, tolerances().elementwise());
                }));
            }
            tests.add(check(name("multiply n=%d z aliasing x", n), in -> {
                Twin x = bench.twin(in.uniform(n + 2, -2, 2));
                Twin y = bench.twin(in.uniform(n + 1, -2, 2));
                bench.run(b -> b.multiply(n, x.on(b), 2, y.on(b), 1, 1f, x.on(b), 2));
                bench.assertClose("x", x, tolerances().elementwise());
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> clamp() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int n : LENGTHS) {
            tests.add(check(name("clamp n=%d", n), in -> {
                Twin x = bench.twin(in.uniform(n + 4, -2, 2));
                bench.run(b -> b.clamp(n, -0.5f, 0.75f, x.on(b), 3));
                bench.assertExact("x", x);
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> sumOfSquares() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int n : LENGTHS) {
            tests.add(check(name("sumOfSquares n=%d", n), in -> {
                float[] x0 = in.uniform(n + 5, -3, 3);
                Twin x = bench.twin(x0);
                double[] r = bench.values(b -> b.sumOfSquares(n, x.on(b), 4));
                double scale = 0;
                for (int i = 4; i < 4 + n; i++) {
                    scale += (double) x0[i] * x0[i];
                }
                Verdict.scalar("sum of squares", r[0], r[1], tolerances().reductionBound(n + 1, scale));
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> dropoutMaskIsBitExact() {
        // Counters far apart and beyond 2^32, seeds of both signs: the stream is a pure function.
        float[] ps = {0f, 0.1f, 0.5f, 0.9f};
        List<DynamicTest> tests = new ArrayList<>();
        for (float p : ps) {
            for (int n : LENGTHS) {
                tests.add(check(name("dropoutMask p=%s n=%d", p, n), in -> {
                    long seed = in.nextLong();
                    long counter = in.chance(0.5) ? in.nextInt(0, 1000) : (1L << 40) + in.nextInt(0, 1 << 20);
                    Twin mask = bench.twin(in.uniform(n + 6, -1, 1));
                    bench.run(b -> b.dropoutMask(n, p, seed, counter, mask.on(b), 5));
                    float[] actual = new float[mask.size()];
                    float[] expected = new float[mask.size()];
                    bench.backend().download(mask.actual(), 0, actual, 0, actual.length);
                    bench.oracle().download(mask.expected(), 0, expected, 0, expected.length);
                    Verdict.bitExact(name("mask (seed %d, counter %d)", seed, counter), actual, expected);
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> gatherRows() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int cols : new int[] {1, 3, 17, 65}) {
            for (int count : new int[] {1, 3, 17, 64}) {
                tests.add(check(name("gatherRows count=%d cols=%d", count, cols), in -> {
                    int tableRows = 17;
                    Twin table = bench.twin(in.uniform(2 + tableRows * cols, -1, 1));
                    int[] rows = in.indices(count + 3, tableRows, 0.2);
                    Twin out = bench.twin(in.uniform(1 + count * cols + 2, -1, 1));
                    bench.run(b -> b.gatherRows(count, cols, table.on(b), 2, rows, 3, out.on(b), 1));
                    bench.assertExact("out", out);
                    bench.assertUnchanged("table", table);
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> scatterAddRows() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int cols : new int[] {1, 3, 17, 65}) {
            for (int count : new int[] {1, 3, 17, 64}) {
                tests.add(check(name("scatterAddRows count=%d cols=%d distinct rows", count, cols),
                        in -> scatterCase(in, count, cols, false)));
                tests.add(check(name("scatterAddRows count=%d cols=%d repeated rows", count, cols),
                        in -> scatterCase(in, count, cols, true)));
            }
        }
        return tests.stream();
    }

    private void scatterCase(Inputs in, int count, int cols, boolean repeated) {
        int tableRows = repeated ? 7 : count + 5;
        int[] rows = repeated ? in.indices(count + 2, tableRows, 0.15) : distinctIndices(in, count + 2, tableRows);
        Twin src = bench.twin(in.uniform(3 + count * cols, -1, 1));
        Twin table = bench.twin(in.uniform(1 + tableRows * cols + 2, -1, 1));
        bench.run(b -> b.scatterAddRows(count, cols, src.on(b), 3, rows, 2, table.on(b), 1));
        // One addition per element is correctly rounded; repeated rows add up in any order.
        bench.assertClose("table", table, repeated ? tolerances().elementwise() : Tolerance.EXACT);
        bench.assertUnchanged("src", src);
    }

    /** Distinct row indices (a shuffled prefix of {@code 0..tableRows-1}), one of them -1. */
    private static int[] distinctIndices(Inputs in, int n, int tableRows) {
        int[] all = new int[tableRows];
        for (int i = 0; i < tableRows; i++) {
            all[i] = i;
        }
        for (int i = tableRows - 1; i > 0; i--) {
            int j = in.nextInt(0, i + 1);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] rows = java.util.Arrays.copyOf(all, n);
        rows[n - 1] = -1;
        return rows;
    }
}
