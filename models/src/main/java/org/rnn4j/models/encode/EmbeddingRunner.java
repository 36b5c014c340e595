package org.rnn4j.models.encode;

import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.cell.ParameterRef;
import org.rnn4j.api.tensor.Tensor;
import org.rnn4j.core.param.Parameters;

/** Embedding lookup by gather, gradient by scatter-add into the rows that were used. */
final class EmbeddingRunner implements EncoderRunner {

    private final Backend backend;
    private final InputEncoding.Embedding encoding;
    private final ParameterRef table;
    private final ParameterRef gradient;
    private final Tensor output;
    private int[] lastTokens;
    private int lastOffset;

    EmbeddingRunner(Backend backend, InputEncoding.Embedding encoding, Parameters params, int maxRows) {
        this.backend = backend;
        this.encoding = encoding;
        this.table = params.value("embedding.weight");
        this.gradient = params.gradient("embedding.weight");
        this.output = backend.allocate(maxRows, encoding.dimension());
    }

    @Override
    public Tensor output() {
        return output;
    }

    @Override
    public void encodeTokens(int[] tokens, int offset, int rows) {
        for (int i = offset; i < offset + rows; i++) {
            if (tokens[i] >= encoding.vocabulary()) {
                throw new IllegalArgumentException("token " + tokens[i] + " at position " + i
                        + " is outside the vocabulary of " + encoding.vocabulary() + " tokens");
            }
        }
        lastTokens = tokens;
        lastOffset = offset;
        backend.gatherRows(rows, encoding.dimension(), table.tensor(), table.offset(), tokens, offset, output, 0);
    }

    @Override
    public void encodeFeatures(float[] features, int offset, int rows) {
        throw new IllegalStateException("an embedding takes token ids, not real-valued features");
    }

    @Override
    public boolean trainable() {
        return true;
    }

    @Override
    public void backward(Tensor dOutput, int rows) {
        backend.scatterAddRows(rows, encoding.dimension(), dOutput, 0, lastTokens, lastOffset, gradient.tensor(),
                gradient.offset());
    }

    @Override
    public void close() {
        output.close();
    }
}
