package org.rnn4j.core.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.tensor.Tensor;
import org.rnn4j.core.backend.Backends;

/**
 * The oracle's one-hot products are what their contract says they abbreviate: the GEMMs with the
 * one-hot rows written out (the backend test kit then holds every other backend to the oracle).
 */
class OneHotOracleTest {

    @ParameterizedTest(name = "{0}: rows={1} n={2} vocabulary={3}")
    @CsvSource({"reference, 7, 5, 4", "reference, 40, 33, 65", "reference-f64, 40, 33, 65"})
    void theOneHotProductsEqualTheGemmsOfTheOneHotRows(String name, int rows, int n, int vocabulary) {
        SplittableRandom random = new SplittableRandom(rows * 13L + vocabulary);
        int[] tokens = new int[rows];
        float[] oneHot = new float[rows * vocabulary];
        for (int r = 0; r < rows; r++) {
            tokens[r] = r % 6 == 5 ? -1 : random.nextInt(vocabulary);
            if (tokens[r] >= 0) {
                oneHot[r * vocabulary + tokens[r]] = 1f;
            }
        }
        try (Backend be = Backends.discover().select(name)) {
            Tensor x = upload(be, oneHot);
            Tensor w = upload(be, uniform(random, n * vocabulary));
            Tensor dc = upload(be, uniform(random, rows * n));
            float[] dw0 = uniform(random, n * vocabulary);

            Tensor c = be.allocate(rows * n);
            Tensor expected = be.allocate(rows * n);
            be.oneHotProduct(rows, n, vocabulary, tokens, 0, w, 0, c, 0);
            be.gemm(false, true, rows, n, vocabulary, 1f, x, 0, vocabulary, w, 0, vocabulary, 0f, expected, 0, n);
            assertThat(download(be, c)).containsExactly(download(be, expected));

            Tensor dw = upload(be, dw0);
            Tensor dwExpected = upload(be, dw0);
            be.oneHotWeightGradient(rows, n, vocabulary, tokens, 0, dc, 0, dw, 0);
            be.gemm(true, false, n, vocabulary, rows, 1f, dc, 0, n, x, 0, vocabulary, 1f, dwExpected, 0, vocabulary);
            float[] actual = download(be, dw);
            float[] gemm = download(be, dwExpected);
            assertThat(actual).isNotEqualTo(dw0);
            for (int i = 0; i < actual.length; i++) {
                assertThat(actual[i]).as("dW[%d]", i).isCloseTo(gemm[i], within(1e-6f));
            }
        }
    }

    private static float[] uniform(SplittableRandom random, int size) {
        float[] values = new float[size];
        for (int i = 0; i < size; i++) {
            values[i] = (float) random.nextDouble(-1, 1);
        }
        return values;
    }

    private static Tensor upload(Backend be, float[] values) {
        Tensor t = be.allocate(values.length);
        be.upload(values, 0, t, 0, values.length);
        return t;
    }

    private static float[] download(Backend be, Tensor t) {
        float[] values = new float[t.size()];
        be.download(t, 0, values, 0, values.length);
        return values;
    }
}
