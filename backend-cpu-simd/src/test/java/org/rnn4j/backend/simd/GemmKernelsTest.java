package org.rnn4j.backend.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rnn4j.backend.simd.GemmKernels.HALF;
import static org.rnn4j.backend.simd.GemmKernels.NR;
import static org.rnn4j.backend.simd.GemmKernels.WIDE;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Both register-tile heights (8 rows for 32 vector registers, 6 for 16), each in its three copies,
 * one per way of addressing A, and its one-vector-wide variant: against a naive product summed in
 * the same order (so the comparison is bit for bit), and against each other on the same logical
 * A: packed, read as rows in place, and read as columns in place. Both heights run in every JVM,
 * whichever one this JVM's GEMM uses ({@code GemmKernels.MR}), at whichever vector width the
 * build forces ({@code rnn4j.simd.bits}), so every width is covered by the test matrix.
 * The two-panel matrix-vector kernel ({@link GemmKernels#kernelRow2}) is held against the naive
 * product and the one-panel kernel the same way.
 */
class GemmKernelsTest {

    /** A tile height's kernels, addressed as the GEMM addresses them. */
    private interface Kernel {
        void run(int kc, float[] a, int aOff, int lda, float[] b, int bOff, float[] c, int cOff, int ldc, int rows,
                 int cols, float alpha, float beta, float[] tile);
    }

    @ParameterizedTest(name = "height={0} kc={1} rows={2} cols={3} alpha={4} beta={5}")
    @CsvSource({
        "8, 1, 8, 32, 1, 0",
        "8, 37, 8, 32, 1, 1",
        "8, 512, 8, 32, -0.5, 0.25",
        "8, 300, 5, 20, 1, 1",
        "8, 64, 8, 3, 2, 0",
        "6, 1, 6, 32, 1, 0",
        "6, 37, 6, 32, 1, 1",
        "6, 512, 6, 32, -0.5, 0.25",
        "6, 300, 5, 20, 1, 1",
        "6, 64, 6, 3, 2, 0",
    })
    void everyAddressingOfAGivesTheNaiveProductBitForBit(int height, int kc, int rows, int cols, float alpha,
                                                          float beta) {
        int nr = NR;
        cols = Math.min(cols, nr);
        SplittableRandom r = new SplittableRandom(kc * 31L + rows * 7L + cols + height);
        // logical A: height x kc (rows past `rows` are zero in the packed panel); stored three ways
        int lda = kc + 5;
        int ldt = height + 3;
        float[] logical = new float[height * kc];
        for (int i = 0; i < rows; i++) {
            for (int p = 0; p < kc; p++) {
                logical[i * kc + p] = (float) (r.nextDouble() * 2 - 1);
            }
        }
        float[] packed = new float[2 + height * kc];
        float[] rowMajor = new float[3 + height * lda];
        float[] transposed = new float[1 + kc * ldt];
        for (int i = 0; i < height; i++) {
            for (int p = 0; p < kc; p++) {
                packed[2 + p * height + i] = logical[i * kc + p];
                rowMajor[3 + i * lda + p] = logical[i * kc + p];
                transposed[1 + p * ldt + i] = logical[i * kc + p];
            }
        }
        float[] b = new float[4 + kc * nr];
        for (int p = 0; p < kc; p++) {
            for (int j = 0; j < nr; j++) {
                b[4 + p * nr + j] = j < cols ? (float) (r.nextDouble() * 2 - 1) : 0f;
            }
        }
        int ldc = cols + 2;
        float[] c0 = new float[height * ldc];
        for (int i = 0; i < c0.length; i++) {
            c0[i] = (float) (r.nextDouble() * 2 - 1);
        }
        float[] tile = new float[GemmKernels.TILE_FLOATS];

        boolean eight = height == 8;
        Kernel viaPackedKernel = (kcc, a, aOff, ld, bb, bOff, c, cOff, ldcc, rr, cc, al, be, t) -> {
            if (eight) {
                GemmKernels.kernel8(kcc, a, aOff, bb, bOff, c, cOff, ldcc, rr, cc, al, be, t);
            } else {
                GemmKernels.kernel6(kcc, a, aOff, bb, bOff, c, cOff, ldcc, rr, cc, al, be, t);
            }
        };
        Kernel viaRowsKernel = eight ? GemmKernels::kernel8Rows : GemmKernels::kernel6Rows;
        // A is read as columns in place only with 8-row panels (Gemm.A_IN_PLACE): one copy, run at
        // both heights' shapes (rows up to 6 of its 8)
        Kernel viaColumnsKernel = GemmKernels::kernel8Columns;
        float[] viaPacked = c0.clone();
        viaPackedKernel.run(kc, packed, 2, 0, b, 4, viaPacked, 0, ldc, rows, cols, alpha, beta, tile);
        float[] viaRows = c0.clone();
        viaRowsKernel.run(kc, rowMajor, 3, lda, b, 4, viaRows, 0, ldc, rows, cols, alpha, beta, tile);
        float[] viaColumns = c0.clone();
        viaColumnsKernel.run(kc, transposed, 1, ldt, b, 4, viaColumns, 0, ldc, rows, cols, alpha, beta, tile);
        // the one-vector kernel, for panels with at most one vector of valid columns
        int halfCols = Math.min(cols, HALF);
        float[][] viaHalf = new float[3][];
        for (int how = 0; how < 3; how++) {
            viaHalf[how] = c0.clone();
            float[] a = how == 0 ? packed : how == 1 ? rowMajor : transposed;
            int aOff = how == 0 ? 2 : how == 1 ? 3 : 1;
            int rowStride = how == 0 ? 1 : how == 1 ? lda : 1;
            int stepStride = how == 0 ? height : how == 1 ? 1 : ldt;
            if (eight) {
                GemmKernels.kernel8Half(kc, a, aOff, rowStride, stepStride, b, 4, viaHalf[how], 0, ldc, rows,
                        halfCols, alpha, beta, tile);
            } else {
                GemmKernels.kernel6Half(kc, a, aOff, rowStride, stepStride, b, 4, viaHalf[how], 0, ldc, rows,
                        halfCols, alpha, beta, tile);
            }
        }

        float[] naive = c0.clone();
        float[] naiveHalf = c0.clone();
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                float sum = 0f;
                double exact = 0;
                for (int p = 0; p < kc; p++) {
                    // the kernels' order and rounding: one fused multiply-add per step
                    sum = Math.fma(logical[i * kc + p], b[4 + p * nr + j], sum);
                    exact += (double) logical[i * kc + p] * b[4 + p * nr + j];
                }
                float v = alpha * sum;
                float old = c0[i * ldc + j];
                // as storeTile writes C: fused in whole vectors, two roundings in the tail
                boolean inVector = j < cols / Lanes.N * Lanes.N;
                naive[i * ldc + j] = beta == 0f ? v : inVector ? Math.fma(old, beta, v) : beta * old + v;
                if (j < halfCols) {
                    boolean inHalfVector = j < halfCols / Lanes.N * Lanes.N;
                    naiveHalf[i * ldc + j] = beta == 0f ? v : inHalfVector ? Math.fma(old, beta, v) : beta * old + v;
                }
                assertThat((double) sum).as("sum (%d, %d) against the double product", i, j)
                        .isCloseTo(exact, within(1e-4 * kc));
            }
        }
        assertThat(Arrays.mismatch(viaPacked, naive)).as("first element where the packed kernel differs").isEqualTo(-1);
        assertThat(Arrays.mismatch(viaRows, naive)).as("first element where the rows kernel differs").isEqualTo(-1);
        assertThat(Arrays.mismatch(viaColumns, naive)).as("first element where the columns kernel differs")
                .isEqualTo(-1);
        for (int how = 0; how < 3; how++) {
            assertThat(Arrays.mismatch(viaHalf[how], naiveHalf))
                    .as("first element where the one-vector kernel differs, A %s",
                            how == 0 ? "packed" : how == 1 ? "as rows" : "as columns")
                    .isEqualTo(-1);
        }
    }

    @ParameterizedTest(name = "kc={0} aStep={1} alpha={2} beta={3}")
    @CsvSource({
        "1, 1, 1, 0",
        "256, 1, 1, 1",
        "512, 3, -0.5, 0.25",
        "77, 1, 2, 0",
    })
    void twoPanelsAtOnceGiveTheOnePanelKernelsBitsAndTheNaiveProduct(int kc, int aStep, float alpha, float beta) {
        SplittableRandom r = new SplittableRandom(kc * 13L + aStep);
        float[] a = new float[1 + kc * aStep];
        for (int p = 0; p < kc; p++) {
            a[1 + p * aStep] = (float) (r.nextDouble() * 2 - 1);
        }
        // three wide panels of kc steps; the pair is panels 0 and 2, panel 1 lies between them
        int panel = kc * WIDE;
        float[] b = new float[5 + 3 * panel];
        for (int i = 5; i < b.length; i++) {
            b[i] = (float) (r.nextDouble() * 2 - 1);
        }
        float[] c0 = new float[7 + 3 * WIDE];
        for (int i = 0; i < c0.length; i++) {
            c0[i] = (float) (r.nextDouble() * 2 - 1);
        }
        float[] tile = new float[GemmKernels.TILE_FLOATS];
        float[] pair = c0.clone();
        GemmKernels.kernelRow2(kc, a, 1, aStep, b, 5, 5 + 2 * panel, pair, 7, 7 + 2 * WIDE, alpha, beta, tile);
        float[] single = c0.clone();
        GemmKernels.kernelRow(kc, a, 1, aStep, b, 5, single, 7, WIDE, alpha, beta, tile);
        GemmKernels.kernelRow(kc, a, 1, aStep, b, 5 + 2 * panel, single, 7 + 2 * WIDE, WIDE, alpha, beta, tile);

        float[] naive = c0.clone();
        for (int q : new int[] {0, 2}) {
            for (int j = 0; j < WIDE; j++) {
                float sum = 0f;
                for (int p = 0; p < kc; p++) {
                    sum = Math.fma(a[1 + p * aStep], b[5 + q * panel + p * WIDE + j], sum);
                }
                float v = alpha * sum;
                int at = 7 + q * WIDE + j;
                naive[at] = beta == 0f ? v : Math.fma(c0[at], beta, v);
            }
        }
        assertThat(Arrays.mismatch(pair, naive)).as("first element where the two-panel kernel differs").isEqualTo(-1);
        assertThat(Arrays.mismatch(single, pair)).as("first element where one panel at a time differs").isEqualTo(-1);
        assertThat(Arrays.copyOfRange(pair, 7 + WIDE, 7 + 2 * WIDE))
                .as("the panel between the pair is untouched").containsExactly(Arrays.copyOfRange(c0, 7 + WIDE, 7 + 2 * WIDE));
    }
}
