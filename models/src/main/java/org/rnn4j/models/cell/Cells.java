package org.rnn4j.models.cell;

import java.util.List;
import java.util.Locale;
import org.rnn4j.api.cell.Cell;
import org.rnn4j.api.kernel.Activation;

/**
 * Factories for the built-in cells, by method or by the type name stored in configurations.
 *
 * <pre>{@code
 * Cell a = Cells.lstm(8, 128);
 * Cell b = Cells.create("gru", 65, 256);
 * }</pre>
 */
public final class Cells {

    /** Type names accepted by {@link #create(String, int, int)}. */
    public static final List<String> TYPES = List.of(ElmanCell.TYPE, GruCell.TYPE, JordanCell.TYPE, LstmCell.TYPE);

    private Cells() {
    }

    /** An LSTM cell with PyTorch's initialisation. */
    public static Cell lstm(int inputSize, int hiddenSize) {
        return new LstmCell(inputSize, hiddenSize, false);
    }

    /** A GRU cell. */
    public static Cell gru(int inputSize, int hiddenSize) {
        return new GruCell(inputSize, hiddenSize);
    }

    /** An Elman cell with tanh. */
    public static Cell elman(int inputSize, int hiddenSize) {
        return new ElmanCell(inputSize, hiddenSize, Activation.TANH);
    }

    /** An Elman cell with the given activation (tanh or relu). */
    public static Cell elman(int inputSize, int hiddenSize, Activation activation) {
        return new ElmanCell(inputSize, hiddenSize, activation);
    }

    /** A Jordan cell with identity output. */
    public static Cell jordan(int inputSize, int hiddenSize, int outputSize) {
        return new JordanCell(inputSize, hiddenSize, outputSize, Activation.IDENTITY);
    }

    /** A Jordan cell with the given output activation (identity or tanh). */
    public static Cell jordan(int inputSize, int hiddenSize, int outputSize, Activation outputActivation) {
        return new JordanCell(inputSize, hiddenSize, outputSize, outputActivation);
    }

    /**
     * A cell by type name with default options: {@code lstm}, {@code gru}, {@code elman} (tanh)
     * or {@code jordan} (identity output of {@code hiddenSize} features).
     *
     * @throws IllegalArgumentException for an unknown type, listing the known ones
     */
    public static Cell create(String type, int inputSize, int hiddenSize) {
        String key = type == null ? "" : type.trim().toLowerCase(Locale.ROOT);
        switch (key) {
            case LstmCell.TYPE:
                return lstm(inputSize, hiddenSize);
            case GruCell.TYPE:
                return gru(inputSize, hiddenSize);
            case ElmanCell.TYPE:
            case "rnn":
                return elman(inputSize, hiddenSize);
            case JordanCell.TYPE:
                return jordan(inputSize, hiddenSize, hiddenSize);
            default:
                throw new IllegalArgumentException("unknown cell type '" + type + "'; known types: "
                        + String.join(", ", TYPES));
        }
    }
}
