package org.rnn4j.models.forecast;

/**
 * A model's errors on the test part beside two baselines on exactly the same forecasts:
 * persistence (tomorrow = today) and seasonal naive (tomorrow = the same day one season ago).
 *
 * <pre>{@code
 * ForecastReport r = forecaster.evaluate(table);
 * double gain = 1 - r.model().rmseByStep()[0] / r.persistence().rmseByStep()[0];   // 0.1 = 10% better
 * }</pre>
 *
 * @param model       the network's errors
 * @param persistence the last observed value, repeated
 * @param seasonal    the value one season earlier, or null without a season
 * @param season      the season length in steps (0 = none)
 * @param firstRow    the first test row (0-based, data rows)
 * @param horizon     steps forecast
 */
public record ForecastReport(ErrorStats model, ErrorStats persistence, ErrorStats seasonal, int season, int firstRow,
                             int horizon) {

    /** How much lower the model's one-step RMSE is than persistence's (0.1 = 10% lower). */
    public double oneStepGainOverPersistence() {
        return 1 - model.rmseByStep()[0] / persistence.rmseByStep()[0];
    }
}
