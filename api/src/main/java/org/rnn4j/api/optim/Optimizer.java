package org.rnn4j.api.optim;

import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.tensor.Tensor;

/**
 * An optimiser updates a model's flat parameter vector from its flat gradient vector.
 *
 * <p><b>Lifecycle.</b>
 * <ol>
 *   <li><b>Construct</b> with immutable hyper-parameters; nothing is allocated yet.</li>
 *   <li><b>{@link #initialize(Backend, int)}</b> once, before the first step: allocates the
 *       state buffers (zeros) on the backend for {@code parameterCount} parameters. Calling it
 *       again discards the state and starts over at step 0.</li>
 *   <li><b>{@link #step(Tensor, Tensor, float)}</b> once per update, after the gradients are
 *       complete (and clipped): updates the parameters in place with the learning rate the
 *       schedule gives for this step, then increments {@link #stepCount()}. The gradients are
 *       not modified; zeroing them is the trainer's business.</li>
 *   <li><b>{@link #state()}</b> at any point between steps: a host snapshot for a checkpoint;
 *       <b>{@link #restore(OptimizerState)}</b> after {@code initialize} resumes from one, so
 *       that the next step is bit-identical to the uninterrupted run's.</li>
 *   <li><b>{@link #close()}</b> frees the buffers.</li>
 * </ol>
 *
 * <pre>{@code
 * Optimizer adam = new Adam(new AdamSettings(0.9f, 0.999f, 1e-8f, 0f, false));
 * adam.initialize(backend, params.size());
 * for (...) { computeGradients(); adam.step(params, grads, 2e-3f); }
 * }</pre>
 */
public interface Optimizer extends AutoCloseable {

    /** The name used in configurations and checkpoints, e.g. {@code adam}. */
    String name();

    /** Allocates zeroed state for {@code parameterCount} parameters on {@code backend}. */
    void initialize(Backend backend, int parameterCount);

    /** One update of {@code parameters} from {@code gradients} with learning rate {@code learningRate}. */
    void step(Tensor parameters, Tensor gradients, float learningRate);

    /** Number of completed steps. */
    long stepCount();

    /** A snapshot of the state, for checkpoints. */
    OptimizerState state();

    /**
     * Replaces the state with a snapshot taken from an optimiser of the same name and size.
     *
     * @throws IllegalArgumentException naming the optimiser or buffer that does not match
     */
    void restore(OptimizerState state);

    /** Frees the state buffers. */
    @Override
    void close();
}
