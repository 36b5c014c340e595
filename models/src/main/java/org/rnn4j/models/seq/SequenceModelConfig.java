package org.rnn4j.models.seq;

import java.util.ArrayList;
import java.util.List;
import org.rnn4j.api.cell.Cell;
import org.rnn4j.models.encode.InputEncoding;
import org.rnn4j.models.head.OutputHead;
import org.rnn4j.models.stack.RecurrentStack;

/**
 * The whole architecture of a sequence model: input encoding, recurrent layers, dropout between
 * them, output head and objective. Immutable; stored as {@code config.json} next to the weights.
 *
 * <pre>{@code
 * SequenceModelConfig lecture = new SequenceModelConfig(new InputEncoding.Projection(84, 8),
 *         List.of(LayerConfig.lstm(128)), 0f, new OutputHead.Dense(84), Objective.CLASSIFICATION);
 * }</pre>
 *
 * @param input     input encoding
 * @param layers    recurrent layers, bottom first (at least one)
 * @param dropout   dropout probability between recurrent layers during training, in [0, 1)
 * @param head      output head
 * @param objective loss
 * @param inputDropout dropout on the encoded input (what the first recurrent layer reads) during
 *                     training, in [0, 1); 0 for none
 */
public record SequenceModelConfig(InputEncoding input, List<LayerConfig> layers, float dropout, OutputHead head,
                                  Objective objective, float inputDropout) {

    /** A model without dropout on its input. */
    public SequenceModelConfig(InputEncoding input, List<LayerConfig> layers, float dropout, OutputHead head,
                               Objective objective) {
        this(input, layers, dropout, head, objective, 0f);
    }

    /** Validates every part and that they fit together. */
    public SequenceModelConfig {
        if (input == null || head == null || objective == null) {
            throw new IllegalArgumentException("a sequence model needs an input encoding, a head and an objective");
        }
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("a sequence model needs at least one recurrent layer");
        }
        layers = List.copyOf(layers);
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (!(inputDropout >= 0 && inputDropout < 1)) {
            throw new IllegalArgumentException("input dropout must be in [0, 1), got " + inputDropout);
        }
        if (objective == Objective.CLASSIFICATION && head.outputSize() < 2) {
            throw new IllegalArgumentException("a classification head needs at least 2 classes, got "
                    + head.outputSize());
        }
    }

    /** The recurrent stack these layers form over the encoder's output, named {@code rnn.*}. */
    public RecurrentStack stack() {
        List<Cell> cells = new ArrayList<>();
        int in = input.outputSize();
        for (LayerConfig layer : layers) {
            Cell cell = layer.cell(in);
            cells.add(cell);
            in = cell.outputSize();
        }
        return RecurrentStack.of("rnn.", cells);
    }
}
