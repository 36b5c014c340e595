package org.rnn4j.api.optim;

import java.util.Map;

/**
 * A snapshot of an optimiser for checkpoints: the number of steps taken and each state buffer
 * copied to the host, by name (e.g. {@code exp_avg}, {@code exp_avg_sq} for Adam, as PyTorch
 * names them).
 *
 * <pre>{@code
 * OptimizerState saved = optimizer.state();
 * other.initialize(backend, n);
 * other.restore(saved);
 * }</pre>
 *
 * @param optimizer the optimiser's name, e.g. {@code adam}
 * @param step      updates taken so far
 * @param buffers   state buffers, each as long as the parameter vector
 */
public record OptimizerState(String optimizer, long step, Map<String, float[]> buffers) {

    /** Copies the map (the arrays are taken as they are: a snapshot is handed over). */
    public OptimizerState {
        if (optimizer == null || optimizer.isBlank()) {
            throw new IllegalArgumentException("optimizer name must not be blank");
        }
        if (step < 0) {
            throw new IllegalArgumentException("step must be >= 0, got " + step);
        }
        buffers = Map.copyOf(buffers);
    }
}
