package org.rnn4j.models.seq;

import org.rnn4j.api.cell.Cell;
import org.rnn4j.api.kernel.Activation;
import org.rnn4j.models.cell.Cells;
import org.rnn4j.models.cell.ElmanCell;
import org.rnn4j.models.cell.GruCell;
import org.rnn4j.models.cell.JordanCell;
import org.rnn4j.models.cell.LstmCell;

/**
 * A serialisable description of one built-in recurrent layer, as stored in {@code config.json}.
 *
 * <pre>{@code
 * LayerConfig.lstm(128);
 * LayerConfig.elman(256, Activation.RELU);
 * LayerConfig.jordan(64, 16, Activation.TANH);
 * LayerConfig.lstm(100).withBidirectional();
 * }</pre>
 *
 * @param type          {@code lstm}, {@code gru}, {@code elman} or {@code jordan}
 * @param hidden        hidden units
 * @param activation    Elman: tanh or relu; Jordan: output activation identity or tanh; else null
 * @param outputs       Jordan: output size; else 0 (the output is the hidden state)
 * @param forgetBiasOne LSTM: start the forget-gate bias at 1
 * @param bidirectional run the layer in both directions ({@code 2 x} its output size)
 */
public record LayerConfig(String type, int hidden, Activation activation, int outputs, boolean forgetBiasOne,
                          boolean bidirectional) {

    /** Validates by building a cell once. */
    public LayerConfig {
        if (type == null || !Cells.TYPES.contains(type)) {
            throw new IllegalArgumentException("unknown cell type '" + type + "'; known types: "
                    + String.join(", ", Cells.TYPES));
        }
        if (hidden < 1) {
            throw new IllegalArgumentException(type + " layer hidden size must be >= 1, got " + hidden);
        }
    }

    /** An LSTM layer. */
    public static LayerConfig lstm(int hidden) {
        return new LayerConfig(LstmCell.TYPE, hidden, null, 0, false, false);
    }

    /** A GRU layer. */
    public static LayerConfig gru(int hidden) {
        return new LayerConfig(GruCell.TYPE, hidden, null, 0, false, false);
    }

    /** An Elman layer with tanh. */
    public static LayerConfig elman(int hidden) {
        return elman(hidden, Activation.TANH);
    }

    /** An Elman layer with tanh or relu. */
    public static LayerConfig elman(int hidden, Activation activation) {
        return new LayerConfig(ElmanCell.TYPE, hidden, activation, 0, false, false);
    }

    /** A Jordan layer with {@code outputs} fed-back outputs. */
    public static LayerConfig jordan(int hidden, int outputs, Activation outputActivation) {
        return new LayerConfig(JordanCell.TYPE, hidden, outputActivation, outputs, false, false);
    }

    /** A layer of type {@code type} with default options, as on the command line. */
    public static LayerConfig of(String type, int hidden) {
        switch (type == null ? "" : type) {
            case LstmCell.TYPE:
                return lstm(hidden);
            case GruCell.TYPE:
                return gru(hidden);
            case ElmanCell.TYPE:
                return elman(hidden);
            case JordanCell.TYPE:
                return jordan(hidden, hidden, Activation.IDENTITY);
            default:
                throw new IllegalArgumentException("unknown cell type '" + type + "'; known types: "
                        + String.join(", ", Cells.TYPES));
        }
    }

    /** This layer with the LSTM forget-gate bias starting at 1. */
    public LayerConfig withForgetBiasOne() {
        if (!LstmCell.TYPE.equals(type)) {
            throw new IllegalArgumentException("a forget-gate bias exists only in LSTM layers, not " + type);
        }
        return new LayerConfig(type, hidden, activation, outputs, true, bidirectional);
    }

    /** This layer run in both directions. */
    public LayerConfig withBidirectional() {
        return new LayerConfig(type, hidden, activation, outputs, forgetBiasOne, true);
    }

    /** The cell for an input of {@code inputSize} features (wrapped to run both ways if bidirectional). */
    public Cell cell(int inputSize) {
        Cell one = directionalCell(inputSize);
        return bidirectional ? new org.rnn4j.models.cell.BidirectionalCell(one) : one;
    }

    private Cell directionalCell(int inputSize) {
        switch (type) {
            case LstmCell.TYPE:
                return new LstmCell(inputSize, hidden, forgetBiasOne);
            case GruCell.TYPE:
                return new GruCell(inputSize, hidden);
            case ElmanCell.TYPE:
                return new ElmanCell(inputSize, hidden, activation == null ? Activation.TANH : activation);
            default:
                return new JordanCell(inputSize, hidden, outputs < 1 ? hidden : outputs,
                        activation == null ? Activation.IDENTITY : activation);
        }
    }
}
