package org.rnn4j.models.cell;

import java.util.List;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.cell.Cell;
import org.rnn4j.api.cell.CellRunner;
import org.rnn4j.api.cell.Initializer;
import org.rnn4j.api.cell.ParameterBinding;
import org.rnn4j.api.cell.ParameterSpec;
import org.rnn4j.api.cell.StateSpec;
import org.rnn4j.api.tensor.Arguments;
import org.rnn4j.api.tensor.Shape;

/**
 * Gated recurrent unit, as {@code torch.nn.GRU}: gate rows r, z, n;
 * {@code n = tanh(W_in x + b_in + r*(W_hn h + b_hn))}, {@code h_t = (1-z)*n + z*h_{t-1}}.
 * State: {@code h}. Parameters: {@code weight_ih [3H, I]}, {@code weight_hh [3H, H]},
 * {@code bias_ih [3H]}, {@code bias_hh [3H]}, uniform in {@code +-1/sqrt(H)}.
 *
 * <pre>{@code
 * Cell gru = new GruCell(65, 256);
 * }</pre>
 *
 * @param inputSize  features per input step
 * @param hiddenSize units
 */
public record GruCell(int inputSize, int hiddenSize) implements Cell {

    /** The type name stored in configurations. */
    public static final String TYPE = "gru";

    /** Validates the sizes. */
    public GruCell {
        Arguments.positive("GRU inputSize", inputSize);
        Arguments.positive("GRU hiddenSize", hiddenSize);
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public int outputSize() {
        return hiddenSize;
    }

    @Override
    public List<StateSpec> states() {
        return List.of(new StateSpec("h", hiddenSize));
    }

    @Override
    public List<ParameterSpec> parameters() {
        int h = hiddenSize;
        Initializer uniform = Initializer.uniform(1 / Math.sqrt(h));
        return List.of(
                new ParameterSpec("weight_ih", Shape.of(3 * h, inputSize), uniform),
                new ParameterSpec("weight_hh", Shape.of(3 * h, h), uniform),
                new ParameterSpec("bias_ih", Shape.of(3 * h), uniform),
                new ParameterSpec("bias_hh", Shape.of(3 * h), uniform));
    }

    @Override
    public CellRunner bind(Backend backend, ParameterBinding parameters, int maxSteps, int batch) {
        return new GruRunner(this, backend, parameters, maxSteps, batch);
    }
}
