package org.rnn4j.models.forecast;

/**
 * Standardisation per column, {@code (x - mean) / std}, FITTED ON THE TRAINING ROWS ONLY: the
 * test period must not leak into the model through its mean and spread.
 *
 * <pre>{@code
 * Scaler s = Scaler.fit(table.values(), split.trainEnd());
 * float z = s.scale(x, 0);
 * float x2 = s.unscale(z, 0);
 * }</pre>
 *
 * @param mean per column
 * @param std  per column (1 for a constant column, so it scales to 0 rather than dividing by 0)
 */
public record Scaler(float[] mean, float[] std) {

    /** Checks the sizes. */
    public Scaler {
        if (mean.length != std.length) {
            throw new IllegalArgumentException(mean.length + " means for " + std.length + " deviations");
        }
    }

    /** Mean and standard deviation of every column over rows {@code [0, rows)}. */
    public static Scaler fit(float[][] values, int rows) {
        if (rows < 2) {
            throw new IllegalArgumentException("fitting a scaler needs at least 2 rows, got " + rows);
        }
        int width = values[0].length;
        float[] mean = new float[width];
        float[] std = new float[width];
        for (int c = 0; c < width; c++) {
            double sum = 0;
            for (int r = 0; r < rows; r++) {
                sum += values[r][c];
            }
            double m = sum / rows;
            double sq = 0;
            for (int r = 0; r < rows; r++) {
                sq += (values[r][c] - m) * (values[r][c] - m);
            }
            double s = Math.sqrt(sq / rows);
            mean[c] = (float) m;
            std[c] = s > 1e-8 ? (float) s : 1f;
        }
        return new Scaler(mean, std);
    }

    /** {@code x} of {@code column} scaled. */
    public float scale(float x, int column) {
        return (x - mean[column]) / std[column];
    }

    /** A scaled value of {@code column} back in the original units. */
    public float unscale(float z, int column) {
        return z * std[column] + mean[column];
    }
}
