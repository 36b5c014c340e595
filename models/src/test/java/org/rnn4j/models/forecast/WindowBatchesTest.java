package org.rnn4j.models.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.rnn4j.models.seq.SequenceBatch;

/** Windows read W inputs and ask for the H next targets: at every step for training, at the last for scoring. */
class WindowBatchesTest {

    private static final float[] Y = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9};

    private static float[][] inputs() {
        float[][] x = new float[Y.length][2];
        for (int i = 0; i < Y.length; i++) {
            x[i][0] = Y[i];
            x[i][1] = 100 + i;
        }
        return x;
    }

    @Test
    void evaluationWindowsScoreOnlyTheLastStep() {
        WindowBatches w = new WindowBatches(inputs(), Y, new int[] {2, 3, 7}, 3, 2, 2, false, 0);
        assertThat(w.batchesPerEpoch()).isEqualTo(2);
        SequenceBatch b = w.newBatch();
        assertThat(w.next(b)).isTrue();
        // step k, sequence s -> row (k*2+s); origin 2 reads rows 0..2, origin 3 rows 1..3
        assertThat(b.features()[0]).isEqualTo(0f);
        assertThat(b.features()[1]).isEqualTo(100f);
        assertThat(b.features()[2]).isEqualTo(1f);
        assertThat(b.features()[(2 * 2 + 1) * 2]).isEqualTo(3f);
        int last0 = (2 * 2) * 2;
        assertThat(new float[] {b.values()[last0], b.values()[last0 + 1]}).containsExactly(3, 4);
        assertThat(new float[] {b.mask()[last0], b.mask()[last0 + 1]}).containsExactly(1, 1);
        assertThat(b.mask()[0]).isZero();
        assertThat(w.next(b)).isTrue();
        assertThat(b.mask()[(2 * 2 + 1) * 2]).isZero();     // the short last batch's empty slot
        assertThat(w.next(b)).isFalse();
    }

    @Test
    void trainingWindowsTeachEveryStepAndReshuffle() {
        WindowBatches w = new WindowBatches(inputs(), Y, new int[] {2, 3, 4, 5, 6, 7}, 3, 2, 6, true, 1);
        SequenceBatch b = w.newBatch();
        w.next(b);
        for (int k = 0; k < 3; k++) {
            for (int s = 0; s < 6; s++) {
                int row = k * 6 + s;
                float x = b.features()[row * 2];
                assertThat(b.values()[row * 2]).isEqualTo(x + 1);
                assertThat(b.values()[row * 2 + 1]).isEqualTo(x + 2);
                assertThat(b.mask()[row * 2]).isEqualTo(1f);
            }
        }
        int first = w.originOf(0, 0);
        boolean changed = false;
        for (int e = 0; e < 5 && !changed; e++) {
            w.rewind();
            changed = w.originOf(0, 0) != first;
        }
        assertThat(changed).isTrue();
        assertThatThrownBy(() -> new WindowBatches(inputs(), Y, new int[] {8}, 3, 2, 1, false, 0))
                .hasMessageContaining("origin 8 needs rows 6..10");
    }
}
