package org.rnn4j.backend.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnn4j.api.tensor.Tensor;

/**
 * GEMM shapes the kit's small sizes do not reach: several k blocks and row blocks, many panels,
 * the parallel paths, a single row; and the packed-weight cache, which must never serve a stale
 * matrix. Checked against a double-precision product with the kit's GEMM bound.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GemmTest {

    private final SimdBackend backend = new SimdBackend(2);

    @AfterAll
    void close() {
        backend.close();
    }

    private Tensor tensor(float[] values) {
        Tensor t = backend.allocate(values.length);
        backend.upload(values, 0, t, 0, values.length);
        return t;
    }

    private static float[] random(SplittableRandom r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextDouble(-1, 1);
        }
        return v;
    }

    private static void check(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a, int lda,
                              float[] b, int ldb, float beta, float[] c0, float[] c, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double sum = 0;
                double abs = 0;
                for (int p = 0; p < k; p++) {
                    double x = ta ? a[p * lda + i] : a[i * lda + p];
                    double y = tb ? b[j * ldb + p] : b[p * ldb + j];
                    sum += x * y;
                    abs += Math.abs(x * y);
                }
                double expected = alpha * sum + (beta == 0 ? 0 : beta * c0[i * ldc + j]);
                double bound = 8 * Math.max(1, k) * 0x1p-24 * (Math.abs(alpha) * abs
                        + (beta == 0 ? 0 : Math.abs(beta * c0[i * ldc + j]))) + 1e-7;
                assertThat(Math.abs(c[i * ldc + j] - expected)).as("C[%d][%d] of %s%s %dx%dx%d", i, j,
                        ta ? "T" : "N", tb ? "T" : "N", m, n, k).isLessThanOrEqualTo(bound);
            }
            for (int j = n; j < ldc && i * ldc + j < c.length; j++) {
                assertThat(c[i * ldc + j]).as("padding C[%d][%d] untouched", i, j).isEqualTo(c0[i * ldc + j]);
            }
        }
    }

    @ParameterizedTest(name = "{0}{1} {2}x{3}x{4} alpha={5} beta={6}")
    @CsvSource({
        "false, false, 300, 333, 600, 1, 0",
        "false, true,  64, 520, 513, 1, 1",
        "true,  false, 257, 130, 700, -1, 0.25",
        "true,  true,  129, 97, 300, 0.5, 1",
        "false, true,  1, 1000, 260, 1, 1",
        "false, false, 1, 77, 1000, 1, 0",
        // a matrix-vector product whose n is a multiple of GemmKernels.WIDE at every width: the
        // wide layout from the weight cache, kernelRow and kernelRow2
        "false, true,  1, 512, 700, 1, 0",
        "true,  false, 1, 1024, 300, 1, 1",
        // a single row is read in place, also from a transposed A (a stride of lda)
        "true,  true,  1, 300, 700, 1, 0.5",
        "true,  false, 1, 65, 256, 1, 0",
        "false, true,  3, 260, 64, 1, 1",
        "true,  false, 513, 200, 9, 1, 1",
        // five row blocks of 128: threads claim whole row blocks
        "false, true,  520, 200, 300, 1, 0.5",
        // k x n above Gemm.TALL_TILE_B_FLOATS and m enough for two 256-row blocks per thread:
        // tall tiles, three k blocks (the last of 6 steps), row blocks claimed whole
        "false, false, 1040, 1020, 1030, 1, 0",
        "true,  false, 1040, 1020, 1030, 1, 1",
        // a weight gradient's shape (k >= Gemm.LONG_K, four row blocks): one tile spans the
        // width, so A is packed per k block (five, the last of 52 steps) just before its use;
        // the last row block is a single row
        "true,  false, 385, 200, 2100, 1, 1",
        // the same with an even number of row blocks at either tile height (six of 128 rows, eight
        // of 96), so one tile spans the width with 8- and with 6-row panels
        "true,  false, 700, 64, 2100, 1, 1",
        // one tile spans the width with k > KC, A not transposed: full row blocks read in place
        // (MR rows at a stride of lda; with 6-row panels, Gemm.A_IN_PLACE off, copied per k block),
        // the last block's leftover rows packed; the last panel of B
        // holds at most one vector of columns
        "false, false, 270, 200, 1100, 1, 0.5",
        "false, false, 264, 40, 1100, -1, 0",
        // a weight gradient with few rows and a long k: computed as B^T A, copied transposed
        // into a C whose leading dimension is not n (old C, NaN in its first row, ignored)
        "true,  false, 65, 256, 2100, 0.5, 0",
        // the same accumulated into old C, as a training step's head gradient is (beta 1)
        "true,  false, 65, 256, 2100, 1, 1",
        "true,  false, 65, 256, 2100, -0.5, 0.75",
    })
    void matchesTheDoubleProduct(boolean ta, boolean tb, int m, int n, int k, float alpha, float beta) {
        SplittableRandom r = new SplittableRandom(m * 31L + n * 7L + k);
        int lda = (ta ? m : k) + 3;
        int ldb = (tb ? k : n) + 1;
        int ldc = n + 5;
        float[] a = random(r, (ta ? k : m) * lda);
        float[] b = random(r, (tb ? n : k) * ldb);
        float[] c0 = random(r, m * ldc);
        if (beta == 0) {
            java.util.Arrays.fill(c0, 0, n, Float.NaN); // beta == 0 must ignore old C
        }
        Tensor at = tensor(a);
        Tensor bt = tensor(b);
        Tensor ct = tensor(c0);
        backend.gemm(ta, tb, m, n, k, alpha, at, 0, lda, bt, 0, ldb, beta, ct, 0, ldc);
        float[] c = new float[c0.length];
        backend.download(ct, 0, c, 0, c.length);
        if (beta == 0) {
            java.util.Arrays.fill(c0, 0, n, 0f);
        }
        check(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c0, c, ldc);
        // (not for the two 1040 x 1020 x 1030 cases: the scalar sum would take seconds in each of
        // the three executions; their tall tiles are held to the double product above and, across
        // thread counts, bit for bit below)
        if ((beta == 0f || beta == 1f) && (long) m * n * k < 400_000_000L) {
            assertBlockOrderBits(ta, tb, m, n, k, alpha, a, lda, b, ldb, beta, c0, c, ldc);
        }
    }

    /**
     * The bits of every element, for every path the shapes above reach with beta 0 or 1, as the
     * kernels define them: each block of {@link Gemm#KC} steps
     * summed from zero in the order p = 0, 1, ... with one fused multiply-add per step, scaled by
     * alpha, and the blocks added to C in order (with beta 0 or 1 a whole vector and a tail column
     * round the same way). Nothing here depends on the register tile's height, the vector width or
     * the thread count, so each surefire execution (6-row and 8-row tiles, 128 to 512 bits)
     * holding to it shows that none of them changes a bit.
     */
    private static void assertBlockOrderBits(boolean ta, boolean tb, int m, int n, int k, float alpha, float[] a,
                                             int lda, float[] b, int ldb, float beta, float[] c0, float[] c, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                float acc = beta == 0f ? 0f : c0[i * ldc + j];
                for (int k0 = 0; k0 < k; k0 += Gemm.KC) {
                    float sum = 0f;
                    for (int p = k0; p < Math.min(k, k0 + Gemm.KC); p++) {
                        float x = ta ? a[p * lda + i] : a[i * lda + p];
                        float y = tb ? b[j * ldb + p] : b[p * ldb + j];
                        sum = Math.fma(x, y, sum);
                    }
                    float v = alpha * sum;
                    acc = k0 == 0 && beta == 0f ? v : acc + v;
                }
                if (Float.floatToRawIntBits(c[i * ldc + j]) != Float.floatToRawIntBits(acc)) {
                    assertThat(c[i * ldc + j]).as("bits of C[%d][%d] of %s%s %dx%dx%d against the block-order sum",
                            i, j, ta ? "T" : "N", tb ? "T" : "N", m, n, k).isEqualTo(acc);
                }
            }
        }
    }

    /**
     * However the threads share the work, each element is summed in the same order: one, two and
     * three threads give the same bits (for 1040 x 1020 x 1030: tall tiles on one and two threads,
     * whole row blocks claimed on two, 128-row tiles claimed one by one on three).
     */
    @ParameterizedTest(name = "{0}{1} {2}x{3}x{4} beta={5}")
    @CsvSource({
        "false, false, 1040, 1020, 1030, 0",
        "true,  false, 520, 200, 300, 0",
        "false, true,  64, 2048, 520, 0",
        // one and two threads: one tile per row block, A packed per k block; three: narrower
        // tiles that share a row block's A packed for all of k
        "true,  false, 385, 200, 2100, 0",
        // one and two threads: row blocks of A read in place; three: tiles of A packed
        "false, false, 270, 200, 2100, 0",
        // a weight gradient with few rows (an output layer's): computed as B^T A and copied
        // transposed on one and two threads, directly on three (n < 128 * 3); accumulated into
        // old C too (beta 1), as a training step's head gradient is
        "true,  false, 65, 256, 2100, 0",
        "true,  false, 65, 256, 2100, 1",
        // a matrix-vector product split by panels: on one, two and three threads the panels are
        // taken four, three, two or one at a time
        "false, true,  1, 300, 700, 0",
        "true,  false, 1, 460, 400, 0",
    })
    void theThreadCountNeverChangesABit(boolean ta, boolean tb, int m, int n, int k, float beta) {
        SplittableRandom r = new SplittableRandom(m + 13L * n + 101L * k);
        float[] a = random(r, m * k);
        float[] b = random(r, k * n);
        float[] c0 = random(r, m * n);
        float[][] results = new float[3][];
        for (int threads = 1; threads <= 3; threads++) {
            try (SimdBackend own = new SimdBackend(threads);
                 Tensor at = own.allocate(a.length); Tensor bt = own.allocate(b.length); Tensor ct = own.allocate(m * n)) {
                own.upload(a, 0, at, 0, a.length);
                own.upload(b, 0, bt, 0, b.length);
                own.upload(c0, 0, ct, 0, c0.length);
                own.gemm(ta, tb, m, n, k, 1f, at, 0, ta ? m : k, bt, 0, tb ? k : n, beta, ct, 0, n);
                results[threads - 1] = new float[m * n];
                own.download(ct, 0, results[threads - 1], 0, m * n);
            }
        }
        assertThat(java.util.Arrays.mismatch(results[0], results[1])).as("first element where 1 and 2 threads differ")
                .isEqualTo(-1);
        assertThat(java.util.Arrays.mismatch(results[0], results[2])).as("first element where 1 and 3 threads differ")
                .isEqualTo(-1);
    }

    @Test
    void aWrittenMatrixIsRepackedInItsOwnEntryWithoutEvictingOthers() {
        SplittableRandom r = new SplittableRandom(9);
        PackedWeights cache = backend.packedWeights();
        int k = 40;
        int n = 96;
        Tensor[] weights = new Tensor[PackedWeights.ENTRIES];
        float[][] packed = new float[weights.length][];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = tensor(random(r, n * k));
            packed[i] = cache.packed(true, k, n, (SimdTensor) weights[i], 0, k, false);
        }
        // every entry is taken; rewriting one weight and packing it again must reuse its entry
        backend.fill(weights[0], 3, 1, 0.5f);
        long misses = cache.misses();
        assertThat(cache.packed(true, k, n, (SimdTensor) weights[0], 0, k, false)).isSameAs(packed[0]);
        assertThat(cache.misses() - misses).as("a stale entry is a miss").isEqualTo(1);
        long hits = cache.hits();
        for (int i = 1; i < weights.length; i++) {
            assertThat(cache.packed(true, k, n, (SimdTensor) weights[i], 0, k, false)).isSameAs(packed[i]);
        }
        assertThat(cache.hits() - hits).as("no other entry was evicted").isEqualTo(weights.length - 1);
    }

    /** m 16 reads the NR-panel entry, m 1 (batch-1 sampling) the wide one. */
    @ParameterizedTest(name = "m = {0}")
    @ValueSource(ints = {16, 1})
    void theWeightCacheIsInvalidatedByEveryWrite(int m) {
        SplittableRandom r = new SplittableRandom(5);
        int n = 96;
        int k = 40;
        float[] a = random(r, m * k);
        float[] w = random(r, n * k + 10);
        Tensor at = tensor(a);
        Tensor wt = tensor(w);
        Tensor ct = backend.allocate(m * n);
        float[] c = new float[m * n];
        PackedWeights cache = backend.packedWeights();

        long misses = cache.misses();
        backend.gemm(false, true, m, n, k, 1f, at, 0, k, wt, 10, k, 0f, ct, 0, n);
        backend.gemm(false, true, m, n, k, 1f, at, 0, k, wt, 10, k, 0f, ct, 0, n);
        assertThat(cache.misses() - misses).as("packed once for two products").isEqualTo(1);

        // Each kind of write must be seen by the next product.
        float[] w2 = random(r, w.length);
        backend.upload(w2, 0, wt, 0, w2.length);
        backend.gemm(false, true, m, n, k, 1f, at, 0, k, wt, 10, k, 0f, ct, 0, n);
        backend.download(ct, 0, c, 0, c.length);
        check(false, true, m, n, k, 1f, a, k, java.util.Arrays.copyOfRange(w2, 10, w2.length), k, 0f, c, c, n);

        Tensor grad = tensor(random(r, w.length));
        Tensor mm = backend.allocate(w.length);
        Tensor vv = backend.allocate(w.length);
        backend.adamStep(wt, grad, mm, vv, 0, w.length, 0.1f, 1,
                new org.rnn4j.api.kernel.AdamSettings(0.9f, 0.999f, 1e-8f, 0f, false));
        float[] w3 = new float[w.length];
        backend.download(wt, 0, w3, 0, w3.length);
        backend.gemm(false, true, m, n, k, 1f, at, 0, k, wt, 10, k, 0f, ct, 0, n);
        backend.download(ct, 0, c, 0, c.length);
        check(false, true, m, n, k, 1f, a, k, java.util.Arrays.copyOfRange(w3, 10, w3.length), k, 0f, c, c, n);

        backend.fill(wt, 50, 7, 0.25f);
        backend.download(wt, 0, w3, 0, w3.length);
        backend.gemm(false, true, m, n, k, 1f, at, 0, k, wt, 10, k, 0f, ct, 0, n);
        backend.download(ct, 0, c, 0, c.length);
        check(false, true, m, n, k, 1f, a, k, java.util.Arrays.copyOfRange(w3, 10, w3.length), k, 0f, c, c, n);

        // Another orientation of the same weights is a separate entry.
        Tensor dOut = tensor(random(r, m * n));
        Tensor dIn = backend.allocate(m * k);
        float[] dIn1 = new float[m * k];
        backend.gemm(false, false, m, k, n, 1f, dOut, 0, n, wt, 10, k, 0f, dIn, 0, k);
        backend.download(dIn, 0, dIn1, 0, dIn1.length);
        float[] dOutHost = new float[m * n];
        backend.download(dOut, 0, dOutHost, 0, dOutHost.length);
        check(false, false, m, k, n, 1f, dOutHost, n, java.util.Arrays.copyOfRange(w3, 10, w3.length), k, 0f,
                dIn1, dIn1, k);
    }

    /**
     * Row blocks dealt to the threads in turn (as equally fast threads claim them) give each
     * thread at most its even share plus one panel of rounding per block it holds, for every
     * row count from one block per thread up: the cut never leaves one thread a whole block
     * more than another, as 1024 rows in blocks of 192 on two threads did (576 against 448).
     */
    @Test
    void rowBlocksShareRowsEvenlyBetweenThreads() {
        for (int threads = 2; threads <= 4; threads++) {
            for (int most : new int[] {Gemm.MC, Gemm.MC_TALL}) {
                for (int m = most * threads; m <= 8000; m++) {
                    int rows = Gemm.evenRowBlock(m, most, threads);
                    assertThat(rows).as("m %d, %d threads", m, threads).isLessThanOrEqualTo(most);
                    assertThat(rows % GemmKernels.MR).as("m %d, %d threads", m, threads).isZero();
                    int blocks = (m + rows - 1) / rows;
                    int perThread = (blocks + threads - 1) / threads;
                    int largest = 0;
                    for (int t = 0; t < threads; t++) {
                        int share = 0;
                        for (int b = t; b < blocks; b += threads) {
                            share += Math.min(rows, m - b * rows);
                        }
                        largest = Math.max(largest, share);
                    }
                    assertThat(largest).as("largest share of %d rows in blocks of %d, %d threads", m, rows, threads)
                            .isLessThanOrEqualTo((m + threads - 1) / threads + perThread * GemmKernels.MR);
                }
            }
        }
    }
}
