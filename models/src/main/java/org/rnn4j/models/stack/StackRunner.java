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
    private final Backend backend;
    private final float dropout;
    /** Per boundary k (after layer k): mask, masked outputs, and the gradient arriving at them. */
    private final Tensor[] masks;
    private final Tensor[] dropped;
    private final Tensor[] droppedGrad;
    private boolean lastForwardDropped;
    private int lastSteps;

    StackRunner(RecurrentStack stack, Backend backend, Parameters params, int maxSteps, int batch, float dropout) {
        this.stack = stack;
        this.backend = backend;
        Arguments.positive("maxSteps", maxSteps);
        Arguments.positive("batch", batch);
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout between layers must be in [0, 1), got " + dropout);
        }
        this.dropout = dropout;
        int boundaries = dropout > 0 ? stack.layers().size() - 1 : 0;
        masks = new Tensor[boundaries];
        dropped = new Tensor[boundaries];
        droppedGrad = new Tensor[boundaries];
        for (int k = 0; k < boundaries; k++) {
            int width = stack.layers().get(k).outputSize();
            masks[k] = backend.allocate(maxSteps, batch, width);
            dropped[k] = backend.allocate(maxSteps, batch, width);
            droppedGrad[k] = backend.allocate(maxSteps, batch, width);
        }
        List<CellRunner> runners = new ArrayList<>();
        try {
            for (int k = 0; k < stack.layers().size(); k++) {
                runners.add(stack.layers().get(k).bind(backend, binding(params, stack.prefix(), k), maxSteps, batch));
            }
        } catch (RuntimeException e) {
            runners.forEach(CellRunner::close);
            throw e;
        }
        this.layers = List.copyOf(runners);
    }

    private static org.rnn4j.api.cell.ParameterBinding binding(Parameters params, String prefix, int k) {
        return new org.rnn4j.api.cell.ParameterBinding() {
            @Override
            public org.rnn4j.api.cell.ParameterRef weight(String name) {
                return params.value(RecurrentStack.parameterName(prefix, name, k));
            }

            @Override
            public org.rnn4j.api.cell.ParameterRef gradient(String name) {
                return params.gradient(RecurrentStack.parameterName(prefix, name, k));
            }
        };
    }

    /**
     * Sets every sequence's length for the following passes (null: all sequences fill every
     * step); bidirectional layers start each reverse pass at the sequence's own last step.
     */
    public void sequenceLengths(int[] lengths) {
        for (CellRunner layer : layers) {
            layer.sequenceLengths(lengths);
        }
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

    /**
     * Runs every layer over {@code steps} steps of {@code input} (a {@code [steps, batch,
     * inputSize]} block) in evaluation mode: no dropout.
     */
    public void forward(Tensor input, int inputOffset, int steps) {
        forward(input, inputOffset, null, 0, steps, false, 0);
    }

    /**
     * Runs every layer in training mode: when the stack was bound with dropout, the outputs of
     * every layer but the top are multiplied by a fresh mask (zero with probability p, else
     * {@code 1/(1-p)}) drawn from the counter-based stream {@code seed}, so the same seed gives
     * the same masks on every backend.
     */
    public void forwardTraining(Tensor input, int inputOffset, int steps, long seed) {
        forward(input, inputOffset, null, 0, steps, dropout > 0, seed);
    }

    /**
     * Whether the bottom layer takes one-hot inputs as token ids ({@link #forwardTokens}), so a
     * one-hot encoding need not be written out.
     */
    public boolean readsTokens() {
        return layers.get(0).readsTokens();
    }

    /**
     * As {@link #forward}, with the bottom layer's input the one-hot rows of {@code tokens}
     * ({@code steps * batch} ids from {@code offset}; see {@link CellRunner#forwardTokens}).
     */
    public void forwardTokens(int[] tokens, int offset, int steps) {
        forward(null, 0, tokens, offset, steps, false, 0);
    }

    /** As {@link #forwardTraining}, with the bottom layer's input given as token ids. */
    public void forwardTrainingTokens(int[] tokens, int offset, int steps, long seed) {
        forward(null, 0, tokens, offset, steps, dropout > 0, seed);
    }

    /** The bottom layer reads {@code tokens} when not null, else {@code input}; the layers above, the one below. */
    private void forward(Tensor input, int inputOffset, int[] tokens, int tokensOffset, int steps, boolean drop,
                         long seed) {
        lastForwardDropped = drop;
        lastSteps = steps;
        if (tokens != null) {
            layers.get(0).forwardTokens(tokens, tokensOffset, steps);
        } else {
            layers.get(0).forward(input, inputOffset, steps);
        }
        for (int k = 1; k < layers.size(); k++) {
            CellRunner below = layers.get(k - 1);
            if (drop) {
                int n = steps * below.batch() * below.cell().outputSize();
                // Boundary k gets its own counter range, so masks of different layers never coincide.
                backend.dropoutMask(n, dropout, seed, (long) k << 40, masks[k - 1], 0);
                backend.multiply(n, below.outputs(), 0, masks[k - 1], 0, 0f, dropped[k - 1], 0);
                layers.get(k).forward(dropped[k - 1], 0, steps);
            } else {
                layers.get(k).forward(below.outputs(), 0, steps);
            }
        }
    }

    /**
     * Back-propagates from the top layer's {@link #outputGradients()} and every layer's final
     * state gradients; accumulates parameter gradients; writes the input gradient when
     * {@code inputGradient} is not null.
     */
    public void backward(Tensor inputGradient, int inputGradientOffset) {
        for (int k = layers.size() - 1; k > 0; k--) {
            CellRunner below = layers.get(k - 1);
            if (lastForwardDropped) {
                layers.get(k).backward(droppedGrad[k - 1], 0);
                int n = lastSteps * below.batch() * below.cell().outputSize();
                backend.multiply(n, droppedGrad[k - 1], 0, masks[k - 1], 0, 0f, below.outputGradients(), 0);
            } else {
                layers.get(k).backward(below.outputGradients(), 0);
            }
        }
        layers.get(0).backward(inputGradient, inputGradientOffset);
    }

    private CellRunner top() {
        return layers.get(layers.size() - 1);
    }

    /**
     * Makes every layer's final states its initial states: truncated BPTT's carry, and
     * generation one step at a time (see {@link CellRunner#carryStates}: the built-in layers
     * exchange their state tensors instead of copying them).
     */
    public void carryStates() {
        for (CellRunner layer : layers) {
            layer.carryStates(backend);
        }
    }

    /** Zeroes every layer's initial states. */
    public void resetStates() {
        for (CellRunner layer : layers) {
            for (int i = 0; i < layer.stateCount(); i++) {
                Tensor s0 = layer.initialState(i);
                backend.fill(s0, 0, s0.size(), 0f);
            }
        }
    }

    @Override
    public void close() {
        layers.forEach(CellRunner::close);
        for (int k = 0; k < masks.length; k++) {
            masks[k].close();
            dropped[k].close();
            droppedGrad[k].close();
        }
    }
}
