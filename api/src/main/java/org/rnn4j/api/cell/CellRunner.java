package org.rnn4j.api.cell;

import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.tensor.Tensor;

/**
 * A cell bound to a backend, its parameters and a workspace for one {@code (maxSteps, batch)}
 * size. It owns its state and gradient buffers; a caller fills them, runs, and reads results,
 * so no call allocates.
 *
 * <p>Protocol for one batch:
 * <ol>
 *   <li>write the initial states into {@link #initialState(int)} (they start at zero; for
 *       truncated BPTT carry the previous final states over with {@link #carryStates});</li>
 *   <li>{@link #forward(Tensor, int, int)} over {@code steps <= maxSteps} steps;</li>
 *   <li>read {@link #outputs()} ({@code [steps, batch, outputSize]}) and {@link #finalState(int)};</li>
 *   <li>for training, write {@link #outputGradients()} and {@link #finalStateGradient(int)}
 *       (zero means no gradient), then {@link #backward(Tensor, int)}: it accumulates the
 *       parameter gradients and writes the input gradient and {@link #initialStateGradient(int)}.</li>
 * </ol>
 *
 * <pre>{@code
 * run.forward(x, 0, T);
 * backend.copy(upstream, 0, run.outputGradients(), 0, T * B * H);
 * run.backward(dx, 0);
 * }</pre>
 */
public interface CellRunner extends AutoCloseable {

    /** The cell this runner executes. */
    Cell cell();

    /** The largest sequence length this runner accepts. */
    int maxSteps();

    /** Rows per step. */
    int batch();

    /**
     * How many states the cell carries, {@code cell().states().size()}. Runners override it with
     * the count they hold: loops that run once per step or sampled character call it, and a
     * cell's {@code states()} builds its list anew on each call.
     */
    default int stateCount() {
        return cell().states().size();
    }

    /** Initial value of state {@code i}, {@code [batch, states().get(i).size()]}; caller-writable. */
    Tensor initialState(int i);

    /** Final value of state {@code i} after {@link #forward}. */
    Tensor finalState(int i);

    /** Outputs of every step, {@code [maxSteps, batch, outputSize]}; the first {@code steps} are valid. */
    Tensor outputs();

    /**
     * Runs {@code steps} steps over {@code input[inputOffset ...]}, a contiguous
     * {@code [steps, batch, inputSize]} block, from the initial states.
     */
    void forward(Tensor input, int inputOffset, int steps);

    /**
     * Whether this runner takes one-hot inputs as token ids through {@link #forwardTokens}. The
     * built-in Elman, Jordan, LSTM and GRU runners do; a custom cell need not (the default is no).
     */
    default boolean readsTokens() {
        return false;
    }

    /**
     * As {@link #forward}, for one-hot inputs given as token ids: input row {@code r} of the
     * {@code steps * batch} rows is the one-hot vector of {@code tokens[offset + r]} over the
     * cell's {@code inputSize()} (a negative token is a zero row). The input projection is then a
     * gather of weight columns instead of a product with mostly zeros, and the one-hot block need
     * not exist. The ids are copied; the following {@link #backward} takes no input gradient.
     *
     * <pre>{@code
     * if (run.readsTokens()) {
     *     run.forwardTokens(batchTokens, 0, T);
     * }
     * }</pre>
     *
     * @throws UnsupportedOperationException when {@link #readsTokens()} is false
     */
    default void forwardTokens(int[] tokens, int offset, int steps) {
        throw new UnsupportedOperationException("this " + cell().type() + " runner reads dense inputs only; call forward");
    }

    /**
     * Sets the length of every sequence for the following forward passes ({@code lengths[b]}
     * in {@code [0, steps]}; null means every sequence fills all steps). Padding comes after a
     * sequence's data, so a cell that reads time forwards may ignore lengths (its outputs at
     * padded steps are masked out of every loss); a layer that reads time backwards must honour
     * them, so that each sequence's reverse pass starts at its own last step.
     */
    default void sequenceLengths(int[] lengths) {
    }

    /** Gradient of the loss at every output, {@code [maxSteps, batch, outputSize]}; caller-writable. */
    Tensor outputGradients();

    /** Gradient of the loss at final state {@code i}; caller-writable, zero if unused. */
    Tensor finalStateGradient(int i);

    /**
     * Back-propagates through the steps of the last {@link #forward}: accumulates (+=) every
     * parameter gradient, and writes (=) the input gradient into {@code inputGradient} (skipped
     * when null) and {@link #initialStateGradient(int)}.
     */
    void backward(Tensor inputGradient, int inputGradientOffset);

    /** Gradient of the loss at initial state {@code i}, valid after {@link #backward}. */
    Tensor initialStateGradient(int i);

    /**
     * Makes the final states of the last {@link #forward} the initial states of the next one:
     * truncated BPTT's carry between batches, and generation one step at a time. Afterwards
     * {@link #initialState(int)} holds what {@link #finalState(int)} held, and the final states
     * hold nothing of use until the next forward. Call it after {@link #backward}, which still
     * reads the initial states the forward started from.
     *
     * <p>A runner may exchange its two sets of state tensors instead of copying (the built-in
     * runners do: a sampled character then copies no state), so the tensors these methods return
     * can change with every carry: look them up again rather than keeping them.
     *
     * <pre>{@code
     * run.forward(x, 0, T);
     * run.backward(dx, 0);
     * run.carryStates(backend);   // the next batch continues these sequences
     * }</pre>
     *
     * @param backend the backend this runner was bound to; the default copies each final state
     *                into its initial state with it
     */
    default void carryStates(Backend backend) {
        for (int i = 0; i < stateCount(); i++) {
            Tensor last = finalState(i);
            backend.copy(last, 0, initialState(i), 0, last.size());
        }
    }

    /** Frees the workspace. */
    @Override
    void close();
}
