package org.rnn4j.api.kernel;

/**
 * Hyper-parameters of RMSprop, as {@code torch.optim.RMSprop} (not centred).
 *
 * <pre>{@code
 * new RmspropSettings(0.99f, 1e-8f, 0f, 0f)   // PyTorch's defaults
 * }</pre>
 *
 * @param alpha        smoothing of the squared-gradient average, in {@code [0, 1)}
 * @param epsilon      added to the denominator, {@code > 0}
 * @param weightDecay  L2 penalty, {@code >= 0}
 * @param momentum     momentum factor, {@code >= 0}
 */
public record RmspropSettings(float alpha, float epsilon, float weightDecay, float momentum) {

    /** Validates the ranges. */
    public RmspropSettings {
        if (!(alpha >= 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must be in [0, 1), got " + alpha);
        }
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be > 0, got " + epsilon);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
        }
        if (!(momentum >= 0)) {
            throw new IllegalArgumentException("momentum must be >= 0, got " + momentum);
        }
    }
}
