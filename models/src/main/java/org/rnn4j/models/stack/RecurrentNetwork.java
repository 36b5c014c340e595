package org.rnn4j.models.stack;

import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.tensor.Tensor;
import org.rnn4j.core.param.Parameters;

/**
 * A {@link RecurrentStack} with its parameters allocated on a backend. It offers a one-call
 * host API for inference ({@link #forward(float[], int, int)}) and {@link #bind(int, int)} for
 * the allocation-free runner that training uses.
 *
 * <pre>{@code
 * try (RecurrentNetwork net = RecurrentStack.builder(4).lstm(8).build().instantiate(backend, 42L)) {
 *     float[] out = net.forward(input, 5, 3);    // input [5][3][4] -> output [5][3][8]
 * }
 * }</pre>
 */
public final class RecurrentNetwork implements AutoCloseable {

    private final RecurrentStack stack;
    private final Parameters parameters;

    RecurrentNetwork(RecurrentStack stack, Parameters parameters) {
        this.stack = stack;
        this.parameters = parameters;
    }

    /** The architecture. */
    public RecurrentStack stack() {
        return stack;
    }

    /** The parameters and their gradients. */
    public Parameters parameters() {
        return parameters;
    }

    /** The backend holding the parameters. */
    public Backend backend() {
        return parameters.backend();
    }

    /** A runner with a workspace for sequences of up to {@code maxSteps} steps and {@code batch} rows. */
    public StackRunner bind(int maxSteps, int batch) {
        return bind(maxSteps, batch, 0f);
    }

    /**
     * A runner whose {@link StackRunner#forwardTraining} drops each output of every layer but the
     * top with probability {@code dropout}.
     */
    public StackRunner bind(int maxSteps, int batch, float dropout) {
        return new StackRunner(stack, parameters.backend(), parameters, maxSteps, batch, dropout);
    }

    /**
     * Runs the stack from zero initial states over a time-major host sequence
     * {@code input[T][B][inputSize]} and returns the top layer's outputs {@code [T][B][outputSize]}.
     * Convenient, not fast: it binds a fresh workspace per call.
     *
     * @throws IllegalArgumentException when {@code input.length != steps * batch * inputSize}
     */
    public float[] forward(float[] input, int steps, int batch) {
        if (input == null) {
            throw new IllegalArgumentException("input must not be null");
        }
        if (steps < 1 || batch < 1) {
            throw new IllegalArgumentException("steps and batch must be >= 1, got steps=" + steps + ", batch=" + batch);
        }
        long expected = (long) steps * batch * stack.inputSize();
        if (input.length != expected) {
            throw new IllegalArgumentException("input has " + input.length + " values but [steps=" + steps
                    + ", batch=" + batch + ", features=" + stack.inputSize() + "] needs " + expected);
        }
        Backend backend = parameters.backend();
        try (StackRunner run = bind(steps, batch); Tensor x = backend.allocate(steps, batch, stack.inputSize())) {
            backend.upload(input, 0, x, 0, input.length);
            run.forward(x, 0, steps);
            float[] out = new float[steps * batch * stack.outputSize()];
            backend.download(run.outputs(), 0, out, 0, out.length);
            return out;
        }
    }

    @Override
    public void close() {
        parameters.close();
    }
}
