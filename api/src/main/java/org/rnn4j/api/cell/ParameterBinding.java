package org.rnn4j.api.cell;

/**
 * Gives a bound cell the storage of its parameters and of their gradients, by the base names of
 * its {@link Cell#parameters()}.
 *
 * <pre>{@code
 * ParameterRef w = binding.weight("weight_ih");
 * ParameterRef dw = binding.gradient("weight_ih");   // same shape, accumulated by backward
 * }</pre>
 */
public interface ParameterBinding {

    /** The parameter called {@code name}; fails with the known names if there is none. */
    ParameterRef weight(String name);

    /** The gradient of the parameter called {@code name}, accumulated (+=) by backward. */
    ParameterRef gradient(String name);
}
