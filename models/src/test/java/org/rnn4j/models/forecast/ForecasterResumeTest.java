package org.rnn4j.models.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.core.backend.Backends;
import org.rnn4j.core.train.TrainingListener;

/**
 * A forecaster run stopped part-way (as Ctrl-C stops it), saved and resumed ends exactly where
 * the same run without the stop ends; the resumed run must get the same series.
 */
class ForecasterResumeTest {

    @TempDir
    Path tmp;

    private static SeriesTable wave(int rows, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] y = new float[rows];
        for (int i = 0; i < rows; i++) {
            y[i] = (float) (3 * Math.sin(2 * Math.PI * i / 9) + 0.2 * r.nextGaussian());
        }
        return SeriesTable.of("y", y);
    }

    private static float[] weights(Forecaster f) {
        return f.model().parameters().snapshot();
    }

    @Test
    void aStoppedAndResumedRunEndsBitIdenticalToAnUninterruptedOne() throws Exception {
        Backend backend = Backends.discover().select();
        SeriesTable data = wave(300, 1);
        ForecastSettings s = ForecastSettings.of(12, 1).withModel("gru", 8, 1).withTestRows(40).withValidationRows(40)
                .withBudget(5, null, 0).withOptimisation(16, 1e-2).withSeed(3);
        float[] expected;
        long steps;
        try (Forecaster whole = Forecaster.train(data, s, backend)) {
            expected = weights(whole);
            steps = whole.training().get("steps").asLong();
        }
        Path dir = tmp.resolve("stopped.model");
        TrainingListener stop = new TrainingListener() {
            private long done;

            @Override
            public void onStep(StepReport r) {
                done = r.step();
            }

            @Override
            public boolean stopRequested() {
                return done >= steps / 2 + 1;
            }
        };
        try (Forecaster stopped = Forecaster.train(data, s, backend, stop)) {
            assertThat(stopped.training().get("stop_reason").asText()).isEqualTo("requested");
            stopped.saveCheckpoint(dir);
        }
        try (Forecaster resumed = Forecaster.resume(dir, data, 0, null, backend)) {
            assertThat(resumed.training().get("steps").asLong()).isEqualTo(steps);
            assertThat(weights(resumed)).isEqualTo(expected);
            resumed.saveCheckpoint(dir);
        }
        assertThatThrownBy(() -> Forecaster.resume(dir, data, 0, null, backend)).hasMessageContaining("has finished");
        assertThatThrownBy(() -> Forecaster.resume(dir, wave(300, 2), 1, null, backend))
                .hasMessageContaining("is not the series the run in").hasMessageContaining("300 rows");
        try (Forecaster more = Forecaster.resume(dir, data, 2, null, backend)) {
            assertThat(more.training().get("epochs_done").asLong()).isEqualTo(7);
        }
    }
}
