package org.rnn4j.core.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.kernel.SgdSettings;
import org.rnn4j.api.optim.Optimizer;
import org.rnn4j.api.optim.OptimizerProvider;
import org.rnn4j.api.optim.OptimizerState;
import org.rnn4j.api.tensor.Tensor;

/**
 * Stochastic gradient descent with optional (Nesterov) momentum and L2 weight decay, as
 * {@code torch.optim.SGD}. State: {@code momentum_buffer} (allocated only with momentum).
 *
 * <pre>{@code
 * Optimizer sgd = new Sgd(new SgdSettings(0.9f, 0f, true, 0f));
 * }</pre>
 */
public final class Sgd implements Optimizer {

    /** The name in configurations. */
    public static final String NAME = "sgd";

    private final SgdSettings settings;
    private final StateBuffers state;

    /** SGD with the given settings. */
    public Sgd(SgdSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings must not be null");
        }
        this.settings = settings;
        this.state = settings.momentum() == 0 ? new StateBuffers(NAME) : new StateBuffers(NAME, "momentum_buffer");
    }

    /** The hyper-parameters. */
    public SgdSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public void initialize(Backend backend, int parameterCount) {
        state.initialize(backend, parameterCount);
    }

    @Override
    public void step(Tensor parameters, Tensor gradients, float learningRate) {
        Backend be = state.begin(parameters, gradients);
        Tensor buffer = settings.momentum() == 0 ? null : state.buffer(0);
        be.sgdStep(parameters, gradients, buffer, 0, state.size(), learningRate, state.step() == 0, settings);
        state.advance();
    }

    @Override
    public long stepCount() {
        return state.step();
    }

    @Override
    public OptimizerState state() {
        return state.snapshot();
    }

    @Override
    public void restore(OptimizerState saved) {
        state.restore(saved);
    }

    @Override
    public void close() {
        state.close();
    }

    /** Registers {@code sgd}: options momentum, dampening, nesterov (0 or 1), weight_decay. */
    public static final class Provider implements OptimizerProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Map<String, Double> defaults() {
            Map<String, Double> d = new LinkedHashMap<>();
            d.put("momentum", 0.0);
            d.put("dampening", 0.0);
            d.put("nesterov", 0.0);
            d.put("weight_decay", 0.0);
            return d;
        }

        @Override
        public Optimizer create(Map<String, Double> options) {
            Map<String, Double> o = OptimizerOptions.merge(NAME, defaults(), options);
            double nesterov = o.get("nesterov");
            if (nesterov != 0 && nesterov != 1) {
                throw new IllegalArgumentException("option 'nesterov' of optimizer sgd must be 0 or 1, got " + nesterov);
            }
            return new Sgd(new SgdSettings(o.get("momentum").floatValue(), o.get("dampening").floatValue(),
                    nesterov == 1, o.get("weight_decay").floatValue()));
        }
    }
}
