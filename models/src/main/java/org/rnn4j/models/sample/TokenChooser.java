package org.rnn4j.models.sample;

import org.rnn4j.core.param.SeededRandom;

/**
 * Picks a token from one row of logits on the host, the edge where a sample leaves the device.
 * All buffers are sized once for the vocabulary, so a plain temperature draw allocates nothing
 * (top-k and top-p sort the vocabulary with {@code Arrays.sort}, which may).
 */
final class TokenChooser {

    private final SamplingSettings settings;
    private final SeededRandom random;
    /** Unnormalised probabilities of the last choice: {@code exp((logit - max) / temperature)}. */
    private final double[] weights;
    private final Integer[] order;
    private final int[] sorted;
    /** The tokens in id order, for draws over the whole vocabulary. */
    private final int[] inOrder;

    TokenChooser(SamplingSettings settings, int vocabulary) {
        this.settings = settings;
        this.random = new SeededRandom(settings.seed());
        this.weights = new double[vocabulary];
        this.order = new Integer[vocabulary];
        this.sorted = new int[vocabulary];
        this.inOrder = java.util.stream.IntStream.range(0, vocabulary).toArray();
    }

    int choose(float[] logits, int offset) {
        int v = weights.length;
        if (settings.greedy()) {
            int best = 0;
            for (int i = 1; i < v; i++) {
                if (logits[offset + i] > logits[offset + best]) {
                    best = i;
                }
            }
            return best;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < v; i++) {
            max = Math.max(max, logits[offset + i]);
        }
        // Unnormalised weights: a draw scales its uniform number by their sum instead, which
        // saves a division per token (the exponentials are most of the cost; batch-1 sampling
        // picks a token every 20-30 us).
        double inverseTemperature = 1 / settings.temperature();
        double sum = 0;
        for (int i = 0; i < v; i++) {
            double w = Math.exp((logits[offset + i] - max) * inverseTemperature);
            weights[i] = w;
            sum += w;
        }
        if (settings.topK() > 0 || settings.topP() < 1) {
            for (int i = 0; i < v; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(weights[b], weights[a]));
            for (int i = 0; i < v; i++) {
                sorted[i] = order[i];
            }
            int limit = settings.topK() > 0 ? Math.min(v, settings.topK()) : v;
            // the kept tokens' weight, summed as they are taken; top-p stops at its share of the total
            double kept = 0;
            int keep = 0;
            while (keep < limit) {
                kept += weights[sorted[keep]];
                keep++;
                if (settings.topP() < 1 && kept >= settings.topP() * sum) {
                    break;
                }
            }
            return draw(random.nextDouble() * kept, sorted, keep);
        }
        return draw(random.nextDouble() * sum, inOrder, v);
    }

    /**
     * The first of {@code tokens[0..count)} at which the running sum of their
     * weights passes {@code u}. Rounding can leave {@code u} just above the last partial sum; the
     * draw then takes the last token that has any weight, never one that has none.
     */
    private int draw(double u, int[] tokens, int count) {
        for (int i = 0; i < count; i++) {
            u -= weights[tokens[i]];
            if (u < 0) {
                return tokens[i];
            }
        }
        for (int i = count - 1; i > 0; i--) {
            if (weights[tokens[i]] > 0) {
                return tokens[i];
            }
        }
        return tokens[0];
    }
}
