package org.rnn4j.core.optim;

import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.optim.Optimizer;
import org.rnn4j.api.optim.OptimizerState;
import org.rnn4j.api.tensor.Tensor;

/**
 * The lifecycle every built-in optimiser shares (initialise, count steps, snapshot, restore,
 * close) around named state buffers; a subclass only says which buffers it keeps and how one
 * update runs, as one fused backend kernel.
 *
 * <pre>{@code
 * final class Lion extends BufferedOptimizer {
 *     Lion() { super("lion", "exp_avg"); }
 *     protected void update(Backend be, Tensor p, Tensor g, int n, float lr) { ... }
 * }
 * }</pre>
 */
public abstract class BufferedOptimizer implements Optimizer {

    private final StateBuffers state;

    /** An optimiser called {@code name} keeping one buffer per name in {@code buffers}. */
    protected BufferedOptimizer(String name, String... buffers) {
        this.state = new StateBuffers(name, buffers);
    }

    /** One update of {@code length} parameters; {@code step} counts from 1. */
    protected abstract void update(Backend backend, Tensor parameters, Tensor gradients, int length, float lr, long step);

    /** State buffer {@code i}, in the order given to the constructor. */
    protected final Tensor buffer(int i) {
        return state.buffer(i);
    }

    @Override
    public final void initialize(Backend backend, int parameterCount) {
        state.initialize(backend, parameterCount);
    }

    @Override
    public final void step(Tensor parameters, Tensor gradients, float learningRate) {
        Backend backend = state.begin(parameters, gradients);
        update(backend, parameters, gradients, state.size(), learningRate, state.step() + 1);
        state.advance();
    }

    @Override
    public final long stepCount() {
        return state.step();
    }

    @Override
    public final OptimizerState state() {
        return state.snapshot();
    }

    @Override
    public final void restore(OptimizerState saved) {
        state.restore(saved);
    }

    @Override
    public final void close() {
        state.close();
    }
}
