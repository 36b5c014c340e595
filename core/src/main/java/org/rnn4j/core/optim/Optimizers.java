package org.rnn4j.core.optim;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.rnn4j.api.optim.Optimizer;
import org.rnn4j.api.optim.OptimizerProvider;

/**
 * Every optimiser found through {@link ServiceLoader}, by name: the built-in {@code sgd},
 * {@code adam}, {@code adamw}, {@code rmsprop}, {@code adagrad} and any a user registers.
 *
 * <pre>{@code
 * Optimizer adam = Optimizers.discover().create("adam", Map.of("beta2", 0.99));
 * }</pre>
 */
public final class Optimizers {

    private final Map<String, OptimizerProvider> byName;
    private final List<String> problems;

    private Optimizers(Map<String, OptimizerProvider> byName, List<String> problems) {
        this.byName = Collections.unmodifiableMap(byName);
        this.problems = List.copyOf(problems);
    }

    /** Loads the providers visible to this class's loader. */
    public static Optimizers discover() {
        return discover(Optimizers.class.getClassLoader());
    }

    /**
     * Loads the providers visible to {@code loader}; a provider that fails to load is recorded in
     * {@link #problems()} and skipped.
     */
    public static Optimizers discover(ClassLoader loader) {
        Map<String, OptimizerProvider> found = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        var iterator = ServiceLoader.load(OptimizerProvider.class, loader).iterator();
        while (true) {
            OptimizerProvider provider;
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                provider = iterator.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                problems.add("optimizer provider failed to load: " + e.getMessage());
                continue;
            }
            String name = provider.name().toLowerCase(Locale.ROOT);
            if (found.putIfAbsent(name, provider) != null) {
                problems.add("optimizer name '" + name + "' is registered twice; kept "
                        + found.get(name).getClass().getName() + ", skipped " + provider.getClass().getName());
            }
        }
        return new Optimizers(found, problems);
    }

    /** Known optimiser names, sorted. */
    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /** The provider called {@code name}; fails listing the known names. */
    public OptimizerProvider provider(String name) {
        OptimizerProvider p = name == null ? null : byName.get(name.trim().toLowerCase(Locale.ROOT));
        if (p == null) {
            throw new IllegalArgumentException("unknown optimizer '" + name + "'; known optimizers: "
                    + String.join(", ", byName.keySet()));
        }
        return p;
    }

    /** A new optimiser called {@code name} with {@code options} over its defaults. */
    public Optimizer create(String name, Map<String, Double> options) {
        return provider(name).create(options);
    }

    /** Providers that failed to load or clashed, as messages. */
    public List<String> problems() {
        return problems;
    }
}
