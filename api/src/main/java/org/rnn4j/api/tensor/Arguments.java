package org.rnn4j.api.tensor;

/**
 * Argument checks shared by every layer of rnn4j, so that a bad call fails fast with a message
 * that names the argument, what it was, and what was expected.
 *
 * <pre>{@code
 * Arguments.positive("batch", batch);
 * Arguments.fits("gates", gates, gatesOffset, batch * 4 * hidden);
 * }</pre>
 */
public final class Arguments {

    private Arguments() {
    }

    /** Fails unless {@code value >= 1}. */
    public static int positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
        return value;
    }

    /** Fails unless {@code value >= 0}. */
    public static int nonNegative(String name, int value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must be >= 0, got " + value);
        }
        return value;
    }

    /** Fails when {@code value} is null. */
    public static <T> T notNull(String name, T value) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        return value;
    }

    /**
     * Fails unless elements {@code [offset, offset + length)} lie inside {@code tensor}.
     *
     * @return the tensor, for chaining
     */
    public static Tensor fits(String name, Tensor tensor, int offset, long length) {
        if (tensor == null) {
            throw new IllegalArgumentException(name + " must not be null");
        }
        if (offset < 0 || length < 0 || offset + length > tensor.size()) {
            throw new IllegalArgumentException(name + ": elements [" + offset + ", " + (offset + length)
                    + ") do not fit in a tensor of shape " + tensor.shape() + " (" + tensor.size()
                    + " elements); check the offset and the sizes passed with it");
        }
        return tensor;
    }

    /**
     * Fails unless a row-major matrix of {@code rows x cols} with leading dimension {@code ld}
     * starting at {@code offset} lies inside {@code tensor}.
     */
    public static Tensor fitsMatrix(String name, Tensor tensor, int offset, int rows, int cols, int ld) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException(name + ": matrix sizes must be >= 0, got "
                    + rows + " x " + cols);
        }
        if (ld < Math.max(1, cols)) {
            throw new IllegalArgumentException(name + ": leading dimension " + ld
                    + " is smaller than the row length " + cols);
        }
        long extent = rows == 0 ? 0 : (long) (rows - 1) * ld + cols;
        return fits(name, tensor, offset, extent);
    }

    /** Fails unless {@code host} holds {@code [offset, offset + length)}. */
    public static void fitsHost(String name, int hostLength, int offset, int length) {
        if (offset < 0 || length < 0 || (long) offset + length > hostLength) {
            throw new IllegalArgumentException(name + ": elements [" + offset + ", " + ((long) offset + length)
                    + ") do not fit in a host array of length " + hostLength);
        }
    }

    /**
     * Fails unless a per-step block of {@code batch} rows and up to four gate blocks of
     * {@code width} fits in one tensor (an int index), so kernels can index it without overflow.
     */
    public static void stepBlock(int batch, int width) {
        nonNegative("batch", batch);
        nonNegative("hidden/output size", width);
        if ((long) batch * width * 4 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("batch " + batch + " x size " + width
                    + " is too large for one tensor; use smaller batches");
        }
    }

    /**
     * Fails unless a whole recurrence of {@code steps} steps of {@code batch} rows and
     * {@code gates} gate blocks of {@code hidden} fits in one tensor (an int index), so sequence
     * kernels can index every step without overflow.
     */
    public static void sequenceBlock(int steps, int batch, int hidden, int gates) {
        positive("steps", steps);
        stepBlock(batch, hidden);
        if ((long) steps * batch * hidden * gates > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(steps + " steps of batch " + batch + " x " + gates + " x hidden "
                    + hidden + " are too many elements for one tensor; use shorter sequences or smaller batches");
        }
    }

    /**
     * Fails unless row {@code rows[at]} of a {@code cols}-wide table starting at
     * {@code tableOffset} lies inside {@code table} (embedding gather and scatter).
     */
    public static void tableRow(Tensor table, int tableOffset, int cols, int[] rows, int at) {
        if (tableOffset < 0 || cols < 0) {
            throw new IllegalArgumentException("table offset and cols must be >= 0, got " + tableOffset + " and " + cols);
        }
        long end = tableOffset + ((long) rows[at] + 1) * cols;
        if (end > table.size()) {
            throw new IllegalArgumentException("rows[" + at + "] = " + rows[at] + " is outside the table of "
                    + (table.size() - tableOffset) / Math.max(1, cols) + " rows (shape " + table.shape() + ")");
        }
    }

    /**
     * Fails unless every token of {@code tokens[offset, offset + count)} is below
     * {@code vocabulary} (negative tokens are padding and allowed): the one-hot products.
     */
    public static void tokens(int[] tokens, int offset, int count, int vocabulary) {
        notNull("tokens", tokens);
        fitsHost("tokens", tokens.length, offset, count);
        positive("vocabulary", vocabulary);
        for (int i = offset; i < offset + count; i++) {
            if (tokens[i] >= vocabulary) {
                throw new IllegalArgumentException("tokens[" + i + "] = " + tokens[i] + " is outside the vocabulary of "
                        + vocabulary + " (ids 0.." + (vocabulary - 1) + ", negative for padding)");
            }
        }
    }

    /**
     * The checks of the one-hot products ({@code oneHotProduct}, {@code oneHotWeightGradient}):
     * {@code rows} and {@code n} not negative, every token below {@code vocabulary}, the
     * {@code n x vocabulary} weight block {@code w} and the {@code rows x n} block {@code r}
     * inside their tensors, each named as the kernel names it.
     */
    public static void oneHotBlocks(int rows, int n, int vocabulary, int[] tokens, int tokensOffset,
                                    String wName, Tensor w, int wOffset, String rName, Tensor r, int rOffset) {
        nonNegative("rows", rows);
        nonNegative("n", n);
        tokens(tokens, tokensOffset, rows, vocabulary);
        fits(wName, w, wOffset, (long) n * vocabulary);
        fits(rName, r, rOffset, (long) rows * n);
    }

    /** Fails unless {@code min <= value <= max}. */
    public static double inRange(String name, double value, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw new IllegalArgumentException(name + " must be in [" + min + ", " + max + "], got " + value);
        }
        return value;
    }
    /** Fails unless {@code lo <= hi} (value clipping). */
    public static void clampRange(float lo, float hi) {
        if (!(lo <= hi)) {
            throw new IllegalArgumentException("clamp needs lo <= hi, got [" + lo + ", " + hi + "]");
        }
    }

    /** Fails unless the dropout probability {@code p} is in {@code [0, 1)}. */
    public static void dropoutProbability(float p) {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
        }
    }

    /** Fails unless the softmax temperature is positive and finite. */
    public static void temperature(float temperature) {
        if (!(temperature > 0) || Float.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be > 0 and finite, got " + temperature);
        }
    }

    /** Fails unless an Adam step number counts from 1 (its bias corrections divide by 1 - beta^step). */
    public static void adamStep(long step) {
        if (step < 1) {
            throw new IllegalArgumentException("Adam step counts from 1, got " + step);
        }
    }

    /**
     * The cross-entropy's host-side checks: {@code rows >= 0}, {@code classes > 0}, the targets
     * range fits, and no target names a class {@code >= classes} (negative ones mark ignored rows).
     */
    public static void classTargets(int rows, int classes, int[] targets, int targetsOffset) {
        nonNegative("rows", rows);
        positive("classes", classes);
        fitsHost("targets", notNull("targets", targets).length, targetsOffset, rows);
        for (int r = 0; r < rows; r++) {
            if (targets[targetsOffset + r] >= classes) {
                throw new IllegalArgumentException("targets[" + (targetsOffset + r) + "] = "
                        + targets[targetsOffset + r] + " is not a class in [0, " + classes
                        + "); use a negative target to ignore a row");
            }
        }
    }
}
