package org.rnn4j.models.forecast;

/**
 * Root mean squared error and mean absolute error, in the target's units, overall and per
 * horizon step ({@code [0]} = one step ahead).
 *
 * <pre>{@code
 * ErrorStats e = ErrorStats.of(predicted, actual, horizon);
 * System.out.printf("RMSE %.3f, one step ahead %.3f%n", e.rmse(), e.rmseByStep()[0]);
 * }</pre>
 *
 * @param rmse       over every forecast and step
 * @param mae        over every forecast and step
 * @param rmseByStep per horizon step
 * @param maeByStep  per horizon step
 * @param count      forecasts (origins) scored
 */
public record ErrorStats(double rmse, double mae, double[] rmseByStep, double[] maeByStep, int count) {

    /**
     * Errors of {@code predicted} against {@code actual}, both {@code [origin][step]}; entries
     * where {@code predicted} is NaN are left out (a baseline without enough history).
     */
    public static ErrorStats of(float[][] predicted, float[][] actual, int horizon) {
        double[] sq = new double[horizon];
        double[] abs = new double[horizon];
        long[] n = new long[horizon];
        for (int o = 0; o < predicted.length; o++) {
            for (int h = 0; h < horizon; h++) {
                if (Float.isNaN(predicted[o][h])) {
                    continue;
                }
                double e = predicted[o][h] - actual[o][h];
                sq[h] += e * e;
                abs[h] += Math.abs(e);
                n[h]++;
            }
        }
        double[] rmse = new double[horizon];
        double[] mae = new double[horizon];
        double totalSq = 0;
        double totalAbs = 0;
        long total = 0;
        for (int h = 0; h < horizon; h++) {
            rmse[h] = n[h] == 0 ? Double.NaN : Math.sqrt(sq[h] / n[h]);
            mae[h] = n[h] == 0 ? Double.NaN : abs[h] / n[h];
            totalSq += sq[h];
            totalAbs += abs[h];
            total += n[h];
        }
        return new ErrorStats(total == 0 ? Double.NaN : Math.sqrt(totalSq / total),
                total == 0 ? Double.NaN : totalAbs / total, rmse, mae, predicted.length);
    }
}
