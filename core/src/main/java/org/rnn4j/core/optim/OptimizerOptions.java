package org.rnn4j.core.optim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Merges user options over an optimiser's defaults, refusing keys it does not know: a typo such
 * as {@code beta_1} must not be silently ignored.
 *
 * <pre>{@code
 * Map<String, Double> all = OptimizerOptions.merge("adam", defaults, Map.of("beta1", 0.8));
 * }</pre>
 */
public final class OptimizerOptions {

    private OptimizerOptions() {
    }

    /** Defaults overridden by {@code options}; fails on an unknown key, naming the known ones. */
    public static Map<String, Double> merge(String optimizer, Map<String, Double> defaults, Map<String, Double> options) {
        Map<String, Double> merged = new LinkedHashMap<>(defaults);
        if (options != null) {
            for (Map.Entry<String, Double> e : options.entrySet()) {
                if (!defaults.containsKey(e.getKey())) {
                    throw new IllegalArgumentException("unknown option '" + e.getKey() + "' for optimizer " + optimizer
                            + "; known options: " + String.join(", ", new TreeSet<>(defaults.keySet())));
                }
                if (e.getValue() == null || !Double.isFinite(e.getValue())) {
                    throw new IllegalArgumentException("option '" + e.getKey() + "' of optimizer " + optimizer
                            + " must be a finite number, got " + e.getValue());
                }
                merged.put(e.getKey(), e.getValue());
            }
        }
        return merged;
    }
}
