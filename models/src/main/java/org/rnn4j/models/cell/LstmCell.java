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
 * Long short-term memory, as {@code torch.nn.LSTM}: gate rows in order i, f, g, o;
 * {@code c_t = f*c_{t-1} + i*g}, {@code h_t = o*tanh(c_t)}. States: {@code h}, {@code c}.
 * Parameters: {@code weight_ih [4H, I]}, {@code weight_hh [4H, H]}, {@code bias_ih [4H]},
 * {@code bias_hh [4H]}, all uniform in {@code +-1/sqrt(H)}; optionally the forget-gate bias
 * starts at 1 ({@code bias_ih} forget rows 1, {@code bias_hh} forget rows 0).
 *
 * <pre>{@code
 * Cell lstm = new LstmCell(8, 128, false);   // the lecture's LSTM over an 8-d projection
 * }</pre>
 *
 * @param inputSize    features per input step
 * @param hiddenSize   units
 * @param forgetBiasOne start the forget gate's total bias at 1 instead of random
 */
public record LstmCell(int inputSize, int hiddenSize, boolean forgetBiasOne) implements Cell {

    /** The type name stored in configurations. */
    public static final String TYPE = "lstm";

    /** Validates the sizes. */
    public LstmCell {
        Arguments.positive("LSTM inputSize", inputSize);
        Arguments.positive("LSTM hiddenSize", hiddenSize);
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
        return List.of(new StateSpec("h", hiddenSize), new StateSpec("c", hiddenSize));
    }

    @Override
    public List<ParameterSpec> parameters() {
        int h = hiddenSize;
        Initializer uniform = Initializer.uniform(1 / Math.sqrt(h));
        Initializer biasIh = forgetBiasOne ? uniform.withConstant(h, 2 * h, 1f) : uniform;
        Initializer biasHh = forgetBiasOne ? uniform.withConstant(h, 2 * h, 0f) : uniform;
        return List.of(
                new ParameterSpec("weight_ih", Shape.of(4 * h, inputSize), uniform),
                new ParameterSpec("weight_hh", Shape.of(4 * h, h), uniform),
                new ParameterSpec("bias_ih", Shape.of(4 * h), biasIh),
                new ParameterSpec("bias_hh", Shape.of(4 * h), biasHh));
    }

    @Override
    public CellRunner bind(Backend backend, ParameterBinding parameters, int maxSteps, int batch) {
        return new LstmRunner(this, backend, parameters, maxSteps, batch);
    }
}
