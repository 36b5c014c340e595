package org.rnn4j.api.cell;

import org.rnn4j.api.tensor.Shape;

/**
 * One named parameter of a cell: its PyTorch name without the layer suffix (a stack appends
 * {@code _l{k}} and {@code _reverse}), its shape and how it starts.
 *
 * <pre>{@code
 * new ParameterSpec("weight_ih", Shape.of(4 * hidden, input), Initializer.uniform(1 / Math.sqrt(hidden)))
 * }</pre>
 *
 * @param name        e.g. {@code weight_ih}, {@code bias_hh}
 * @param shape       row-major shape, as PyTorch's
 * @param initializer initial values
 */
public record ParameterSpec(String name, Shape shape, Initializer initializer) {

    /** Rejects blank names and missing parts. */
    public ParameterSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("parameter name must not be blank");
        }
        if (shape == null) {
            throw new IllegalArgumentException("parameter '" + name + "' needs a shape");
        }
        if (initializer == null) {
            throw new IllegalArgumentException("parameter '" + name + "' needs an initializer");
        }
    }
}
