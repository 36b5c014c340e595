package org.rnn4j.api.kernel;

/**
 * Hyper-parameters of Adagrad, as {@code torch.optim.Adagrad} (learning-rate decay is the
 * schedule's business, not the kernel's).
 *
 * <pre>{@code
 * new AdagradSettings(1e-10f, 0f)   // PyTorch's defaults
 * }</pre>
 *
 * @param epsilon      added to the denominator, {@code > 0}
 * @param weightDecay  L2 penalty, {@code >= 0}
 */
public record AdagradSettings(float epsilon, float weightDecay) {

    /** Validates the ranges. */
    public AdagradSettings {
        if (!(epsilon > 0)) {
            throw new IllegalArgumentException("epsilon must be > 0, got " + epsilon);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
        }
    }
}
