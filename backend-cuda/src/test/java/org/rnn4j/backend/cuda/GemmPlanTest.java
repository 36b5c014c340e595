package org.rnn4j.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which tile and how many k slices a product gets on a GPU of a given size. */
class GemmPlanTest {

    private static final int H100_SMS = 132;

    @ParameterizedTest(name = "{0}x{1}x{2} on {3} SMs: tile {4}, {5} slices")
    @CsvSource({
            // the recurrent products of an LSTM 512 at batch 64: forward (h W_hh^T), backward (dG W_hh)
            "64, 2048, 512, 132, 64, 4",
            "64, 512, 2048, 132, 64, 16",
            // large products fill the GPU with the largest tile and no slices
            "4096, 4096, 4096, 132, 128, 1",
            "6400, 2048, 512, 132, 128, 1",
            // a weight gradient (k = T * B) with few output tiles gets a few slices
            "2048, 512, 6400, 132, 128, 2",
            // short k is never sliced
            "64, 512, 100, 132, 32, 1",
            // small products: slicing would save less than the reduction's launch costs
            "1, 1024, 256, 132, 32, 1",
            "64, 256, 256, 132, 32, 1",
            // a one-tile output on a two-multiprocessor GPU: the smallest tile, two slices
            "32, 32, 4096, 2, 32, 2",
    })
    void choosesTheTileAndSlices(int m, int n, int k, int sms, int tile, int slices) {
        GemmPlan plan = GemmPlan.choose(m, n, k, sms);
        assertThat(plan.tile()).isEqualTo(tile);
        assertThat(plan.slices()).isEqualTo(slices);
    }

    @Test
    void slicesCoverKExactlyOnceInWholeKSteps() {
        for (int t = 0; t < GemmPlan.TILES.length; t++) {
            for (int k = 1; k <= 700; k += 3) {
                for (int wanted = 1; wanted <= 20; wanted++) {
                    GemmPlan plan = GemmPlan.sliced(t, wanted, k);
                    assertThat(plan.slices()).isBetween(1, wanted);
                    if (plan.slices() > 1) {
                        assertThat(plan.kChunk() % GemmPlan.K_STEPS[t]).as("chunk of tile %d", t).isZero();
                        assertThat((long) plan.kChunk() * plan.slices()).isGreaterThanOrEqualTo(k);
                        assertThat((long) plan.kChunk() * (plan.slices() - 1)).as("last slice not empty").isLessThan(k);
                    } else {
                        assertThat(plan.kChunk()).isEqualTo(k);
                    }
                }
            }
        }
    }

    @Test
    void everyChoiceIsAValidPlan() {
        for (int m : new int[] {1, 17, 64, 300, 5000}) {
            for (int n : new int[] {1, 65, 512, 2048}) {
                for (int k : new int[] {0, 1, 129, 2048, 6400}) {
                    GemmPlan plan = GemmPlan.choose(m, n, k, H100_SMS);
                    assertThat(plan.slices()).isGreaterThanOrEqualTo(1);
                    assertThat((long) plan.kChunk() * plan.slices()).isGreaterThanOrEqualTo(k);
                }
            }
        }
    }
}
