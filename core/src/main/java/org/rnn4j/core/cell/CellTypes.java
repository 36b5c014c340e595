package org.rnn4j.core.cell;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.TreeMap;
import org.rnn4j.api.cell.Cell;
import org.rnn4j.api.cell.CellProvider;

/**
 * Every cell type found through {@link ServiceLoader}, by name: the built-in ones (registered by
 * the models module) and any a user adds.
 *
 * <pre>{@code
 * Cell cell = CellTypes.discover().create("gru", 65, 256);
 * }</pre>
 */
public final class CellTypes {

    private final Map<String, CellProvider> byType;
    private final List<String> problems;

    private CellTypes(Map<String, CellProvider> byType, List<String> problems) {
        this.byType = Collections.unmodifiableMap(byType);
        this.problems = List.copyOf(problems);
    }

    /** Loads the providers visible to this class's loader. */
    public static CellTypes discover() {
        return discover(CellTypes.class.getClassLoader());
    }

    /** Loads the providers visible to {@code loader}; one that fails is recorded and skipped. */
    public static CellTypes discover(ClassLoader loader) {
        Map<String, CellProvider> found = new TreeMap<>();
        List<String> problems = new ArrayList<>();
        var iterator = ServiceLoader.load(CellProvider.class, loader).iterator();
        while (true) {
            CellProvider provider;
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                provider = iterator.next();
            } catch (ServiceConfigurationError | LinkageError e) {
                problems.add("cell provider failed to load: " + e.getMessage());
                continue;
            }
            String type = provider.type().toLowerCase(Locale.ROOT);
            if (found.putIfAbsent(type, provider) != null) {
                problems.add("cell type '" + type + "' is registered twice; kept " + found.get(type).getClass().getName()
                        + ", skipped " + provider.getClass().getName());
            }
        }
        return new CellTypes(found, problems);
    }

    /** Known type names, sorted. */
    public List<String> types() {
        return List.copyOf(byType.keySet());
    }

    /** A cell of type {@code type}; fails listing the known types. */
    public Cell create(String type, int inputSize, int hiddenSize) {
        CellProvider p = type == null ? null : byType.get(type.trim().toLowerCase(Locale.ROOT));
        if (p == null) {
            throw new IllegalArgumentException("unknown cell type '" + type + "'; known types: "
                    + String.join(", ", byType.keySet()));
        }
        return p.create(inputSize, hiddenSize);
    }

    /** Providers that failed to load or clashed. */
    public List<String> problems() {
        return problems;
    }
}
