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
 * The Jordan network: the state fed back is the previous OUTPUT, not the hidden layer.
 * {@code h_t = tanh(W_ih x_t + b_ih + W_yh y_{t-1} + b_yh)}, {@code y_t = act_y(W_hy h_t + b_hy)}
 * with act_y identity (default) or tanh; the layer's output is {@code y_t}. State: {@code y}.
 * Parameters: {@code weight_ih [H, I]}, {@code weight_yh [H, O]}, {@code bias_ih [H]},
 * {@code bias_yh [H]}, {@code weight_hy [O, H]}, {@code bias_hy [O]}, all uniform in
 * {@code +-1/sqrt(H)}.
 *
 * <pre>{@code
 * Cell jordan = new JordanCell(4, 7, 3, Activation.IDENTITY);
 * }</pre>
 *
 * @param inputSize        features per input step
 * @param hiddenSize       hidden units
 * @param outputSize       features of {@code y_t}, the output and the fed-back state
 * @param outputActivation {@link Activation#IDENTITY} or {@link Activation#TANH}
 */
public record JordanCell(int inputSize, int hiddenSize, int outputSize, Activation outputActivation)
        implements Cell {

    /** The type name stored in configurations. */
    public static final String TYPE = "jordan";

    /** Validates the sizes and the output activation. */
    public JordanCell {
        Arguments.positive("Jordan inputSize", inputSize);
        Arguments.positive("Jordan hiddenSize", hiddenSize);
        Arguments.positive("Jordan outputSize", outputSize);
        if (outputActivation != Activation.IDENTITY && outputActivation != Activation.TANH) {
            throw new IllegalArgumentException(
                    "a Jordan cell's output activation must be identity or tanh, got " + outputActivation);
        }
    }

    @Override
    public String type() {
        return TYPE;
    }

    @Override
    public List<StateSpec> states() {
        return List.of(new StateSpec("y", outputSize));
    }

    @Override
    public List<ParameterSpec> parameters() {
        int h = hiddenSize;
        Initializer uniform = Initializer.uniform(1 / Math.sqrt(h));
        return List.of(
                new ParameterSpec("weight_ih", Shape.of(h, inputSize), uniform),
                new ParameterSpec("weight_yh", Shape.of(h, outputSize), uniform),
                new ParameterSpec("bias_ih", Shape.of(h), uniform),
                new ParameterSpec("bias_yh", Shape.of(h), uniform),
                new ParameterSpec("weight_hy", Shape.of(outputSize, h), uniform),
                new ParameterSpec("bias_hy", Shape.of(outputSize), uniform));
    }

    @Override
    public CellRunner bind(Backend backend, ParameterBinding parameters, int maxSteps, int batch) {
        return new JordanRunner(this, backend, parameters, maxSteps, batch);
    }
}
