package org.rnn4j.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.tensor.Tensor;

/**
 * {@link org.rnn4j.api.kernel.LinearAlgebraKernels}: GEMM over all transposes with padded leading
 * dimensions and offsets, the row broadcast and the column sums.
 */
abstract class LinearAlgebraChecks extends KernelChecks {

    /** {alpha, beta}: a plain product (C full of NaN, which beta == 0 must ignore), an accumulation, a mix. */
    private static final float[][] ALPHA_BETA = {{1f, 0f}, {0.5f, 1f}, {-1f, 0.25f}};

    LinearAlgebraChecks(Bench bench) {
        super(bench);
    }

    /**
     * Shapes (m, n, k): rotations of {@link #MATRIX} so that every size appears in every role
     * without the whole cube, plus a few larger, flatter ones, and long inner dimensions with a
     * small output (a backend may split k among blocks or threads there, as CUDA does on a large
     * GPU and cpu-simd does past its long-k threshold).
     */
    static List<int[]> gemmShapes() {
        int[][] shifts = {{0, 0}, {1, 2}, {2, 4}, {3, 1}, {5, 3}};
        List<int[]> shapes = new ArrayList<>();
        for (int[] shift : shifts) {
            for (int i = 0; i < MATRIX.length; i++) {
                shapes.add(new int[] {MATRIX[i], MATRIX[(i + shift[0]) % MATRIX.length],
                        MATRIX[(i + shift[1]) % MATRIX.length]});
            }
        }
        shapes.add(new int[] {65, 257, 129});
        shapes.add(new int[] {257, 3, 65});
        shapes.add(new int[] {1, 1000, 17});
        shapes.add(new int[] {17, 65, 2100});
        shapes.add(new int[] {64, 3, 700});
        return shapes;
    }

