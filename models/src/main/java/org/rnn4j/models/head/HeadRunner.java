package org.rnn4j.models.head;

import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.kernel.Activation;
import org.rnn4j.api.tensor.Tensor;

/**
 * An {@link OutputHead} bound to its parameters and a workspace: one linear layer, or linear,
 * activation (in place) and a second linear layer.
 *
 * <pre>{@code
 * Tensor logits = head.forward(stackOutputs, rows);
 * head.backward(dLogits, rows, stackOutputs, dStackOutputs);
 * }</pre>
 */
public final class HeadRunner implements AutoCloseable {

    private final Backend backend;
    private final Linear first;
    private final Activation activation;
    private final Linear second;
    private final Tensor dHidden;

    HeadRunner(Backend backend, Linear first, Activation activation, Linear second, Tensor dHidden) {
        this.backend = backend;
        this.first = first;
        this.activation = activation;
        this.second = second;
        this.dHidden = dHidden;
    }

    /** The predictions of the last forward, {@code [rows, outputs]}. */
    public Tensor output() {
        return second == null ? first.output() : second.output();
    }

    /** Predictions for the first {@code rows} rows of {@code x}. */
    public Tensor forward(Tensor x, int rows) {
        Tensor hidden = first.forward(x, 0, rows);
        if (second == null) {
            return hidden;
        }
        backend.activation(activation, rows * first.output().shape().dim(1), hidden, 0, hidden, 0);
        return second.forward(hidden, 0, rows);
    }

    /** Accumulates the head's gradients and writes {@code dx} (the gradient at the head's input). */
    public void backward(Tensor dOutput, int rows, Tensor x, Tensor dx) {
        if (second == null) {
            first.backward(dOutput, rows, x, 0, dx, 0);
            return;
        }
        Tensor hidden = first.output();
        second.backward(dOutput, rows, hidden, 0, dHidden, 0);
        int n = rows * hidden.shape().dim(1);
        backend.activationBackward(activation, n, hidden, 0, dHidden, 0, 0f, dHidden, 0);
        first.backward(dHidden, rows, x, 0, dx, 0);
    }

    @Override
    public void close() {
        first.close();
        if (second != null) {
            second.close();
            dHidden.close();
        }
    }
}
