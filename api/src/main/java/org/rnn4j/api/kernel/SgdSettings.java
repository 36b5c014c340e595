package org.rnn4j.api.kernel;

/**
 * Hyper-parameters of stochastic gradient descent, as {@code torch.optim.SGD}.
 *
 * <pre>{@code
 * new SgdSettings(0.9f, 0f, true, 1e-4f)   // Nesterov momentum with L2 weight decay
 * }</pre>
 *
 * @param momentum     momentum factor, {@code >= 0} (0 = plain SGD)
 * @param dampening    dampening of the momentum, in {@code [0, 1]}
 * @param nesterov     Nesterov momentum (needs momentum {@code > 0} and dampening 0)
 * @param weightDecay  L2 penalty added to the gradient, {@code >= 0}
 */
public record SgdSettings(float momentum, float dampening, boolean nesterov, float weightDecay) {

    /** Validates the ranges. */
    public SgdSettings {
        if (!(momentum >= 0)) {
            throw new IllegalArgumentException("momentum must be >= 0, got " + momentum);
        }
        if (!(dampening >= 0 && dampening <= 1)) {
            throw new IllegalArgumentException("dampening must be in [0, 1], got " + dampening);
        }
        if (nesterov && (momentum <= 0 || dampening != 0)) {
            throw new IllegalArgumentException(
                    "Nesterov momentum needs momentum > 0 and dampening 0, got momentum " + momentum
                            + " and dampening " + dampening);
        }
        if (!(weightDecay >= 0)) {
            throw new IllegalArgumentException("weightDecay must be >= 0, got " + weightDecay);
        }
    }
}
