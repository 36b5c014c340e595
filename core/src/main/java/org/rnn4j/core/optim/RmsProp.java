package org.rnn4j.core.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.kernel.RmspropSettings;
import org.rnn4j.api.optim.Optimizer;
import org.rnn4j.api.optim.OptimizerProvider;
import org.rnn4j.api.tensor.Tensor;

/**
 * RMSprop as {@code torch.optim.RMSprop} (not centred). State: {@code square_avg} and, with
 * momentum, {@code momentum_buffer}.
 *
 * <pre>{@code
 * Optimizer rms = new RmsProp(new RmspropSettings(0.99f, 1e-8f, 0f, 0f));
 * }</pre>
 */
public final class RmsProp extends BufferedOptimizer {

    /** The name in configurations. */
    public static final String NAME = "rmsprop";

    private final RmspropSettings settings;

    /** RMSprop with the given settings. */
    public RmsProp(RmspropSettings settings) {
        super(NAME, checked(settings).momentum() > 0 ? new String[] {"square_avg", "momentum_buffer"}
                : new String[] {"square_avg"});
        this.settings = settings;
    }

    private static RmspropSettings checked(RmspropSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings must not be null");
        }
        return settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected void update(Backend be, Tensor parameters, Tensor gradients, int length, float lr, long step) {
        be.rmspropStep(parameters, gradients, buffer(0), settings.momentum() > 0 ? buffer(1) : null, 0, length, lr,
                settings);
    }

    /** Registers {@code rmsprop}: options alpha, eps, weight_decay, momentum. */
    public static final class Provider implements OptimizerProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Map<String, Double> defaults() {
            Map<String, Double> d = new LinkedHashMap<>();
            d.put("alpha", 0.99);
            d.put("eps", 1e-8);
            d.put("weight_decay", 0.0);
            d.put("momentum", 0.0);
            return d;
        }

        @Override
        public Optimizer create(Map<String, Double> options) {
            Map<String, Double> o = OptimizerOptions.merge(NAME, defaults(), options);
            return new RmsProp(new RmspropSettings(o.get("alpha").floatValue(), o.get("eps").floatValue(),
                    o.get("weight_decay").floatValue(), o.get("momentum").floatValue()));
        }
    }
}
