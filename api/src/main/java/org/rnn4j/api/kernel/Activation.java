package org.rnn4j.api.kernel;

/**
 * Element-wise activation functions known to every backend.
 *
 * <p>Derivatives are taken from the function's <em>output</em> {@code y}, which is what a
 * recurrent forward pass keeps: tanh {@code 1 - y*y}, sigmoid {@code y*(1-y)}, relu
 * {@code y > 0 ? 1 : 0}, identity {@code 1}.
 *
 * <pre>{@code
 * backend.activation(Activation.TANH, n, pre, 0, h, 0);
 * }</pre>
 */
public enum Activation {
    /** {@code y = x}. */
    IDENTITY,
    /** {@code y = tanh(x)}. */
    TANH,
    /** {@code y = max(0, x)}. */
    RELU,
    /** {@code y = 1 / (1 + exp(-x))}. */
    SIGMOID;

    /**
     * Parses a name such as {@code "tanh"} (case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    public static Activation parse(String name) {
        for (Activation a : values()) {
            if (a.name().equalsIgnoreCase(name)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown activation '" + name
                + "'; expected one of identity, tanh, relu, sigmoid");
    }

    /**
     * Fails unless {@code act} is {@code a} or {@code b} (null fails too), e.g. an Elman step
     * accepts only tanh and relu.
     *
     * @param what the argument's name in the message
     */
    public static void requireOneOf(Activation act, String what, Activation a, Activation b) {
        if (act != a && act != b) {
            throw new IllegalArgumentException(what + " must be " + a.id() + " or " + b.id() + ", got " + act);
        }
    }

    /** Lower-case name, as written in configuration files. */
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
