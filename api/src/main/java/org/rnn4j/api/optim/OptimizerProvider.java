package org.rnn4j.api.optim;

import java.util.Map;

/**
 * The service-provider interface through which optimisers are found by name: list an
 * implementation in {@code META-INF/services/org.rnn4j.api.optim.OptimizerProvider} and it can
 * be chosen like a built-in one ({@code --optimizer my-opt} on the command line).
 *
 * <pre>{@code
 * public final class LionProvider implements OptimizerProvider {
 *     public String name() { return "lion"; }
 *     public Map<String, Double> defaults() { return Map.of("beta1", 0.9, "beta2", 0.99); }
 *     public Optimizer create(Map<String, Double> options) { return new Lion(options); }
 * }
 * }</pre>
 */
public interface OptimizerProvider {

    /** The unique lower-case name, e.g. {@code adam}. */
    String name();

    /**
     * Every option this optimiser understands with its default value, e.g. {@code beta1 = 0.9}.
     * The learning rate is not among them: it comes from the schedule at every step.
     */
    Map<String, Double> defaults();

    /**
     * A new optimiser. {@code options} holds any subset of {@link #defaults()}'s keys; missing
     * keys take their defaults.
     *
     * @throws IllegalArgumentException for an unknown key (naming the known ones) or a value out
     *                                  of range
     */
    Optimizer create(Map<String, Double> options);
}
