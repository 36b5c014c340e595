package org.rnn4j.backend.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.rnn4j.backend.simd.GemmKernels.MR;
import static org.rnn4j.backend.simd.GemmKernels.NR;
import static org.rnn4j.backend.simd.GemmKernels.WIDE;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The three copies of the 8-row kernel, one per way of addressing A, against a naive product
 * summed in the same order (so the comparison is bit for bit), and against each other on the same
 * logical A: packed, read as rows in place, and read as columns in place. Runs at whichever vector
 * width the build forces ({@code rnn4j.simd.bits}), so every width is covered by the test matrix.
 * The two-panel matrix-vector kernel ({@link GemmKernels#kernelRow2}) is held against the naive
 * product and the one-panel kernel the same way.
 */
class GemmKernelsTest {

    @ParameterizedTest(name = "kc={0} rows={1} cols={2} alpha={3} beta={4}")
    @CsvSource({
        "1, 8, 32, 1, 0",
        "37, 8, 32, 1, 1",
        "512, 8, 32, -0.5, 0.25",
        "300, 5, 20, 1, 1",
        "64, 8, 3, 2, 0",
    })
    void everyAddressingOfAGivesTheNaiveProductBitForBit(int kc, int rows, int cols, float alpha, float beta) {
        int nr = NR;
        cols = Math.min(cols, nr);
        SplittableRandom r = new SplittableRandom(kc * 31L + rows * 7L + cols);
        // logical A: MR x kc (rows past `rows` are zero in the packed panel); stored three ways
        int lda = kc + 5;
        int ldt = MR + 3;
        float[] logical = new float[MR * kc];
        for (int i = 0; i < rows; i++) {
            for (int p = 0; p < kc; p++) {
                logical[i * kc + p] = (float) (r.nextDouble() * 2 - 1);
            }
        }
        float[] packed = new float[2 + MR * kc];
        float[] rowMajor = new float[3 + MR * lda];
        float[] transposed = new float[1 + kc * ldt];
        for (int i = 0; i < MR; i++) {
            for (int p = 0; p < kc; p++) {
                packed[2 + p * MR + i] = logical[i * kc + p];
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
        float[] c0 = new float[MR * ldc];
        for (int i = 0; i < c0.length; i++) {
            c0[i] = (float) (r.nextDouble() * 2 - 1);
        }
        float[] tile = new float[MR * NR];

        float[] viaPacked = c0.clone();
        GemmKernels.kernel8(kc, packed, 2, b, 4, viaPacked, 0, ldc, rows, cols, alpha, beta, tile);
        float[] viaRows = c0.clone();
        GemmKernels.kernel8Rows(kc, rowMajor, 3, lda, b, 4, viaRows, 0, ldc, rows, cols, alpha, beta, tile);
        float[] viaColumns = c0.clone();
        GemmKernels.kernel8Columns(kc, transposed, 1, ldt, b, 4, viaColumns, 0, ldc, rows, cols, alpha, beta, tile);

        float[] naive = c0.clone();
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
                // as storeTile writes C: fused in whole vectors, two roundings in the tail
                boolean inVector = j < cols / Lanes.N * Lanes.N;
                float old = c0[i * ldc + j];
                naive[i * ldc + j] = beta == 0f ? v : inVector ? Math.fma(old, beta, v) : beta * old + v;
                assertThat((double) sum).as("sum (%d, %d) against the double product", i, j)
                        .isCloseTo(exact, within(1e-4 * kc));
            }
        }
        assertThat(Arrays.mismatch(viaPacked, naive)).as("first element where the packed kernel differs").isEqualTo(-1);
        assertThat(Arrays.mismatch(viaRows, naive)).as("first element where the rows kernel differs").isEqualTo(-1);
        assertThat(Arrays.mismatch(viaColumns, naive)).as("first element where the columns kernel differs")
                .isEqualTo(-1);
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
        float[] tile = new float[MR * NR];
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
