package org.rnn4j.models.forecast;

/**
 * Train, validation and test parts of a series in time order: rows {@code [0, trainEnd)} train,
 * {@code [trainEnd, validationEnd)} choose the epoch, {@code [validationEnd, rows)} test. Never
 * shuffled: a model must only ever be scored on a future it has not seen.
 *
 * <pre>{@code
 * ChronologicalSplit s = ChronologicalSplit.lastRows(3650, 730, 365);   // Melbourne: last two years test
 * }</pre>
 *
 * @param trainEnd      first validation row
 * @param validationEnd first test row
 * @param rows          all rows
 */
public record ChronologicalSplit(int trainEnd, int validationEnd, int rows) {

    /** Checks the order. */
    public ChronologicalSplit {
        if (!(0 < trainEnd && trainEnd <= validationEnd && validationEnd <= rows)) {
            throw new IllegalArgumentException("a split needs 0 < trainEnd <= validationEnd <= rows, got " + trainEnd
                    + ", " + validationEnd + ", " + rows);
        }
    }

    /** The last {@code testRows} rows for testing, the {@code validationRows} before them for validation. */
    public static ChronologicalSplit lastRows(int rows, int testRows, int validationRows) {
        if (testRows < 0 || validationRows < 0) {
            throw new IllegalArgumentException("test and validation rows must be >= 0");
        }
        int validationEnd = rows - testRows;
        int trainEnd = validationEnd - validationRows;
        if (trainEnd < 1) {
            throw new IllegalArgumentException("the series has " + rows + " rows: too few for " + testRows
                    + " test and " + validationRows + " validation rows and any training rows");
        }
        return new ChronologicalSplit(trainEnd, validationEnd, rows);
    }

    /** Test rows. */
    public int testRows() {
        return rows - validationEnd;
    }

    /** Validation rows. */
    public int validationRows() {
        return validationEnd - trainEnd;
    }
}