    @TestFactory
    Stream<DynamicTest> gemm() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int[] mnk : gemmShapes()) {
            for (int t = 0; t < 4; t++) {
                boolean transA = (t & 2) != 0;
                boolean transB = (t & 1) != 0;
                for (float[] ab : ALPHA_BETA) {
                    tests.add(check(name("gemm %s%s m=%d n=%d k=%d alpha=%s beta=%s", transA ? "T" : "N",
                            transB ? "T" : "N", mnk[0], mnk[1], mnk[2], ab[0], ab[1]),
                            in -> gemmCase(in, transA, transB, mnk[0], mnk[1], mnk[2], ab[0], ab[1])));
                }
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> gemmWithAAndBInOneTensor() {
        // C must not overlap A or B, but A and B may be the same view: A^T A and A A^T.
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < MATRIX.length; i++) {
            int m = MATRIX[i];
            int k = MATRIX[(i + 2) % MATRIX.length];
            tests.add(check(name("gemm A^T A m=n=%d k=%d", m, k), in -> sharedCase(in, true, m, k)));
            tests.add(check(name("gemm A A^T m=n=%d k=%d", m, k), in -> sharedCase(in, false, m, k)));
        }
        return tests.stream();
    }

    private void gemmCase(Inputs in, boolean transA, boolean transB, int m, int n, int k, float alpha, float beta) {
        int aRows = transA ? k : m;
        int aCols = transA ? m : k;
        int bRows = transB ? n : k;
        int bCols = transB ? k : n;
        int lda = aCols + in.nextInt(1, 5);
        int ldb = bCols + in.nextInt(1, 5);
        int ldc = n + in.nextInt(1, 5);
        int aOff = in.nextInt(1, 9);
        int bOff = in.nextInt(1, 9);
        int cOff = in.nextInt(1, 9);
        Twin a = bench.twin(in.uniform(aOff + aRows * lda + 3, -1, 1));
        Twin b = bench.twin(in.uniform(bOff + bRows * ldb + 3, -1, 1));
        int cSize = cOff + m * ldc + 3;
        float[] c0 = beta == 0 ? nans(cSize) : in.uniform(cSize, -1, 1);
        Twin c = bench.twin(c0);
        bench.run(x -> x.gemm(transA, transB, m, n, k, alpha, a.on(x), aOff, lda, b.on(x), bOff, ldb,
                beta, c.on(x), cOff, ldc));
        double[] abs = absoluteProduct(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb);
        assertGemm(c, c0, cOff, ldc, m, n, k, alpha, beta, abs);
        bench.assertUnchanged("A", a);
        bench.assertUnchanged("B", b);
    }

    private void sharedCase(Inputs in, boolean gram, int m, int k) {
        // gram: A stored k x m, C = A^T A; else A stored m x k, C = A A^T.
        int rows = gram ? k : m;
        int cols = gram ? m : k;
        int ld = cols + 2;
        int off = 3;
        Twin a = bench.twin(in.uniform(off + rows * ld + 1, -1, 1));
        int ldc = m + 1;
        float[] c0 = in.uniform(1 + m * ldc, -1, 1);
        Twin c = bench.twin(c0);
        bench.run(x -> x.gemm(gram, !gram, m, m, k, 1f, a.on(x), off, ld, a.on(x), off, ld, 0.5f, c.on(x), 1, ldc));
        double[] abs = absoluteProduct(gram, !gram, m, m, k, a, off, ld, a, off, ld);
        assertGemm(c, c0, 1, ldc, m, m, k, 1f, 0.5f, abs);
        bench.assertUnchanged("A", a);
    }

    /** {@code |op(A)| |op(B)|} as a dense m x n block, computed by the oracle on absolute values. */
    private double[] absoluteProduct(boolean transA, boolean transB, int m, int n, int k,
                                     Twin a, int aOff, int lda, Twin b, int bOff, int ldb) {
        Backend oracle = bench.oracle();
        Tensor absA = bench.tensor(oracle, absolute(a.initial()));
        Tensor absB = bench.tensor(oracle, absolute(b.initial()));
        Tensor out = bench.track(oracle.allocate(m * n));
        oracle.gemm(transA, transB, m, n, k, 1f, absA, aOff, lda, absB, bOff, ldb, 0f, out, 0, n);
        return Bench.download(oracle, out);
    }

    private void assertGemm(Twin c, float[] c0, int cOff, int ldc, int m, int n, int k, float alpha, float beta,
                            double[] abs) {
        Tolerances tol = tolerances();
        bench.assertWithin("C", c, idx -> {
            int rel = idx - cOff;
            int i = rel < 0 ? -1 : rel / ldc;
            int j = rel < 0 ? -1 : rel % ldc;
            if (i < 0 || i >= m || j >= n) {
                return 0; // outside the m x n view: must be left exactly as it was
            }
            return tol.gemmBound(k, alpha, abs[i * n + j], beta, Math.abs(c0[idx]));
        });
    }

    private static float[] absolute(float[] values) {
        float[] abs = new float[values.length];
        for (int i = 0; i < abs.length; i++) {
            abs[i] = Math.abs(values[i]);
        }
        return abs;
    }

    /**
     * Vocabularies around the cpu-simd panel width and past its 512-step blocks (a token's packed
     * row then lies in a later block), n across one, several and a partial panel; tokens repeat
     * and about a fifth are padding.
     */
    @TestFactory
    Stream<DynamicTest> oneHotProduct() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int vocabulary : new int[] {1, 3, 65, 600}) {
            for (int n : new int[] {1, 17, 64, 257}) {
                for (int rows : new int[] {1, 5, 300}) {
                    tests.add(check(name("oneHotProduct rows=%d n=%d vocabulary=%d", rows, n, vocabulary), in -> {
                        int[] tokens = in.indices(rows + 2, vocabulary, 0.2);
                        Twin w = bench.twin(in.uniform(3 + n * vocabulary + 1, -1, 1));
                        Twin c = bench.twin(in.uniform(2 + rows * n + 2, -1, 1));
                        bench.run(b -> b.oneHotProduct(rows, n, vocabulary, tokens, 2, w.on(b), 3, c.on(b), 2));
                        bench.assertExact("C", c);
                        bench.assertUnchanged("W", w);
                    }));
                }
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> oneHotWeightGradient() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int vocabulary : new int[] {1, 3, 65, 300}) {
            for (int n : new int[] {1, 17, 257}) {
                for (int rows : new int[] {1, 5, 700}) {
                    tests.add(check(name("oneHotWeightGradient rows=%d n=%d vocabulary=%d", rows, n, vocabulary),
                            in -> oneHotGradientCase(in, rows, n, vocabulary)));
                }
            }
        }
        return tests.stream();
    }

    private void oneHotGradientCase(Inputs in, int rows, int n, int vocabulary) {
        int[] tokens = in.indices(rows + 1, vocabulary, 0.2);
        Twin dc = bench.twin(in.uniform(1 + rows * n, -1, 1));
        float[] dw0 = in.uniform(4 + n * vocabulary + 1, -1, 1);
        Twin dw = bench.twin(dw0);
        bench.run(b -> b.oneHotWeightGradient(rows, n, vocabulary, tokens, 1, dc.on(b), 1, dw.on(b), 4));
        // a sum of up to `rows` products by 1: the GEMM's bound with k = rows, |A||B| the sum of |dC|
        Backend oracle = bench.oracle();
        Tensor absDc = bench.tensor(oracle, absolute(dc.initial()));
        Tensor abs = bench.track(oracle.allocate(n * vocabulary));
        oracle.oneHotWeightGradient(rows, n, vocabulary, tokens, 1, absDc, 1, abs, 0);
        double[] absSum = Bench.download(oracle, abs);
        Tolerances tol = tolerances();
        bench.assertWithin("dW", dw, idx -> {
            int rel = idx - 4;
            if (rel < 0 || rel >= n * vocabulary) {
                return 0; // outside dW: must be left exactly as it was
            }
            return tol.gemmBound(rows, 1f, absSum[rel], 1f, Math.abs(dw0[idx]));
        });
        bench.assertUnchanged("dC", dc);
    }

    @TestFactory
    Stream<DynamicTest> copyMatrix() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int rows : new int[] {1, 3, 17, 64}) {
            for (int cols : new int[] {1, 3, 17, 65}) {
                tests.add(check(name("copyMatrix rows=%d cols=%d", rows, cols), in -> {
                    int lds = cols + 3;
                    int ldd = 2 * cols + 1;
                    Twin src = bench.twin(in.uniform(2 + rows * lds, -1, 1));
                    Twin dst = bench.twin(in.uniform(1 + rows * ldd, -1, 1));
                    bench.run(b -> b.copyMatrix(rows, cols, src.on(b), 2, lds, dst.on(b), 1 + cols, ldd));
                    bench.assertClose("dst", dst, Tolerance.EXACT);
                    bench.assertUnchanged("src", src);
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> addRowVector() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int rows : new int[] {1, 3, 17, 64, 257}) {
            for (int cols : new int[] {1, 3, 17, 65}) {
                tests.add(check(name("addRowVector rows=%d cols=%d", rows, cols), in -> {
                    Twin v = bench.twin(in.uniform(cols + 4, -1, 1));
                    Twin x = bench.twin(in.uniform(rows * cols + 5, -1, 1));
                    bench.run(b -> b.addRowVector(rows, cols, v.on(b), 3, x.on(b), 2));
                    bench.assertClose("x", x, tolerances().elementwise());
                    bench.assertUnchanged("v", v);
                }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> sumRows() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int rows : new int[] {1, 3, 17, 64, 257}) {
            // 300 and 400 columns reach the SIMD backend's blocks of 8 vectors at every width up to 512 bits
            for (int cols : new int[] {1, 3, 17, 65, 300, 400}) {
                for (float beta : new float[] {0f, 1f, 0.5f}) {
                    tests.add(check(name("sumRows rows=%d cols=%d beta=%s", rows, cols, beta),
                            in -> sumRowsCase(in, rows, cols, beta)));
                }
            }
        }
        return tests.stream();
    }

    private void sumRowsCase(Inputs in, int rows, int cols, float beta) {
        int xOff = 2;
        int outOff = 3;
        float[] x0 = in.uniform(xOff + rows * cols + 1, -1, 1);
        float[] out0 = in.uniform(outOff + cols + 2, -1, 1);
        Twin x = bench.twin(x0);
        Twin out = bench.twin(out0);
        bench.run(b -> b.sumRows(rows, cols, x.on(b), xOff, beta, out.on(b), outOff));
        double[] scale = new double[cols];
        for (int c = 0; c < cols; c++) {
            scale[c] = Math.abs(beta) * Math.abs(out0[outOff + c]);
            for (int r = 0; r < rows; r++) {
                scale[c] += Math.abs(x0[xOff + r * cols + c]);
            }
        }
        Tolerances tol = tolerances();
        bench.assertWithin("out", out, i -> i < outOff || i >= outOff + cols ? 0
                : tol.reductionBound(rows + 1, scale[i - outOff]));
        bench.assertUnchanged("x", x);
    }
}
