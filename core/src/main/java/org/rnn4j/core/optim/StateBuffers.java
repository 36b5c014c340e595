package org.rnn4j.core.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.optim.OptimizerState;
import org.rnn4j.api.tensor.Tensor;

/**
 * The named state buffers of one optimiser, all as long as the parameter vector, with the
 * lifecycle bookkeeping every optimiser shares: allocation, step counting, snapshot and restore.
 */
final class StateBuffers implements AutoCloseable {

    private final String optimizer;
    private final String[] names;
    private final Tensor[] buffers;
    private Backend backend;
    private int size = -1;
    private long step;

    StateBuffers(String optimizer, String... names) {
        this.optimizer = optimizer;
        this.names = names.clone();
        this.buffers = new Tensor[names.length];
    }

    void initialize(Backend be, int parameterCount) {
        if (be == null) {
            throw new IllegalArgumentException("backend must not be null");
        }
        if (parameterCount < 1) {
            throw new IllegalArgumentException("parameterCount must be >= 1, got " + parameterCount);
        }
        close();
        backend = be;
        size = parameterCount;
        step = 0;
        for (int i = 0; i < names.length; i++) {
            buffers[i] = be.allocate(parameterCount);
        }
    }

    /** Checks the tensors of a step and returns the backend. */
    Backend begin(Tensor parameters, Tensor gradients) {
        if (backend == null) {
            throw new IllegalStateException(optimizer + " optimizer used before initialize(backend, parameterCount)");
        }
        if (parameters.size() != size || gradients.size() != size) {
            throw new IllegalArgumentException(optimizer + " was initialised for " + size + " parameters but got "
                    + parameters.size() + " parameters and " + gradients.size() + " gradients");
        }
        return backend;
    }

    Tensor buffer(int i) {
        return buffers[i];
    }

    int size() {
        return size;
    }

    /** Counts a finished step and returns the new count (1 after the first step). */
    long advance() {
        return ++step;
    }

    long step() {
        return step;
    }

    OptimizerState snapshot() {
        if (backend == null) {
            throw new IllegalStateException(optimizer + " has no state before initialize");
        }
        Map<String, float[]> copies = new LinkedHashMap<>();
        for (int i = 0; i < names.length; i++) {
            float[] host = new float[size];
            backend.download(buffers[i], 0, host, 0, size);
            copies.put(names[i], host);
        }
        return new OptimizerState(optimizer, step, copies);
    }

    void restore(OptimizerState state) {
        if (backend == null) {
            throw new IllegalStateException("call initialize before restoring " + optimizer + " state");
        }
        if (!optimizer.equals(state.optimizer())) {
            throw new IllegalArgumentException("cannot restore " + state.optimizer() + " state into a " + optimizer
                    + " optimizer");
        }
        for (int i = 0; i < names.length; i++) {
            float[] host = state.buffers().get(names[i]);
            if (host == null) {
                throw new IllegalArgumentException(optimizer + " state lacks buffer '" + names[i] + "'");
            }
            if (host.length != size) {
                throw new IllegalArgumentException(optimizer + " state buffer '" + names[i] + "' has " + host.length
                        + " values but the model has " + size + " parameters");
            }
        }
        for (int i = 0; i < names.length; i++) {
            backend.upload(state.buffers().get(names[i]), 0, buffers[i], 0, size);
        }
        step = state.step();
    }

    @Override
    public void close() {
        for (int i = 0; i < buffers.length; i++) {
            if (buffers[i] != null) {
                buffers[i].close();
                buffers[i] = null;
            }
        }
    }
}
