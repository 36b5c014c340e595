package org.rnn4j.core.train;

/**
 * A summed loss and the number of terms in it (valid tokens or masked-in values), so that means
 * over batches of different sizes combine exactly.
 *
 * <pre>{@code
 * LossValue total = LossValue.ZERO.plus(a).plus(b);
 * double perToken = total.mean();
 * }</pre>
 *
 * @param sum   the summed loss
 * @param count the number of terms, {@code >= 0}
 */
public record LossValue(double sum, long count) {

    /** No loss, no terms. */
    public static final LossValue ZERO = new LossValue(0, 0);

    /** Rejects a negative count. */
    public LossValue {
        if (count < 0) {
            throw new IllegalArgumentException("count must be >= 0, got " + count);
        }
    }

    /** The mean loss per term; NaN when there are no terms. */
    public double mean() {
        return count == 0 ? Double.NaN : sum / count;
    }

    /** Both sums added. */
    public LossValue plus(LossValue other) {
        return new LossValue(sum + other.sum, count + other.count);
    }

    /** Whether the sum is a finite number. */
    public boolean isFinite() {
        return Double.isFinite(sum);
    }
}
