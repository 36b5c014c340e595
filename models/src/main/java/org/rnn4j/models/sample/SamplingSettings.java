package org.rnn4j.models.sample;

/**
 * How the next token is chosen from the model's scores: greedily (the most likely), or by
 * drawing from {@code softmax(logits / temperature)}, optionally restricted to the {@code k}
 * most likely tokens (top-k) and/or to the smallest set whose probability reaches {@code p}
 * (top-p, nucleus sampling). Low temperature sharpens the distribution (repetitive text), high
 * temperature flattens it (diverse, eventually noisy text).
 *
 * <pre>{@code
 * SamplingSettings.mostLikely();
 * SamplingSettings.temperature(0.8, 42).withTopK(10).withTopP(0.9);
 * }</pre>
 *
 * @param greedy      always take the most likely token
 * @param temperature divides the logits, {@code > 0}
 * @param topK        keep only the {@code k} most likely tokens; 0 keeps all
 * @param topP        keep the smallest most-likely set with probability {@code >= p}, in (0, 1]
 * @param seed        seed of the draws
 */
public record SamplingSettings(boolean greedy, double temperature, int topK, double topP, long seed) {

    /** Validates every setting, saying what is allowed. */
    public SamplingSettings {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be > 0 and finite, got " + temperature
                    + "; for the limit of temperature 0 use SamplingSettings.mostLikely() (greedy decoding)");
        }
        if (topK < 0) {
            throw new IllegalArgumentException("top-k must be >= 1 (or 0 for no limit), got " + topK);
        }
        if (!(topP > 0 && topP <= 1)) {
            throw new IllegalArgumentException("top-p must be in (0, 1], got " + topP);
        }
    }

    /** Greedy decoding. */
    public static SamplingSettings mostLikely() {
        return new SamplingSettings(true, 1, 0, 1, 0);
    }

    /** Sampling at {@code temperature} from seed {@code seed}. */
    public static SamplingSettings temperature(double temperature, long seed) {
        return new SamplingSettings(false, temperature, 0, 1, seed);
    }

    /** These settings restricted to the {@code k} most likely tokens ({@code k >= 1}). */
    public SamplingSettings withTopK(int k) {
        if (k < 1) {
            throw new IllegalArgumentException("top-k must be >= 1, got " + k);
        }
        return new SamplingSettings(greedy, temperature, k, topP, seed);
    }

    /** These settings restricted to the nucleus of probability {@code p}. */
    public SamplingSettings withTopP(double p) {
        return new SamplingSettings(greedy, temperature, topK, p, seed);
    }
}
