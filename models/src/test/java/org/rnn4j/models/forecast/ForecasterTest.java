package org.rnn4j.models.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.core.backend.Backends;

/** Forecasting through the facade: learns what persistence cannot, baselines computed right, round trip. */
class ForecasterTest {

    @TempDir
    Path tmp;

    /** A noisy cycle of 12 steps: tomorrow is predictable from the phase, not from today alone. */
    private static SeriesTable cycle(int rows) {
        SplittableRandom r = new SplittableRandom(5);
        float[] y = new float[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = (float) (10 + 5 * Math.sin(2 * Math.PI * i / 12) + 0.3 * r.nextGaussian());
        }
        return SeriesTable.of("y", y);
    }

    @Test
    void beatsPersistenceOnACycleAndSurvivesSaveAndLoad() throws IOException {
        Backend backend = Backends.discover().select();
        SeriesTable data = cycle(600);
        ForecastSettings s = ForecastSettings.of(24, 2).withModel("gru", 16, 1).withTestRows(100)
                .withValidationRows(60).withSeason(12).withBudget(15, null, 0).withOptimisation(32, 1e-2);
        try (Forecaster f = Forecaster.train(data, s, backend)) {
            ForecastReport r = f.evaluate(data);
            assertThat(r.horizon()).isEqualTo(2);
            assertThat(r.model().count()).isEqualTo(99);      // origins 499..597: targets in the last 100 rows
            assertThat(r.persistence().rmseByStep()[0]).isGreaterThan(1.5);
            assertThat(r.oneStepGainOverPersistence()).as("one-step gain over persistence").isGreaterThan(0.5);
            assertThat(r.model().rmse()).isLessThan(r.seasonal().rmse());
            float[] next = f.forecast(data);
            assertThat(next).hasSize(2);
            assertThat(f.forecastDates(data)).containsExactly("+1", "+2");

            Path dir = tmp.resolve("cycle.model");
            f.save(dir);
            try (Forecaster loaded = Forecaster.load(dir, backend)) {
                assertThat(loaded.forecast(data)).containsExactly(next);
                assertThat(loaded.evaluate(data).model().rmse()).isCloseTo(r.model().rmse(), within(1e-9));
            }
        }
    }

    @Test
    void baselinesAreExactOnARamp() {
        float[] y = new float[50];
        for (int i = 0; i < y.length; i++) {
            y[i] = 2 * i;
        }
        SeriesTable ramp = SeriesTable.of("y", y);
        ForecastSettings s = ForecastSettings.of(5, 3).withModel("gru", 4, 1).withTestRows(10).withValidationRows(0)
                .withSeason(7).withBudget(1, null, 0);
        try (Forecaster f = Forecaster.train(ramp, s, Backends.discover().select())) {
            ForecastReport r = f.evaluate(ramp);
            // Persistence is 2h too low h steps ahead; seasonal naive (7 back) always 14 too low.
            assertThat(r.persistence().maeByStep()).containsExactly(2, 4, 6);
            assertThat(r.seasonal().rmse()).isCloseTo(14, within(1e-9));
            assertThat(r.firstRow()).isEqualTo(40);
        }
    }

    @Test
    void seriesTooShortOrWithOtherColumnsIsRefused() throws IOException {
        Backend backend = Backends.discover().select();
        assertThatThrownBy(() -> Forecaster.train(cycle(10), ForecastSettings.of(8, 3), backend))
                .hasMessageContaining("has 10 rows, fewer than window + horizon = 11");
        assertThatThrownBy(() -> Forecaster.train(cycle(30), ForecastSettings.of(20, 3), backend))
                .hasMessageContaining("the training part (the first 22 of 30 rows) is shorter than window + horizon");
        SeriesTable melbourne = SeriesCsv.read(SeriesCsvTest.resource(tmp, "melbourne-1981.csv"), "Temp", "Date",
                List.of(), MissingValues.REFUSE);
        try (Forecaster f = Forecaster.train(melbourne, ForecastSettings.of(10, 1).withModel("lstm", 4, 1)
                .withBudget(1, null, 0), backend)) {
            assertThat(f.season()).isEqualTo(365);
            assertThat(f.forecastDates(melbourne)).containsExactly("1982-02-05");
            assertThatThrownBy(() -> f.evaluate(cycle(100))).hasMessageContaining("has columns [y] but the model was"
                    + " trained on [Temp]");
        }
    }
}
