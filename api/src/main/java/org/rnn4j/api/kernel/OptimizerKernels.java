package org.rnn4j.api.kernel;

import org.rnn4j.api.tensor.Tensor;

/**
 * Fused optimiser updates over a contiguous range, following {@code torch.optim} exactly.
 * Parameters, gradients and every state buffer share one layout, so one {@code offset} and
 * {@code length} address the same parameters in all of them (rnn4j keeps all of a model's
 * parameters in one flat tensor: a whole model updates in one call).
 *
 * <pre>{@code
 * backend.adamStep(params, grads, m, v, 0, params.size(), 2e-3f, step, adam);
 * }</pre>
 */
public interface OptimizerKernels {

    /**
     * SGD: {@code g = grad + wd * p}; with momentum {@code buf = g} on the first step, else
     * {@code buf = momentum * buf + (1 - dampening) * g}; then {@code g = g + momentum * buf}
     * (Nesterov) or {@code g = buf}; finally {@code p -= lr * g}. {@code momentumBuffer} may be
     * null when momentum is 0. {@code grad} is not modified.
     */
    void sgdStep(Tensor param, Tensor grad, Tensor momentumBuffer, int offset, int length,
                 float lr, boolean firstStep, SgdSettings settings);

    /**
     * Adam/AdamW at step {@code step >= 1}: AdamW first scales {@code p *= 1 - lr * wd}, Adam
     * adds {@code wd * p} to the gradient; then {@code m = b1 m + (1 - b1) g},
     * {@code v = b2 v + (1 - b2) g^2}, and
     * {@code p -= (lr / (1 - b1^step)) * m / (sqrt(v) / sqrt(1 - b2^step) + eps)}.
     *
     * @throws IllegalArgumentException if {@code step < 1}
     */
    void adamStep(Tensor param, Tensor grad, Tensor m, Tensor v, int offset, int length,
                  float lr, long step, AdamSettings settings);

    /**
     * RMSprop: {@code g = grad + wd * p}; {@code sq = alpha sq + (1 - alpha) g^2};
     * {@code d = sqrt(sq) + eps}; with momentum {@code buf = momentum buf + g / d},
     * {@code p -= lr buf}; else {@code p -= lr g / d}. {@code momentumBuffer} may be null when
     * momentum is 0.
     */
    void rmspropStep(Tensor param, Tensor grad, Tensor square, Tensor momentumBuffer,
                     int offset, int length, float lr, RmspropSettings settings);

    /**
     * Adagrad: {@code g = grad + wd * p}; {@code sum += g^2}; {@code p -= lr g / (sqrt(sum) + eps)}.
     */
    void adagradStep(Tensor param, Tensor grad, Tensor sum, int offset, int length,
                     float lr, AdagradSettings settings);
}
