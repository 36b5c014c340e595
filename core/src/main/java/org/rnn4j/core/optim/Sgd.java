package org.rnn4j.core.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.kernel.SgdSettings;
import org.rnn4j.api.optim.Optimizer;
import org.rnn4j.api.optim.OptimizerProvider;
import org.rnn4j.api.tensor.Tensor;

/**
 * Stochastic gradient descent with optional (Nesterov) momentum and L2 weight decay, as
 * {@code torch.optim.SGD}. State: {@code momentum_buffer} (allocated only with momentum).
 *
 * <pre>{@code
 * Optimizer sgd = new Sgd(new SgdSettings(0.9f, 0f, true, 0f));
 * }</pre>
 */
public final class Sgd extends BufferedOptimizer {

    /** The name in configurations. */
    public static final String NAME = "sgd";

    private final SgdSettings settings;

    /** SGD with the given settings. */
    public Sgd(SgdSettings settings) {
        super(NAME, checked(settings).momentum() == 0 ? new String[0] : new String[] {"momentum_buffer"});
        this.settings = settings;
    }

    private static SgdSettings checked(SgdSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings must not be null");
        }
        return settings;
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
    protected void update(Backend be, Tensor parameters, Tensor gradients, int length, float lr, long step) {
        Tensor momentum = settings.momentum() == 0 ? null : buffer(0);
        be.sgdStep(parameters, gradients, momentum, 0, length, lr, step == 1, settings);
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
