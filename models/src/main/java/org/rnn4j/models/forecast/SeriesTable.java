package org.rnn4j.models.forecast;

import java.util.List;

/**
 * A multivariate time series in chronological order: column 0 is the TARGET (what is forecast),
 * the others are features; optionally a date per row (kept as text, for output and seasonality).
 *
 * <pre>{@code
 * SeriesTable t = SeriesTable.of("temp", new float[] {20.7f, 17.9f, 18.8f});
 * float first = t.value(0, 0);
 * }</pre>
 *
 * @param columns    names, target first
 * @param values     {@code [row][column]}
 * @param dateColumn the name of the date column, or null
 * @param dates      one per row, or null
 * @param source     where it came from, for messages
 */
public record SeriesTable(List<String> columns, float[][] values, String dateColumn, List<String> dates,
                          String source) {

    /** Checks the shape. */
    public SeriesTable {
        columns = List.copyOf(columns);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a series needs a target column");
        }
        for (int r = 0; r < values.length; r++) {
            if (values[r].length != columns.size()) {
                throw new IllegalArgumentException("row " + (r + 1) + " has " + values[r].length + " values for "
                        + columns.size() + " columns");
            }
        }
        if (dates != null) {
            dates = List.copyOf(dates);
            if (dates.size() != values.length) {
                throw new IllegalArgumentException(dates.size() + " dates for " + values.length + " rows");
            }
        }
    }

    /** A univariate series without dates. */
    public static SeriesTable of(String name, float[] series) {
        float[][] v = new float[series.length][1];
        for (int i = 0; i < series.length; i++) {
            v[i][0] = series[i];
        }
        return new SeriesTable(List.of(name), v, null, null, "memory");
    }

    /** Number of rows (time steps). */
    public int rows() {
        return values.length;
    }

    /** Number of columns, target included. */
    public int width() {
        return columns.size();
    }

    /** The value of {@code column} at {@code row}. */
    public float value(int row, int column) {
        return values[row][column];
    }

    /** The target column as an array. */
    public float[] target() {
        float[] y = new float[values.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = values[i][0];
        }
        return y;
    }

    /** The name of the target column. */
    public String targetName() {
        return columns.get(0);
    }
}
