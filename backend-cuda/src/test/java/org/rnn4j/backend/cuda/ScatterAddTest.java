package org.rnn4j.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.tensor.Tensor;
import org.rnn4j.core.backend.Backends;

/**
 * The embedding gradient with many repeated indices and padding: the sorted, atomic-free kernel
 * adds each index's rows in their original order, so it matches the float32 reference backend
 * bit for bit, not only within the kit's tolerance.
 */
class ScatterAddTest {

    @Test
    void repeatedIndicesAddUpInTheReferenceOrder() {
        int tableRows = 37;
        int cols = 19;
        int count = 900;
        SplittableRandom random = new SplittableRandom(5);
        int[] rows = new int[count + 3];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = random.nextInt(10) == 0 ? -1 : random.nextInt(tableRows / 3); // few distinct, many repeats
        }
        float[] src = new float[count * cols];
        for (int i = 0; i < src.length; i++) {
            src[i] = (float) random.nextGaussian();
        }
        float[] table = new float[2 + tableRows * cols];
        for (int i = 0; i < table.length; i++) {
            table[i] = (float) random.nextGaussian();
        }
        float[] expected = scatter(Backends.discover().select("reference"), src, rows, table, tableRows, cols, count);
        float[] actual = scatter(new EmulatedCudaProvider().create(), src, rows, table, tableRows, cols, count);
        assertThat(actual).containsExactly(expected);
        assertThat(actual).isNotEqualTo(table);
    }

    private static float[] scatter(Backend backend, float[] src, int[] rows, float[] table, int tableRows, int cols,
                                   int count) {
        try (backend; Tensor s = backend.allocate(src.length); Tensor t = backend.allocate(table.length)) {
            backend.upload(src, 0, s, 0, src.length);
            backend.upload(table, 0, t, 0, table.length);
            backend.scatterAddRows(count, cols, s, 0, rows, 3, t, 2);
            float[] out = new float[table.length];
            backend.download(t, 0, out, 0, out.length);
            return out;
        }
    }
}
