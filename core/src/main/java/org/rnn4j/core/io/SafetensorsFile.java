package org.rnn4j.core.io;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * The contents of a safetensors file: the string metadata and the tensors, both in the order
 * of the file's header.
 *
 * <pre>{@code
 * SafetensorsFile file = Safetensors.read(Path.of("model.safetensors"));
 * String cell = file.metadata().get("cell");               // "lstm"
 * NamedArray w = file.tensor("rnn.weight_ih_l0");           // fails naming the tensor if absent
 * }</pre>
 *
 * @param metadata the {@code __metadata__} map (empty when the file has none), unmodifiable
 * @param tensors  the tensors, unmodifiable, names unique
 */
public record SafetensorsFile(Map<String, String> metadata, List<NamedArray> tensors) {

    /** Copies both collections (keeping their order) and rejects nulls and duplicate names. */
    public SafetensorsFile {
        metadata = copyMetadata(metadata);
        if (tensors == null) {
            throw new IllegalArgumentException("tensors must not be null");
        }
        List<NamedArray> copy = new ArrayList<>(tensors.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < tensors.size(); i++) {
            NamedArray t = tensors.get(i);
            if (t == null) {
                throw new IllegalArgumentException("tensors[" + i + "] is null");
            }
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("tensor name '" + t.name() + "' occurs twice; names must be unique");
            }
            copy.add(t);
        }
        tensors = Collections.unmodifiableList(copy);
    }

    /** The tensor called {@code name}, if present. */
    public Optional<NamedArray> find(String name) {
        return tensors.stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /**
     * The tensor called {@code name}.
     *
     * @throws NoSuchElementException naming the tensor and listing the ones present
     */
    public NamedArray tensor(String name) {
        return find(name).orElseThrow(() -> new NoSuchElementException("no tensor '" + name
                + "'; the file holds: " + String.join(", ", names())));
    }

    /** The tensor names, in file order. */
    public List<String> names() {
        return tensors.stream().map(NamedArray::name).toList();
    }

    static Map<String, String> copyMetadata(Map<String, String> metadata) {
        if (metadata == null) {
            return Map.of();
        }
        Map<String, String> copy = new LinkedHashMap<>();
        metadata.forEach((k, v) -> {
            if (k == null || v == null) {
                throw new IllegalArgumentException("metadata must not hold null keys or values; got "
                        + k + " -> " + v);
            }
            copy.put(k, v);
        });
        return Collections.unmodifiableMap(copy);
    }
}
