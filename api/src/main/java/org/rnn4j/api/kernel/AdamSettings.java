package org.rnn4j.api.kernel;

/**
 * Hyper-parameters of Adam and AdamW, as {@code torch.optim.Adam} / {@code AdamW}.
 *
 * <pre>{@code
 * new AdamSettings(0.9f, 0.999f, 1e-8f, 0f, false)    // Adam's defaults
 * new AdamSettings(0.9f, 0.999f, 1e-8f, 1e-2f, true)  // AdamW's defaults
 * }</pre>
 *
 * @param beta1        decay of the first moment, in {@code [0, 1)}
 * @param beta2        decay of the second moment, in {@code [0, 1)}
 * @param epsilon      added to the denominator, {@code > 0}
 * @param weightDecay  {@code >= 0}: an L2 term in the gradient (Adam) or a decoupled decay of
 *                     the weights by {@code lr * weightDecay} (AdamW)
 * @param decoupled    true for AdamW
 */
public record AdamSettings(float beta1, float beta2, float epsilon, float weightDecay, boolean decoupled) {

    /** Validates the ranges. */
    public AdamSettings {
        if (!(beta1 >= 0 && beta1 < 1)) {
            throw new IllegalArgumentException("beta1 must be in [0, 1), got " + beta1);
        }
        if (!(beta2 >= 0 && beta2 < 1)) {
            throw new IllegalArgumentException("beta2 must be in [0, 1), got " + beta2);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be > 0, got " + epsilon);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
        }
    }
}
