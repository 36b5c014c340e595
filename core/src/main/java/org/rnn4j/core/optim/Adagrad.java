package org.rnn4j.core.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.kernel.AdagradSettings;
import org.rnn4j.api.optim.Optimizer;
import org.rnn4j.api.optim.OptimizerProvider;
import org.rnn4j.api.tensor.Tensor;

/**
 * Adagrad as {@code torch.optim.Adagrad} (initial accumulator 0; a decaying learning rate is a
 * schedule's job). State: {@code sum}.
 *
 * <pre>{@code
 * Optimizer adagrad = new Adagrad(new AdagradSettings(1e-10f, 0f));
 * }</pre>
 */
public final class Adagrad extends BufferedOptimizer {

    /** The name in configurations. */
    public static final String NAME = "adagrad";

    private final AdagradSettings settings;

    /** Adagrad with the given settings. */
    public Adagrad(AdagradSettings settings) {
        super(NAME, "sum");
        if (settings == null) {
            throw new IllegalArgumentException("settings must not be null");
        }
        this.settings = settings;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    protected void update(Backend be, Tensor parameters, Tensor gradients, int length, float lr, long step) {
        be.adagradStep(parameters, gradients, buffer(0), 0, length, lr, settings);
    }

    /** Registers {@code adagrad}: options eps, weight_decay. */
    public static final class Provider implements OptimizerProvider {
        @Override
        public String name() {
            return NAME;
        }

        @Override
        public Map<String, Double> defaults() {
            Map<String, Double> d = new LinkedHashMap<>();
            d.put("eps", 1e-10);
            d.put("weight_decay", 0.0);
            return d;
        }

        @Override
        public Optimizer create(Map<String, Double> options) {
            Map<String, Double> o = OptimizerOptions.merge(NAME, defaults(), options);
            return new Adagrad(new AdagradSettings(o.get("eps").floatValue(), o.get("weight_decay").floatValue()));
        }
    }
}
