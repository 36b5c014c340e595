package org.rnn4j.core.param;

import org.rnn4j.api.cell.ParameterSpec;

/**
 * A cell parameter under its full model name, e.g. {@code weight_ih_l0} or
 * {@code rnn.weight_hh_l1_reverse}.
 *
 * <pre>{@code
 * new NamedParameter("weight_ih_l0", spec)
 * }</pre>
 *
 * @param name the full, unique name (as stored in {@code model.safetensors})
 * @param spec shape and initialiser
 */
public record NamedParameter(String name, ParameterSpec spec) {

    /** Rejects blank names. */
    public NamedParameter {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("parameter name must not be blank");
        }
        if (spec == null) {
            throw new IllegalArgumentException("parameter '" + name + "' needs a spec");
        }
    }
}
