package org.rnn4j.models.encode;

import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.tensor.Tensor;

/** Real-valued features copied to the device as they are. */
final class DenseRunner implements EncoderRunner {

    private final Backend backend;
    private final int features;
    private final Tensor output;

    DenseRunner(Backend backend, int features, int maxRows) {
        this.backend = backend;
        this.features = features;
        this.output = backend.allocate(maxRows, features);
    }

    @Override
    public Tensor output() {
        return output;
    }

    @Override
    public void encodeTokens(int[] tokens, int offset, int rows) {
        throw new IllegalStateException("a dense encoder takes real-valued features, not token ids");
    }

    @Override
    public void encodeFeatures(float[] values, int offset, int rows) {
        backend.upload(values, offset, output, 0, rows * features);
    }

    @Override
    public boolean trainable() {
        return false;
    }

    @Override
    public void backward(Tensor dOutput, int rows) {
        // no parameters
    }

    @Override
    public void close() {
        output.close();
    }
}
