package org.rnn4j.core.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.kernel.AdamSettings;
import org.rnn4j.api.optim.Optimizer;
import org.rnn4j.api.optim.OptimizerProvider;
import org.rnn4j.api.tensor.Tensor;

/**
 * Adam, and AdamW when the settings decouple weight decay, as {@code torch.optim.Adam} /
 * {@code AdamW}. State: {@code exp_avg}, {@code exp_avg_sq}.
 *
 * <pre>{@code
 * Optimizer adam = new Adam(new AdamSettings(0.9f, 0.999f, 1e-8f, 0f, false));
 * }</pre>
 */
public final class Adam extends BufferedOptimizer {

    private final AdamSettings settings;
    private final String name;

    /** Adam (or AdamW) with the given settings. */
    public Adam(AdamSettings settings) {
        super(nameOf(settings), "exp_avg", "exp_avg_sq");
        this.settings = settings;
        this.name = nameOf(settings);
    }

    private static String nameOf(AdamSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("settings must not be null");
        }
        return settings.decoupled() ? "adamw" : "adam";
    }

    /** The hyper-parameters. */
    public AdamSettings settings() {
        return settings;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    protected void update(Backend be, Tensor parameters, Tensor gradients, int length, float lr, long step) {
        be.adamStep(parameters, gradients, buffer(0), buffer(1), 0, length, lr, step, settings);
    }

    private static Map<String, Double> defaults(double weightDecay) {
        Map<String, Double> d = new LinkedHashMap<>();
        d.put("beta1", 0.9);
        d.put("beta2", 0.999);
        d.put("eps", 1e-8);
        d.put("weight_decay", weightDecay);
        return d;
    }

    private static Optimizer create(String name, Map<String, Double> defaults, Map<String, Double> options,
                                    boolean decoupled) {
        Map<String, Double> o = OptimizerOptions.merge(name, defaults, options);
        return new Adam(new AdamSettings(o.get("beta1").floatValue(), o.get("beta2").floatValue(),
                o.get("eps").floatValue(), o.get("weight_decay").floatValue(), decoupled));
    }

    /** Registers {@code adam}: options beta1, beta2, eps, weight_decay (L2, default 0). */
    public static final class Provider implements OptimizerProvider {
        @Override
        public String name() {
            return "adam";
        }

        @Override
        public Map<String, Double> defaults() {
            return Adam.defaults(0.0);
        }

        @Override
        public Optimizer create(Map<String, Double> options) {
            return Adam.create(name(), defaults(), options, false);
        }
    }

    /** Registers {@code adamw}: options beta1, beta2, eps, weight_decay (decoupled, default 0.01). */
    public static final class DecoupledProvider implements OptimizerProvider {
        @Override
        public String name() {
            return "adamw";
        }

        @Override
        public Map<String, Double> defaults() {
            return Adam.defaults(0.01);
        }

        @Override
        public Optimizer create(Map<String, Double> options) {
            return Adam.create(name(), defaults(), options, true);
        }
    }
}
