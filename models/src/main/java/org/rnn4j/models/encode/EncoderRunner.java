package org.rnn4j.models.encode;

import org.rnn4j.api.tensor.Tensor;

/**
 * An {@link InputEncoding} bound to a backend and a workspace of {@code rows} rows: turns a
 * batch's host input into the stack's input block, and routes its gradient into the encoder's
 * parameters.
 *
 * <pre>{@code
 * encoder.encodeTokens(batch.inputs(), 0, rows);
 * stack.forward(encoder.output(), 0, steps);
 * }</pre>
 */
public interface EncoderRunner extends AutoCloseable {

    /** The encoded block, {@code [rows, outputSize]}. */
    Tensor output();

    /** Encodes token ids ({@code negative = padding}, encoded as zeros). */
    void encodeTokens(int[] tokens, int offset, int rows);

    /** Encodes real-valued features, {@code rows * features} values. */
    void encodeFeatures(float[] features, int offset, int rows);

    /** Whether {@link #backward} needs the gradient at {@link #output()}. */
    boolean trainable();

    /** Accumulates parameter gradients from the gradient at the output of the last encode. */
    void backward(Tensor dOutput, int rows);

    @Override
    void close();
}
