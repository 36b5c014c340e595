package org.rnn4j.api.kernel;

import org.rnn4j.api.tensor.Tensor;

/**
 * Fused losses with their gradients, and the softmax used for sampling. Each returns the loss
 * as a host double: that scalar is one of the edges where data leaves the device.
 *
 * <pre>{@code
 * // mean cross-entropy over the valid targets of a [T*B, V] block of logits
 * double sum = backend.softmaxCrossEntropy(T * B, V, logits, 0, targets, 0, 1f / valid, dLogits, 0);
 * }</pre>
 */
public interface LossKernels {

    /**
     * Softmax cross-entropy over {@code rows} rows of {@code classes} logits (leading dimension
     * {@code classes}). {@code targets[targetsOffset + r]} is the class of row {@code r}, or
     * negative to ignore the row (padding). Returns {@code sum_r -log softmax(logits_r)[t_r]}
     * over the rows not ignored. When {@code dLogits} is not null it receives
     * {@code gradScale * (softmax(logits_r) - onehot(t_r))}, and zeros for ignored rows;
     * {@code dLogits} may alias {@code logits}. The computation must be numerically stable
     * (the row maximum subtracted before exponentiating), so logits far beyond float's exp range
     * still give finite results.
     *
     * @throws IllegalArgumentException if a target is {@code >= classes}
     */
    double softmaxCrossEntropy(int rows, int classes, Tensor logits, int logitsOffset,
                               int[] targets, int targetsOffset, float gradScale,
                               Tensor dLogits, int dLogitsOffset);

    /**
     * Squared error {@code sum_i m_i * (pred_i - target_i)^2} with {@code m_i = mask[i]} (or 1
     * when {@code mask} is null). When {@code dPred} is not null it receives
     * {@code gradScale * 2 * m_i * (pred_i - target_i)}; it may alias {@code pred}. Elements with
     * {@code m_i == 0} contribute nothing to the loss and get a zero gradient, even when their
     * prediction or target is NaN (padding may hold anything).
     */
    double squaredError(int n, Tensor pred, int predOffset, Tensor target, int targetOffset,
                        Tensor mask, int maskOffset, float gradScale, Tensor dPred, int dPredOffset);

    /**
     * Row-wise {@code probs_r = softmax(logits_r / temperature)}, computed stably (max
     * subtracted). {@code probs} may alias {@code logits}.
     *
     * @param temperature {@code > 0} and finite
     */
    void softmax(int rows, int classes, float temperature, Tensor logits, int logitsOffset,
                 Tensor probs, int probsOffset);
}
