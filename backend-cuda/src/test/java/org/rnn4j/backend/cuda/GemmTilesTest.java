package org.rnn4j.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.api.tensor.Tensor;

/**
 * Each GEMM tile size, unsliced and with k in slices (the kit sees only the plan the launcher
 * picks for its sizes), with every transpose, on shapes that straddle the tile edges, the
 * k-steps and the slice edges, against a float64 oracle.
 */
class GemmTilesTest {

    static Stream<Arguments> cases() {
        int[][] shapes = {{1, 1, 1}, {33, 31, 9}, {129, 65, 17}, {64, 130, 40}, {7, 257, 33}, {20, 37, 300}};
        // slices 0: one pass over k; 3: about three slices of k, added by gemm_reduce_slices.
        return IntStream.of(GemmPlan.TILES).boxed().flatMap(tile -> IntStream.of(0, 3).boxed().flatMap(slices ->
                Stream.of(shapes).flatMap(s -> Stream.of(
                        Arguments.of(tile, slices, s[0], s[1], s[2], false, false),
                        Arguments.of(tile, slices, s[0], s[1], s[2], false, true),
                        Arguments.of(tile, slices, s[0], s[1], s[2], true, false),
                        Arguments.of(tile, slices, s[0], s[1], s[2], true, true)))));
    }

    @ParameterizedTest(name = "tile {0}, slices {1}: {2}x{3}x{4} transA={5} transB={6}")
    @MethodSource("cases")
    void tileMatchesTheOracle(int tile, int slices, int m, int n, int k, boolean transA, boolean transB) {
        SplittableRandom random = new SplittableRandom(31L * m + 7L * n + k + tile);
        int lda = (transA ? m : k) + 3;
        int ldb = (transB ? k : n) + 1;
        int ldc = n + 2;
        int aRows = transA ? k : m;
        int bRows = transB ? n : k;
        float[] a = values(random, 5 + aRows * lda);
        float[] b = values(random, 2 + bRows * ldb);
        float[] c = values(random, 4 + m * ldc);
        float alpha = 0.75f;
        float beta = -0.5f;
        try (CudaBackend backend = (CudaBackend) new EmulatedCudaProvider().create()) {
            backend.forceGemmPlan(tile, slices);
            Tensor tc = onDevice(backend, c);
            backend.gemm(transA, transB, m, n, k, alpha, onDevice(backend, a), 5, lda, onDevice(backend, b), 2, ldb,
                    beta, tc, 4, ldc);
            float[] got = new float[c.length];
            backend.download(tc, 0, got, 0, got.length);
            for (int i = 0; i < c.length; i++) {
                int rel = i - 4;
                int row = rel / ldc;
                int col = rel % ldc;
                if (rel < 0 || row >= m || col >= n) {
                    assertThat(got[i]).as("element %d outside C", i).isEqualTo(c[i]);
                    continue;
                }
                double sum = 0;
                double magnitude = 0;
                for (int p = 0; p < k; p++) {
                    double av = transA ? a[5 + p * lda + row] : a[5 + row * lda + p];
                    double bv = transB ? b[2 + col * ldb + p] : b[2 + p * ldb + col];
                    sum += av * bv;
                    magnitude += Math.abs(av * bv);
                }
                double expected = alpha * sum + beta * c[i];
                double bound = 8.0 * k * 0x1p-24 * (Math.abs(alpha) * magnitude + Math.abs(beta * c[i])) + 1e-6;
                assertThat((double) got[i]).as("C[%d][%d]", row, col).isCloseTo(expected,
                        org.assertj.core.data.Offset.offset(bound));
            }
        }
    }

    @ParameterizedTest(name = "tile {0}, 3 slices")
    @org.junit.jupiter.params.provider.ValueSource(ints = {128, 64, 32})
    void slicedProductWithBetaZeroIgnoresNaNInC(int tile) {
        int m = 20;
        int n = 37;
        int k = 300;
        SplittableRandom random = new SplittableRandom(tile);
        float[] a = values(random, m * k);
        float[] b = values(random, k * n);
        float[] c = new float[m * n];
        java.util.Arrays.fill(c, Float.NaN);
        try (CudaBackend backend = (CudaBackend) new EmulatedCudaProvider().create()) {
            backend.forceGemmPlan(tile, 3);
            Tensor tc = onDevice(backend, c);
            backend.gemm(false, false, m, n, k, 1f, onDevice(backend, a), 0, k, onDevice(backend, b), 0, n, 0f, tc, 0, n);
            float[] got = new float[c.length];
            backend.download(tc, 0, got, 0, got.length);
            for (int row = 0; row < m; row++) {
                for (int col = 0; col < n; col++) {
                    double sum = 0;
                    for (int p = 0; p < k; p++) {
                        sum += (double) a[row * k + p] * b[p * n + col];
                    }
                    assertThat((double) got[row * n + col]).as("C[%d][%d]", row, col)
                            .isCloseTo(sum, org.assertj.core.data.Offset.offset(8.0 * k * 0x1p-24 * k + 1e-6));
                }
            }
        }
    }

    @org.junit.jupiter.api.Test
    void alphaZeroOnlyScalesCEvenWhenTheProductWouldBeNaN() {
        try (CudaBackend backend = (CudaBackend) new EmulatedCudaProvider().create()) {
            Tensor a = backend.allocate(3, 4);
            Tensor b = backend.allocate(4, 5);
            Tensor c = backend.allocate(3, 5);
            backend.fill(a, 0, 12, Float.POSITIVE_INFINITY);
            backend.fill(c, 0, 15, 2f);
            backend.gemm(false, false, 3, 5, 4, 0f, a, 0, 4, b, 0, 5, 0.5f, c, 0, 5);
            float[] got = new float[15];
            backend.download(c, 0, got, 0, 15);
            for (float v : got) {
                assertThat(v).isEqualTo(1f);
            }
        }
    }

    private static Tensor onDevice(CudaBackend backend, float[] host) {
        Tensor t = backend.allocate(host.length);
        backend.upload(host, 0, t, 0, host.length);
        return t;
    }

    private static float[] values(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextDouble() * 2 - 1);
        }
        return v;
    }
}
