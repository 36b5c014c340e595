package org.rnn4j.models.cell;

import java.util.List;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.cell.Cell;
import org.rnn4j.api.cell.CellRunner;
import org.rnn4j.api.cell.Initializer;
import org.rnn4j.api.cell.ParameterBinding;
import org.rnn4j.api.cell.ParameterSpec;
import org.rnn4j.api.cell.StateSpec;
import org.rnn4j.api.kernel.Activation;
import org.rnn4j.api.tensor.Arguments;
import org.rnn4j.api.tensor.Shape;

/**
 * The Elman ("vanilla") recurrent cell, as {@code torch.nn.RNN}:
 * {@code h_t = act(W_ih x_t + b_ih + W_hh h_{t-1} + b_hh)} with act tanh or relu. State:
 * {@code h}. Parameters: {@code weight_ih [H, I]}, {@code weight_hh [H, H]}, {@code bias_ih [H]},
 * {@code bias_hh [H]}, uniform in {@code +-1/sqrt(H)}.
 *
 * <pre>{@code
 * Cell elman = new ElmanCell(65, 256, Activation.TANH);
 * }</pre>
 *
 * @param inputSize  features per input step
 * @param hiddenSize units
 * @param activation {@link Activation#TANH} or {@link Activation#RELU}
 */
public record ElmanCell(int inputSize, int hiddenSize, Activation activation) implements Cell {

    /** The type name stored in configurations. */
    public static final String TYPE = "elman";

    /** Validates the sizes and the activation. */
    public ElmanCell {
        Arguments.positive("Elman inputSize", inputSize);
        Arguments.positive("Elman hiddenSize", hiddenSize);
        if (activation != Activation.TANH && activation != Activation.RELU) {
            throw new IllegalArgumentException("an Elman cell's activation must be tanh or relu, got " + activation);
        }
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
                new ParameterSpec("weight_ih", Shape.of(h, inputSize), uniform),
                new ParameterSpec("weight_hh", Shape.of(h, h), uniform),
                new ParameterSpec("bias_ih", Shape.of(h), uniform),
                new ParameterSpec("bias_hh", Shape.of(h), uniform));
    }

    @Override
    public CellRunner bind(Backend backend, ParameterBinding parameters, int maxSteps, int batch) {
        return new ElmanRunner(this, backend, parameters, maxSteps, batch);
    }
}
