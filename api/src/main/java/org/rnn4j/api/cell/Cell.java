package org.rnn4j.api.cell;

import java.util.List;
import org.rnn4j.api.backend.Backend;

/**
 * A recurrent cell type: its parameters, its states, and how a whole sequence runs forward and
 * backward through the kernels of any {@link Backend}. Built-in cells (Elman, Jordan, LSTM, GRU)
 * live in the models module; a user-defined cell implements this interface and runs on every
 * backend through the generic kernels.
 *
 * <p>A cell is an immutable description. {@link #bind} creates a {@link CellRunner} that owns
 * the workspace for one {@code (maxSteps, batch)} size, so that the training loop allocates
 * nothing per step.
 *
 * <pre>{@code
 * Cell lstm = Cells.lstm(inputSize, hiddenSize);
 * try (CellRunner run = lstm.bind(backend, parameters.binding("rnn.", "_l0"), T, B)) {
 *     run.forward(x, 0, T);
 *     Tensor out = run.outputs();      // [T, B, H]
 * }
 * }</pre>
 */
public interface Cell {

    /** A short lower-case type name, e.g. {@code lstm}; stored in model configurations. */
    String type();

    /** Features per step of the input sequence. */
    int inputSize();

    /** Units of the hidden layer. */
    int hiddenSize();

    /** Features per step of the output sequence ({@code hiddenSize()} except for Jordan cells). */
    int outputSize();

    /** The states carried between steps; state 0 is the one emitted as output unless noted. */
    List<StateSpec> states();

    /** Every parameter with its base name, shape and initialiser, in a fixed order. */
    List<ParameterSpec> parameters();

    /**
     * Prepares to run sequences of up to {@code maxSteps} steps with {@code batch} rows on
     * {@code backend}, reading weights from and accumulating gradients into {@code parameters}.
     */
    CellRunner bind(Backend backend, ParameterBinding parameters, int maxSteps, int batch);
}
