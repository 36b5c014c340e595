package org.rnn4j.models.forecast;

import java.time.Duration;
import java.util.Locale;

/**
 * Everything that shapes a forecaster and its training. Use {@link #of(int, int)} for the
 * defaults and the {@code with...} methods to change one thing at a time.
 *
 * <pre>{@code
 * ForecastSettings s = ForecastSettings.of(30, 1).withTestRows(730).withModel("gru", 32, 1);
 * }</pre>
 *
 * @param window         input steps per forecast (W)
 * @param horizon        steps forecast (H)
 * @param cell           {@code gru} or {@code lstm}
 * @param hidden         units per layer
 * @param layers         recurrent layers
 * @param batch          windows per batch
 * @param learningRate   Adam's learning rate
 * @param epochs         passes over the training windows at most
 * @param maxTime        wall-time budget, or null
 * @param patience       stop after this many epochs without a better validation loss (0 = never)
 * @param testRows       rows at the end held out for testing, or -1 for 20%
 * @param validationRows rows before the test part for choosing the epoch, or -1 for 10% of the rest
 * @param season         season length for the seasonal-naive baseline; 0 none; -1 from the dates
 * @param calendar       add the day of the year (as sine and cosine) to the inputs when dates exist
 * @param seed           seed of weights and shuffling
 */
public record ForecastSettings(int window, int horizon, String cell, int hidden, int layers, int batch,
                               double learningRate, int epochs, Duration maxTime, int patience, int testRows,
                               int validationRows, int season, boolean calendar, long seed) {

    /** Checks every value. */
    public ForecastSettings {
        if (window < 1 || horizon < 1) {
            throw new IllegalArgumentException("window and horizon must be >= 1, got " + window + " and " + horizon);
        }
        cell = cell == null ? "gru" : cell.toLowerCase(Locale.ROOT);
        if (!cell.equals("gru") && !cell.equals("lstm")) {
            throw new IllegalArgumentException("a forecaster's cell is gru or lstm, got '" + cell + "'");
        }
        if (hidden < 1 || layers < 1 || batch < 1 || epochs < 1) {
            throw new IllegalArgumentException("hidden, layers, batch and epochs must be >= 1");
        }
        if (!(learningRate > 0 && Double.isFinite(learningRate))) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        }
        if (patience < 0 || testRows < -1 || validationRows < -1 || season < -1) {
            throw new IllegalArgumentException("patience, test rows, validation rows and season must not be negative");
        }
    }

    /** GRU of 32, batch 32, Adam 3e-3, 30 epochs, patience 5, 20% test, 10% validation, season from dates. */
    public static ForecastSettings of(int window, int horizon) {
        return new ForecastSettings(window, horizon, "gru", 32, 1, 32, 3e-3, 30, null, 5, -1, -1, -1, true, 42);
    }

    /** With another network. */
    public ForecastSettings withModel(String cellType, int hiddenUnits, int layerCount) {
        return new ForecastSettings(window, horizon, cellType, hiddenUnits, layerCount, batch, learningRate, epochs,
                maxTime, patience, testRows, validationRows, season, calendar, seed);
    }

    /** With another batch size and learning rate. */
    public ForecastSettings withOptimisation(int batchSize, double rate) {
        return new ForecastSettings(window, horizon, cell, hidden, layers, batchSize, rate, epochs, maxTime, patience,
                testRows, validationRows, season, calendar, seed);
    }

    /** With other budgets (maxTime may be null). */
    public ForecastSettings withBudget(int epochCount, Duration time, int patienceEpochs) {
        return new ForecastSettings(window, horizon, cell, hidden, layers, batch, learningRate, epochCount, time,
                patienceEpochs, testRows, validationRows, season, calendar, seed);
    }

    /** With another test size (rows at the end). */
    public ForecastSettings withTestRows(int rows) {
        return new ForecastSettings(window, horizon, cell, hidden, layers, batch, learningRate, epochs, maxTime,
                patience, rows, validationRows, season, calendar, seed);
    }

    /** With another validation size (rows before the test part). */
    public ForecastSettings withValidationRows(int rows) {
        return new ForecastSettings(window, horizon, cell, hidden, layers, batch, learningRate, epochs, maxTime,
                patience, testRows, rows, season, calendar, seed);
    }

    /** With another seasonal-naive season (0 none, -1 from the dates). */
    public ForecastSettings withSeason(int steps) {
        return new ForecastSettings(window, horizon, cell, hidden, layers, batch, learningRate, epochs, maxTime,
                patience, testRows, validationRows, steps, calendar, seed);
    }

    /** With calendar inputs on or off. */
    public ForecastSettings withCalendar(boolean on) {
        return new ForecastSettings(window, horizon, cell, hidden, layers, batch, learningRate, epochs, maxTime,
                patience, testRows, validationRows, season, on, seed);
    }

    /** With another seed. */
    public ForecastSettings withSeed(long s) {
        return new ForecastSettings(window, horizon, cell, hidden, layers, batch, learningRate, epochs, maxTime,
                patience, testRows, validationRows, season, calendar, s);
    }

    /** The split these settings give a series of {@code rows} rows. */
    public ChronologicalSplit split(int rows) {
        int test = testRows >= 0 ? testRows : (int) Math.round(rows * 0.2);
        int validation = validationRows >= 0 ? validationRows : (int) Math.round((rows - test) * 0.1);
        return ChronologicalSplit.lastRows(rows, test, validation);
    }
}
