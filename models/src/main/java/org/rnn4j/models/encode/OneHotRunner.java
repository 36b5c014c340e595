package org.rnn4j.models.encode;

import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.tensor.Tensor;
import org.rnn4j.models.head.Linear;

/**
 * One-hot encoding by gathering rows of an identity matrix (no special kernel needed), optionally
 * followed by a linear projection. Without the projection it {@link #passesTokensThrough() passes
 * the tokens through}: a bottom layer that reads token ids then takes them instead, and the block
 * is written only for layers that do not.
 */
final class OneHotRunner implements EncoderRunner {

    private final Backend backend;
    private final int vocabulary;
    private final int maxRows;
    private final Linear projection;
    /**
     * The identity whose rows are gathered and the one-hot block, made on first use: a session
     * whose bottom layer reads token ids never writes the block.
     */
    private Tensor identity;
    private Tensor oneHot;

    OneHotRunner(Backend backend, InputEncoding.OneHot encoding, Linear projection, int maxRows) {
        this.backend = backend;
        this.vocabulary = encoding.vocabulary();
        this.maxRows = maxRows;
        this.projection = projection;
    }

    @Override
    public Tensor output() {
        return projection == null ? block() : projection.output();
    }

    private Tensor block() {
        if (oneHot == null) {
            identity = backend.allocate(vocabulary, vocabulary);
            float[] one = {1f};
            for (int v = 0; v < vocabulary; v++) {
                backend.upload(one, 0, identity, v * vocabulary + v, 1);
            }
            oneHot = backend.allocate(maxRows, vocabulary);
        }
        return oneHot;
    }

    @Override
    public void encodeTokens(int[] tokens, int offset, int count) {
        checkTokens(tokens, offset, count);
        Tensor encoded = block();
        backend.gatherRows(count, vocabulary, identity, 0, tokens, offset, encoded, 0);
        if (projection != null) {
            projection.forward(encoded, 0, count);
        }
    }

    @Override
    public void checkTokens(int[] tokens, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            if (tokens[i] >= vocabulary) {
                throw new IllegalArgumentException("token " + tokens[i] + " at position " + i
                        + " is outside the vocabulary of " + vocabulary + " tokens");
            }
        }
    }

    @Override
    public boolean passesTokensThrough() {
        return projection == null;
    }

    @Override
    public void encodeFeatures(float[] features, int offset, int count) {
        throw new IllegalStateException("a one-hot encoder takes token ids, not real-valued features");
    }

    @Override
    public boolean trainable() {
        return projection != null;
    }

    @Override
    public void backward(Tensor dOutput, int count) {
        if (projection != null) {
            projection.backward(dOutput, count, oneHot, 0, null, 0);
        }
    }

    @Override
    public void close() {
        if (oneHot != null) {
            identity.close();
            oneHot.close();
        }
        if (projection != null) {
            projection.close();
        }
    }
}
