package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rnn4j tag train with character features (saved with their characters, read back by eval and
 * predict), --resume of a saved run, and forecast train --resume. Ctrl-C itself is exercised on
 * the packaged jar by integration-tests' CliProcessTest.
 */
class CliTagCharactersAndResumeTest {

    @TempDir
    Path tmp;

    @Test
    void characterFeaturesAreSavedAndUsedByEvalAndPredict() throws IOException {
        Path train = CliTagTest.resource(tmp, "wnut17-train-slice.conll");
        Path model = tmp.resolve("chars.model");
        CliRun run = CliRun.of("tag", "train", "--train", train.toString(), "--embed", "8", "--hidden", "8",
                "--char-embed", "4", "--char-hidden", "6", "--char-max-length", "12", "--epochs", "1", "--out",
                model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("character features 4 -> BiLSTM 6").contains(" characters, ").contains("saved");
        JsonNode config = new ObjectMapper().readTree(model.resolve("config.json").toFile());
        assertThat(config.at("/model/input/type").asText()).isEqualTo("words-and-characters");
        assertThat(config.at("/model/input/max_word_length").asInt()).isEqualTo(12);
        assertThat(config.at("/data/characters").size()).isGreaterThan(20);
        CliRun eval = CliRun.of("tag", "eval", "--model", model.toString(), "--test", train.toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).containsPattern("accuracy +\\d+\\.\\d\\d%");
        Path in = Files.writeString(tmp.resolve("in.txt"), "Jon and Antonia gave deep learning lectures\n");
        CliRun predict = CliRun.of("tag", "predict", "--model", model.toString(), "--input", in.toString());
        assertThat(predict.exitCode()).as(predict.err()).isZero();
        assertThat(predict.out()).startsWith("Jon/");

        CliRun lengthAlone = CliRun.of("tag", "train", "--train", train.toString(), "--char-max-length", "12");
        assertThat(lengthAlone.exitCode()).isEqualTo(2);
        assertThat(lengthAlone.err()).contains("--char-max-length applies to character features");
    }

    @Test
    void resumeContinuesASavedTaggerRun() throws IOException {
        Path train = CliTagTest.resource(tmp, "wnut17-train-slice.conll");
        Path model = tmp.resolve("ner.model");
        CliRun first = CliRun.of("tag", "train", "--train", train.toString(), "--dev", train.toString(), "--embed", "8",
                "--hidden", "8", "--epochs", "1", "--batch", "16", "--out", model.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        long steps = config(model).at("/training/steps").asLong();
        assertThat(model.resolve("optimizer.safetensors")).exists();

        CliRun finished = CliRun.of("tag", "train", "--resume", model.toString());
        assertThat(finished.exitCode()).isEqualTo(1);
        assertThat(finished.err()).contains("has finished").contains("more epochs");

        CliRun more = CliRun.of("tag", "train", "--resume", model.toString(), "--epochs", "2");
        assertThat(more.exitCode()).as(more.err()).isZero();
        assertThat(more.err()).contains("resuming the tagger in " + model).contains(train.toString()).contains("saved");
        assertThat(more.out()).contains("development set");
        assertThat(config(model).at("/training/steps").asLong()).isEqualTo(3 * steps);
        assertThat(config(model).at("/training/epochs_done").asLong()).isEqualTo(3);

        CliRun changed = CliRun.of("tag", "train", "--resume", model.toString(), "--hidden", "16");
        assertThat(changed.exitCode()).isEqualTo(2);
        assertThat(changed.err()).contains("--hidden cannot change when resuming");
        Path other = Files.writeString(tmp.resolve("other.conll"), "Jon\tB-person\nsmiled\tO\n");
        CliRun otherData = CliRun.of("tag", "train", "--resume", model.toString(), "--train", other.toString(),
                "--epochs", "1");
        assertThat(otherData.exitCode()).isEqualTo(1);
        assertThat(otherData.err()).contains("are not those the run was trained with");
        assertThat(CliRun.of("tag", "train", "--epochs", "1").err()).contains("--train FILE (or --resume MODEL");
    }

    @Test
    void forecastResumeContinuesASavedRun() throws IOException {
        Path csv = CliTagTest.resource(tmp, "melbourne-1981.csv");
        Path model = tmp.resolve("melbourne.model");
        CliRun first = CliRun.of("forecast", "train", "--csv", csv.toString(), "--target", "Temp", "--date", "Date",
                "--window", "7", "--horizon", "1", "--test-rows", "60", "--hidden", "4", "--epochs", "1", "--out",
                model.toString());
        assertThat(first.exitCode()).as(first.err()).isZero();
        long steps = config(model).at("/training/steps").asLong();
        CliRun more = CliRun.of("forecast", "train", "--resume", model.toString(), "--epochs", "1");
        assertThat(more.exitCode()).as(more.err()).isZero();
        assertThat(more.err()).contains("resuming the forecaster in " + model).contains("saved");
        assertThat(more.out()).contains("persistence");
        assertThat(config(model).at("/training/steps").asLong()).isEqualTo(2 * steps);
        CliRun changed = CliRun.of("forecast", "train", "--resume", model.toString(), "--window", "9");
        assertThat(changed.exitCode()).isEqualTo(2);
        assertThat(changed.err()).contains("--window cannot change when resuming");
        CliRun missing = CliRun.of("forecast", "train", "--csv", csv.toString(), "--target", "Temp");
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("missing --window");
    }

    private static JsonNode config(Path model) throws IOException {
        return new ObjectMapper().readTree(model.resolve("config.json").toFile());
    }
}
