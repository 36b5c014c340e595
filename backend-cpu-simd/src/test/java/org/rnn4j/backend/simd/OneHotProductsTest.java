package org.rnn4j.backend.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnn4j.api.tensor.Shape;

/**
 * What the backend test kit cannot reach from outside: the in-place forward path for matrices too
 * large for the packed cache, and the thread-count independence of the weight gradient.
 */
class OneHotProductsTest {

    @ParameterizedTest(name = "rows={0} n={1} vocabulary={2}")
    @CsvSource({"1, 1024, 65", "300, 257, 600", "70, 33, 3"})
    void aMatrixTooLargeForTheCacheIsReadInPlaceWithTheSameResult(int rows, int n, int vocabulary) {
        SplittableRandom random = new SplittableRandom(rows * 31L + n);
        SimdTensor w = new SimdTensor(Shape.of(n, vocabulary));
        float[] wd = w.data();
        for (int i = 0; i < wd.length; i++) {
            wd[i] = (float) random.nextDouble(-1, 1);
        }
        int[] tokens = tokens(random, rows, vocabulary);
        float[] packedPath = new float[rows * n];
        float[] inPlace = new float[rows * n];
        try (WorkerPool pool = new WorkerPool(2)) {
            PackedWeights cache = new PackedWeights(pool);
            new OneHotProducts(pool, cache, PackedWeights.MAX_FLOATS)
                    .product(rows, n, vocabulary, tokens, 0, w, 0, packedPath, 0);
            assertThat(cache.misses()).as("the cached path packed W").isEqualTo(1);
            new OneHotProducts(pool, cache, 0).product(rows, n, vocabulary, tokens, 0, w, 0, inPlace, 0);
            assertThat(cache.misses() + cache.hits()).as("the in-place path left the cache alone").isEqualTo(1);
        }
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < n; j++) {
                float expected = tokens[r] < 0 ? 0f : wd[j * vocabulary + tokens[r]];
                assertThat(inPlace[r * n + j]).as("in place C[%d][%d]", r, j).isEqualTo(expected);
                assertThat(packedPath[r * n + j]).as("packed C[%d][%d]", r, j).isEqualTo(expected);
            }
        }
    }

    @ParameterizedTest(name = "rows={0} n={1} vocabulary={2}")
    @CsvSource({"700, 300, 65", "2000, 129, 300"})
    void theWeightGradientHasTheSameBitsOnOneTwoAndThreeThreads(int rows, int n, int vocabulary) {
        SplittableRandom random = new SplittableRandom(rows + 7L * n);
        float[] dc = new float[rows * n];
        for (int i = 0; i < dc.length; i++) {
            dc[i] = (float) random.nextDouble(-1, 1);
        }
        float[] dw0 = new float[n * vocabulary];
        for (int i = 0; i < dw0.length; i++) {
            dw0[i] = (float) random.nextDouble(-1, 1);
        }
        int[] tokens = tokens(random, rows, vocabulary);
        float[][] results = new float[3][];
        for (int threads = 1; threads <= 3; threads++) {
            float[] dw = dw0.clone();
            try (WorkerPool pool = new WorkerPool(threads)) {
                new OneHotProducts(pool, new PackedWeights(pool), PackedWeights.MAX_FLOATS)
                        .weightGradient(rows, n, vocabulary, tokens, 0, dc, 0, dw, 0);
            }
            results[threads - 1] = dw;
        }
        assertThat(Arrays.equals(results[0], dw0)).as("the gradient changed dW").isFalse();
        assertThat(Arrays.mismatch(results[0], results[1])).as("first element where 1 and 2 threads differ")
                .isEqualTo(-1);
        assertThat(Arrays.mismatch(results[0], results[2])).as("first element where 1 and 3 threads differ")
                .isEqualTo(-1);
    }

    private static int[] tokens(SplittableRandom random, int rows, int vocabulary) {
        int[] tokens = new int[rows];
        for (int i = 0; i < rows; i++) {
            tokens[i] = random.nextInt(10) == 0 ? -1 : random.nextInt(vocabulary);
        }
        return tokens;
    }
}
