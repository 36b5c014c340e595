package org.rnn4j.api.cell;

/**
 * One recurrent state a cell carries from step to step, {@code [batch, size]} at run time.
 *
 * <pre>{@code
 * List.of(new StateSpec("h", hidden), new StateSpec("c", hidden))   // LSTM
 * }</pre>
 *
 * @param name {@code h}, {@code c}, or {@code y} for a Jordan cell's fed-back output
 * @param size features per batch row, {@code >= 1}
 */
public record StateSpec(String name, int size) {

    /** Validates the name and size. */
    public StateSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("state name must not be blank");
        }
        if (size < 1) {
            throw new IllegalArgumentException("state '" + name + "' size must be >= 1, got " + size);
        }
    }
}
