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

    /**
     * Encodes token ids together with the characters of their words, for encodings that
     * {@link InputEncoding#readsCharacters() read characters}: row {@code r}'s word is
     * {@code characters[r * maxWordLength, r * maxWordLength + wordLengths[r])}; a row whose
     * word has no characters gets zero character features.
     */
    default void encodeWords(int[] tokens, int[] characters, int[] wordLengths, int maxWordLength, int rows) {
        throw new IllegalStateException("this encoder reads token ids only; call encodeTokens");
    }

    /**
     * Whether {@link #output()} after {@link #encodeTokens} is exactly the one-hot rows of the
     * tokens (no parameters): a first layer that {@link org.rnn4j.api.cell.CellRunner#readsTokens
     * reads tokens} can then take the ids instead, and the block need not be written.
     */
    default boolean passesTokensThrough() {
        return false;
    }

    /**
     * For an encoder that {@link #passesTokensThrough()}: refuses token ids as
     * {@link #encodeTokens} would, without encoding them.
     */
    default void checkTokens(int[] tokens, int offset, int rows) {
        throw new IllegalStateException("this encoder does not pass tokens through; call encodeTokens");
    }

    /** Encodes real-valued features, {@code rows * features} values. */
    void encodeFeatures(float[] features, int offset, int rows);

    /** Whether {@link #backward} needs the gradient at {@link #output()}. */
    boolean trainable();

    /** Accumulates parameter gradients from the gradient at the output of the last encode. */
    void backward(Tensor dOutput, int rows);

    @Override
    void close();
}
