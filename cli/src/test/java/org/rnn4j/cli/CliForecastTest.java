package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rnn4j forecast train / eval / predict on slices of the Melbourne and Seattle series, and bad input. */
class CliForecastTest {

    @TempDir
    static Path tmp;

    static Path melbourne;
    static Path model;

    @BeforeAll
    static void trainOnce() throws IOException {
        melbourne = CliTagTest.resource(tmp, "melbourne-1981.csv");
        model = tmp.resolve("melbourne.model");
        CliRun run = CliRun.of("forecast", "train", "--csv", melbourne.toString(), "--target", "Temp", "--date", "Date",
                "--window", "14", "--horizon", "2", "--test-rows", "60", "--hidden", "8", "--epochs", "2", "--out",
                model.toString(), "--threads", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("train 306, validation 34, test 60").contains("saved");
        assertThat(run.out()).contains("persistence").contains("seasonal naive (365)").contains("RMSE (1 step)");
    }

    @Test
    void infoSaysWhatTheFolderHoldsAndScoresItAsAForecaster() {
        CliRun info = CliRun.of("info", "--model", model.toString());
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).contains("kind          a forecaster").containsPattern("trained +\\d+ steps, 2 epochs")
                .contains("(mean squared error of the standardized series)").doesNotContain("nats/char")
                .contains("\"window\":14");
    }

    @Test
    void evalAndPredictWriteMetricsCsvAndPlot() throws IOException {
        CliRun eval = CliRun.of("forecast", "eval", "--model", model.toString(), "--csv", melbourne.toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("test forecasts        59").containsPattern("model +\\d+\\.\\d{4}")
                .contains("one-step RMSE vs persistence");
        Path csv = tmp.resolve("next.csv");
        CliRun predict = CliRun.of("forecast", "predict", "--model", model.toString(), "--csv", melbourne.toString(),
                "--out", csv.toString());
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).isEqualTo("step,date,Temp_forecast");
        assertThat(lines.get(1)).startsWith("1,1982-02-05,");
        assertThat(lines.get(2)).startsWith("2,1982-02-06,");
        assertThat(Files.size(tmp.resolve("next.png"))).isGreaterThan(1000);
        CliRun stdout = CliRun.of("forecast", "predict", "--model", model.toString(), "--csv", melbourne.toString());
        assertThat(stdout.out()).startsWith("step,date,Temp_forecast");
    }

    @Test
    void seattleWithFeatures() throws IOException {
        Path seattle = CliTagTest.resource(tmp, "seattle-2012.csv");
        CliRun run = CliRun.of("forecast", "train", "--csv", seattle.toString(), "--target", "temp_max", "--date", "date",
                "--features", "precipitation,wind", "--window", "7", "--horizon", "1", "--hidden", "8", "--epochs", "1",
                "--out", tmp.resolve("seattle.model").toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("[temp_max, precipitation, wind]");
    }

    @Test
    void badInputGetsOneLineWithFileAndRow() throws IOException {
        String out = tmp.resolve("bad.model").toString();
        CliRun unknown = CliRun.of("forecast", "train", "--csv", melbourne.toString(), "--target", "temp", "--window", "5",
                "--horizon", "1", "--features", "Rain", "--out", out);
        assertThat(unknown.exitCode()).isEqualTo(1);
        assertThat(unknown.err()).contains("melbourne-1981.csv:1: no column 'Rain'; the header has: Date, Temp");
        Path text = Files.writeString(tmp.resolve("text.csv"), "d,y\n1,2\n2,3\n3,warm\n");
        assertThat(CliRun.of("forecast", "train", "--csv", text.toString(), "--target", "y", "--window", "1",
                "--horizon", "1", "--out", out).err()).contains("text.csv:4: column 'y' holds 'warm', which is not a number");
        StringBuilder gaps = new StringBuilder("d,y\n");
        for (int i = 0; i < 60; i++) {
            gaps.append(i).append(',').append(i == 7 || i == 30 ? "" : Integer.toString(i % 9)).append('\n');
        }
        Path missing = Files.writeString(tmp.resolve("gaps.csv"), gaps);
        CliRun refused = CliRun.of("forecast", "train", "--csv", missing.toString(), "--target", "y", "--window", "4",
                "--horizon", "1", "--epochs", "1", "--hidden", "4", "--out", out);
        assertThat(refused.exitCode()).isEqualTo(1);
        assertThat(refused.err()).contains("gaps.csv:9: 2 missing values, on lines 9 (y), 32 (y)").contains("--fill");
        CliRun filled = CliRun.of("forecast", "train", "--csv", missing.toString(), "--target", "y", "--window", "4",
                "--horizon", "1", "--epochs", "1", "--hidden", "4", "--fill", "interpolate", "--out", out);
        assertThat(filled.exitCode()).as(filled.err()).isZero();
        Path shortSeries = Files.writeString(tmp.resolve("short.csv"), "d,y\n1,1\n2,2\n3,3\n");
        assertThat(CliRun.of("forecast", "train", "--csv", shortSeries.toString(), "--target", "y", "--window", "3",
                "--horizon", "2", "--out", tmp.resolve("s.model").toString()).err())
                .contains("has 3 rows, fewer than window + horizon = 5");
        CliRun usage = CliRun.of("forecast", "train", "--csv", melbourne.toString(), "--target", "Temp", "--window", "0",
                "--horizon", "1");
        assertThat(usage.exitCode()).isEqualTo(2);
        Path tagger = tmp.resolve("tagger.model");
        try (var t = org.rnn4j.models.tagging.Tagger.train(List.of(org.rnn4j.models.tagging.TaggedSentence.of(
                List.of("a", "b"), List.of("X", "Y"))), null, org.rnn4j.models.tagging.TaggerSettings.defaults()
                .withEmbedding(2).withHidden(2).withEpochs(1), org.rnn4j.core.backend.Backends.discover().select())) {
            t.save(tagger);
        }
        assertThat(CliRun.of("forecast", "eval", "--model", tagger.toString(), "--csv", melbourne.toString()).err())
                .contains("is a sequence tagger (rnn4j tag train, eval, predict), not a forecaster");
        assertThat(CliRun.of("sample", "--model", tagger.toString()).err())
                .contains("is a sequence tagger (rnn4j tag train, eval, predict), not a character model");
    }
}
