package org.rnn4j.models.cell;

import org.rnn4j.api.cell.Cell;
import org.rnn4j.api.cell.CellProvider;

/**
 * Registers the built-in cell types with {@link java.util.ServiceLoader}, so that anything that
 * looks cells up by name (the Guice module, configurations) finds them beside user-defined ones.
 *
 * <pre>{@code
 * CellTypes.discover().create("lstm", 8, 128);
 * }</pre>
 */
public final class BuiltInCells {

    private BuiltInCells() {
    }

    /** {@code lstm}. */
    public static final class Lstm implements CellProvider {
        @Override
        public String type() {
            return LstmCell.TYPE;
        }

        @Override
        public Cell create(int inputSize, int hiddenSize) {
            return Cells.lstm(inputSize, hiddenSize);
        }
    }

    /** {@code gru}. */
    public static final class Gru implements CellProvider {
        @Override
        public String type() {
            return GruCell.TYPE;
        }

        @Override
        public Cell create(int inputSize, int hiddenSize) {
            return Cells.gru(inputSize, hiddenSize);
        }
    }

    /** {@code elman} (tanh). */
    public static final class Elman implements CellProvider {
        @Override
        public String type() {
            return ElmanCell.TYPE;
        }

        @Override
        public Cell create(int inputSize, int hiddenSize) {
            return Cells.elman(inputSize, hiddenSize);
        }
    }

    /** {@code jordan} (identity output of {@code hiddenSize} features). */
    public static final class Jordan implements CellProvider {
        @Override
        public String type() {
            return JordanCell.TYPE;
        }

        @Override
        public Cell create(int inputSize, int hiddenSize) {
            return Cells.jordan(inputSize, hiddenSize, hiddenSize);
        }
    }
}
