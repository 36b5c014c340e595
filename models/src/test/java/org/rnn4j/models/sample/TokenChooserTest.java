package org.rnn4j.models.sample;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The chooser draws from {@code softmax(logits / temperature)}, restricted as the settings say:
 * frequencies over many draws must match the exact probabilities within five standard errors.
 */
class TokenChooserTest {

    private static final float[] LOGITS = {2.0f, 1.0f, 0.5f, -1.0f, -3.0f, 0.0f};
    private static final int DRAWS = 200_000;

    @Test
    void drawsFollowTheSoftmaxAtTheTemperature() {
        for (double temperature : new double[] {0.5, 0.8, 2.0}) {
            int[] counts = count(SamplingSettings.temperature(temperature, 11));
            double[] p = softmax(temperature, LOGITS.length);
            assertFrequencies(counts, p);
        }
    }

    @Test
    void topKRenormalisesOverTheKMostLikely() {
        int[] counts = count(SamplingSettings.temperature(1.0, 5).withTopK(2));
        double[] full = softmax(1.0, LOGITS.length);
        double kept = full[0] + full[1];
        assertFrequencies(counts, new double[] {full[0] / kept, full[1] / kept, 0, 0, 0, 0});
    }

    @Test
    void topPKeepsTheSmallestSetThatReachesTheMass() {
        double[] full = softmax(1.0, LOGITS.length);
        // p just above the two most likely tokens' mass: the third (logit 0.5) joins them
        double p = full[0] + full[1] + 1e-3;
        int[] counts = count(SamplingSettings.temperature(1.0, 9).withTopP(p));
        double kept = full[0] + full[1] + full[2];
        assertFrequencies(counts, new double[] {full[0] / kept, full[1] / kept, full[2] / kept, 0, 0, 0});
    }

    @Test
    void greedyTakesTheLargestLogitAndSamplingNeverTakesAZeroProbabilityToken() {
        TokenChooser greedy = new TokenChooser(SamplingSettings.mostLikely(), 4);
        assertThat(greedy.choose(new float[] {9f, 0.1f, 3f, 7f, 0.2f}, 1)).isEqualTo(2); // 7f, read from offset 1

        // exp(-1e30) is 0: those tokens can never be drawn, whatever the uniform numbers
        float[] logits = {0f, -1e30f, -1e30f, 0f, -1e30f};
        TokenChooser chooser = new TokenChooser(SamplingSettings.temperature(1.0, 3), logits.length);
        for (int i = 0; i < 10_000; i++) {
            assertThat(chooser.choose(logits, 0)).isIn(0, 3);
        }
    }

    private static int[] count(SamplingSettings settings) {
        TokenChooser chooser = new TokenChooser(settings, LOGITS.length);
        int[] counts = new int[LOGITS.length];
        for (int i = 0; i < DRAWS; i++) {
            counts[chooser.choose(LOGITS, 0)]++;
        }
        return counts;
    }

    private static double[] softmax(double temperature, int n) {
        double[] p = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            p[i] = Math.exp(LOGITS[i] / temperature);
            sum += p[i];
        }
        for (int i = 0; i < n; i++) {
            p[i] /= sum;
        }
        return p;
    }

    private static void assertFrequencies(int[] counts, double[] p) {
        for (int i = 0; i < p.length; i++) {
            double expected = p[i] * DRAWS;
            double sigma = Math.sqrt(DRAWS * p[i] * (1 - p[i]));
            assertThat((double) counts[i]).as("token %d: expected probability %.5f", i, p[i])
                    .isCloseTo(expected, org.assertj.core.data.Offset.offset(5 * sigma + 1e-9));
        }
    }
}
