package org.rnn4j.backend.simd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The determinism contract: same inputs, same vector width, same thread count: the same bits,
 * run to run. Because chunking never depends on the thread count, one and two threads agree
 * too. Hidden 130 at batch 8 puts the LSTM recurrences above {@link Recurrences#PARALLEL_FLOPS},
 * so two threads split the hidden units (and 130 is no multiple of any vector width).
 */
class DeterminismTest {

    private static float[] train(int threads, int stepCount) {
        return train(threads, stepCount, false);
    }

    /**
     * On token input the batch is 20 steps of 16 rows, so that the one-hot products (320 rows by
     * 4 x 130 gate columns) are above {@link Jobs#PARALLEL_ELEMENTS} and split across threads.
     */
    private static float[] train(int threads, int stepCount, boolean tokenInput) {
        int steps = tokenInput ? 20 : 12;
        int batch = tokenInput ? 16 : 8;
        assertThat((long) steps * batch * 4 * 130).isGreaterThanOrEqualTo(tokenInput ? Jobs.PARALLEL_ELEMENTS : 0);
        try (SimdBackend backend = new SimdBackend(threads);
             TrainingLoop loop = new TrainingLoop(backend, steps, batch, 20, 130, 30, 7, tokenInput)) {
            for (int i = 0; i < stepCount; i++) {
                loop.step();
            }
            return loop.parameters();
        }
    }

    @Test
    void sameSeedSameThreadsSameBits() {
        assertSameBits(train(2, 3), train(2, 3));
    }

    @Test
    void oneAndTwoThreadsAgreeBitForBit() {
        assertSameBits(train(1, 2), train(2, 2));
    }

    @Test
    void oneAndTwoThreadsAgreeBitForBitOnTokenInput() {
        assertSameBits(train(1, 2, true), train(2, 2, true));
    }

    /** Bit for bit (as Float.floatToIntBits); AssertJ's containsExactly diffs large arrays slowly. */
    private static void assertSameBits(float[] actual, float[] expected) {
        int at = java.util.Arrays.mismatch(actual, expected);
        assertThat(at).as("first differing parameter: %s", at < 0 ? "none" : actual[at] + " vs " + expected[at])
                .isEqualTo(-1);
    }
}
