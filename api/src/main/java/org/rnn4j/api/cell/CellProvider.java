package org.rnn4j.api.cell;

/**
 * The service-provider interface that makes a cell type available by name: list an
 * implementation in {@code META-INF/services/org.rnn4j.api.cell.CellProvider}. rnn4j's built-in
 * {@code lstm}, {@code gru}, {@code elman} and {@code jordan} are registered this way too.
 *
 * <pre>{@code
 * public final class ResidualCellProvider implements CellProvider {
 *     public String type() { return "residual"; }
 *     public Cell create(int inputSize, int hiddenSize) { return new ResidualCell(inputSize, hiddenSize); }
 * }
 * }</pre>
 */
public interface CellProvider {

    /** The unique lower-case type name. */
    String type();

    /** A cell of this type with default options. */
    Cell create(int inputSize, int hiddenSize);
}
