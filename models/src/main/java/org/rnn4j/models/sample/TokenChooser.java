package org.rnn4j.models.sample;

import org.rnn4j.core.param.SeededRandom;

/**
 * Picks a token from one row of logits on the host, the edge where a sample leaves the device.
 * All buffers are sized once for the vocabulary, so choosing allocates nothing.
 */
final class TokenChooser {

    private final SamplingSettings settings;
    private final SeededRandom random;
    private final double[] probs;
    private final Integer[] order;
    private final int[] sorted;

    TokenChooser(SamplingSettings settings, int vocabulary) {
        this.settings = settings;
        this.random = new SeededRandom(settings.seed());
        this.probs = new double[vocabulary];
        this.order = new Integer[vocabulary];
        this.sorted = new int[vocabulary];
    }

    int choose(float[] logits, int offset) {
        int v = probs.length;
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
        double sum = 0;
        for (int i = 0; i < v; i++) {
            probs[i] = Math.exp((logits[offset + i] - max) / settings.temperature());
            sum += probs[i];
        }
        for (int i = 0; i < v; i++) {
            probs[i] /= sum;
        }
        int keep = v;
        if (settings.topK() > 0 || settings.topP() < 1) {
            for (int i = 0; i < v; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (a, b) -> Double.compare(probs[b], probs[a]));
            for (int i = 0; i < v; i++) {
                sorted[i] = order[i];
            }
            if (settings.topK() > 0) {
                keep = Math.min(keep, settings.topK());
            }
            if (settings.topP() < 1) {
                double mass = 0;
                int n = 0;
                while (n < keep) {
                    mass += probs[sorted[n]];
                    n++;
                    if (mass >= settings.topP()) {
                        break;
                    }
                }
                keep = n;
            }
            double kept = 0;
            for (int i = 0; i < keep; i++) {
                kept += probs[sorted[i]];
            }
            double u = random.nextDouble() * kept;
            for (int i = 0; i < keep; i++) {
                u -= probs[sorted[i]];
                if (u < 0) {
                    return sorted[i];
                }
            }
            return sorted[keep - 1];
        }
        double u = random.nextDouble();
        for (int i = 0; i < v; i++) {
            u -= probs[i];
            if (u < 0) {
                return i;
            }
        }
        return v - 1;
    }
}
