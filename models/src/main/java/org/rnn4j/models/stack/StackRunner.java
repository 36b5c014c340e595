package org.rnn4j.models.stack;

import java.util.ArrayList;
import java.util.List;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.cell.CellRunner;
import org.rnn4j.api.tensor.Arguments;
import org.rnn4j.api.tensor.Tensor;
import org.rnn4j.core.param.Parameters;

/**
 * A {@link RecurrentStack} bound to a backend, its parameters and one {@code (maxSteps, batch)}
 * workspace: one {@link CellRunner} per layer, chained so that layer {@code k} reads layer
 * {@code k-1}'s output block directly and writes its input gradient straight into layer
 * {@code k-1}'s output-gradient block. Nothing is copied between layers and nothing allocates
 * per call.
 *
 * <pre>{@code
 * try (StackRunner run = network.bind(T, B)) {
 *     run.forward(x, 0, T);
 *     Tensor out = run.outputs();                 // [T, B, top output size]
 *     backend.upload(dOut, 0, run.outputGradients(), 0, dOut.length);
 *     run.backward(null, 0);                       // parameter gradients accumulate
 * }
 * }</pre>
 */
public final class StackRunner implements AutoCloseable {

    private final RecurrentStack stack;
    private final List<CellRunner> layers;

    StackRunner(RecurrentStack stack, Backend backend, Parameters params, int maxSteps, int batch) {
        this.stack = stack;
        Arguments.positive("maxSteps", maxSteps);
        Arguments.positive("batch", batch);
        List<CellRunner> runners = new ArrayList<>();
        try {
            for (int k = 0; k < stack.layers().size(); k++) {
                runners.add(stack.layers().get(k).bind(backend,
                        params.binding(stack.prefix(), RecurrentStack.layerSuffix(k)), maxSteps, batch));
            }
        } catch (RuntimeException e) {
            runners.forEach(CellRunner::close);
            throw e;
        }
        this.layers = List.copyOf(runners);
    }

    /** The stack this runner executes. */
    public RecurrentStack stack() {
        return stack;
    }

    /** The runner of layer {@code k}, for access to its states. */
    public CellRunner layer(int k) {
        if (k < 0 || k >= layers.size()) {
            throw new IndexOutOfBoundsException("layer " + k + " does not exist; the stack has " + layers.size());
        }
        return layers.get(k);
    }

    /** Number of layers. */
    public int depth() {
        return layers.size();
    }

    /** The top layer's outputs, {@code [maxSteps, batch, outputSize]}. */
    public Tensor outputs() {
        return top().outputs();
    }

    /** The top layer's output gradients, caller-writable. */
    public Tensor outputGradients() {
        return top().outputGradients();
    }

    /** Runs every layer over {@code steps} steps of {@code input} (a {@code [steps, batch, inputSize]} block). */
    public void forward(Tensor input, int inputOffset, int steps) {
        layers.get(0).forward(input, inputOffset, steps);
        for (int k = 1; k < layers.size(); k++) {
            layers.get(k).forward(layers.get(k - 1).outputs(), 0, steps);
        }
    }

    /**
     * Back-propagates from the top layer's {@link #outputGradients()} and every layer's final
     * state gradients; accumulates parameter gradients; writes the input gradient when
     * {@code inputGradient} is not null.
     */
    public void backward(Tensor inputGradient, int inputGradientOffset) {
        for (int k = layers.size() - 1; k > 0; k--) {
            layers.get(k).backward(layers.get(k - 1).outputGradients(), 0);
        }
        layers.get(0).backward(inputGradient, inputGradientOffset);
    }

    private CellRunner top() {
        return layers.get(layers.size() - 1);
    }

    @Override
    public void close() {
        layers.forEach(CellRunner::close);
    }
}
