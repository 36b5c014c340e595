package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** train -> sample -> eval -> info -> resume through the command line, on a small real text. */
class CliEndToEndTest {

    @TempDir
    Path tmp;

    private Path small() throws IOException {
        Path text = tmp.resolve("small.txt");
        Files.copy(getClass().getResourceAsStream("/small.txt"), text);
        return text;
    }

    @Test
    void trainSampleEvalInfoAndResume() throws IOException {
        Path text = small();
        Path model = tmp.resolve("run.model");
        CliRun train = CliRun.of("train", "--text", text.toString(), "--cell", "gru", "--hidden", "24", "--layers", "2",
                "--embed", "8", "--dropout", "0.1", "--seq-len", "20", "--batch", "8", "--steps", "24",
                "--eval-every", "10", "--checkpoint-every", "10", "--val-frac", "0.2", "--out", model.toString(),
                "--sample-length", "40", "--threads", "1");
        assertThat(train.exitCode()).as(train.err()).isZero();
        assertThat(train.err()).contains("validation loss").contains("bits/char").contains("done: 24 steps");
        assertThat(train.out()).contains("--- sample");
        assertThat(Files.exists(model.resolve("model.safetensors"))).isTrue();
        assertThat(Files.exists(tmp.resolve("run.loss.png"))).isTrue();
        List<String> metrics = Files.readAllLines(tmp.resolve("run.metrics.jsonl"));
        assertThat(metrics).hasSize(24 + 2);
        JsonNode first = new ObjectMapper().readTree(metrics.get(0));
        assertThat(first.get("step").asInt()).isEqualTo(1);
        assertThat(first.has("chars_per_s")).isTrue();

        CliRun sample = CliRun.of("sample", "--model", model.toString(), "--prime", "First", "--length", "60",
                "--temperature", "0.7", "--top-k", "5", "--seed", "3");
        assertThat(sample.exitCode()).as(sample.err()).isZero();
        assertThat(sample.out().strip()).startsWith("First").hasSizeGreaterThanOrEqualTo(60);
        assertThat(CliRun.of("sample", "--model", model.toString(), "--prime", "First", "--length", "60",
                "--temperature", "0.7", "--top-k", "5", "--seed", "3").out()).isEqualTo(sample.out());
        CliRun beam = CliRun.of("sample", "--model", model.toString(), "--length", "20", "--beam", "3");
        assertThat(beam.exitCode()).as(beam.err()).isZero();

        CliRun eval = CliRun.of("eval", "--model", model.toString(), "--text", text.toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("nats/char").contains("bits per character").contains("perplexity")
                .contains("chars/s");

        CliRun info = CliRun.of("info", "--model", model.toString());
        assertThat(info.out()).contains("layer 1       gru 24").contains("rnn.weight_hh_l1").contains("trained       24 steps")
                .contains("resumable     yes (adam state at step 24)");

        // no --text: a resumed run continues on the text it was trained on
        CliRun resume = CliRun.of("train", "--resume", model.toString(), "--steps", "6", "--sample-length", "0");
        assertThat(resume.exitCode()).as(resume.err()).isZero();
        assertThat(resume.err()).contains("done: 30 steps");
        assertThat(CliRun.of("info", "--model", model.toString()).out()).contains("trained       30 steps");
        assertThat(Files.readAllLines(tmp.resolve("run.metrics.jsonl"))).hasSizeGreaterThan(26 + 5);

        Files.delete(text);
        CliRun gone = CliRun.of("train", "--resume", model.toString(), "--steps", "2", "--sample-length", "0");
        assertThat(gone.exitCode()).isEqualTo(1);
        assertThat(gone.err()).contains("on the text it was trained on, " + text).contains("pass --text");
    }

    @Test
    void backendsListsEveryBackendAndAutosChoice() {
        CliRun run = CliRun.of("backends");
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("reference").contains("reference-f64").contains("chosen by auto");
    }

    /**
     * The lecture's example: an LSTM of 128 over an 8-dimensional projection, 50 epochs on a
     * small text; then samples at temperatures 0.5, 1.0 and 1.5 grow more diverse (distinct
     * trigrams) the hotter they get.
     */
    @Test
    void theLecturesExampleAndTemperature() throws IOException {
        Path text = tmp.resolve("lecture.txt");
        Files.writeString(text, new String(getClass().getResourceAsStream("/small.txt").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8).substring(0, 1200));
        Path model = tmp.resolve("lecture.model");
        CliRun train = CliRun.of("train", "--text", text.toString(), "--cell", "lstm", "--hidden", "128", "--proj", "8",
                "--epochs", "50", "--layers", "1", "--batch", "4", "--seq-len", "32", "--val-frac", "0",
                "--lr", "5e-3", "--sample-length", "0", "--out", model.toString());
        assertThat(train.exitCode()).as(train.err()).isZero();
        int[] distinct = new int[3];
        double[] temperatures = {0.5, 1.0, 1.5};
        for (int i = 0; i < 3; i++) {
            CliRun s = CliRun.of("sample", "--model", model.toString(), "--length", "800", "--seed", "11",
                    "--temperature", Double.toString(temperatures[i]));
            assertThat(s.exitCode()).as(s.err()).isZero();
            distinct[i] = trigrams(s.out());
        }
        assertThat(distinct[0]).isLessThan(distinct[1]);
        assertThat(distinct[1]).isLessThan(distinct[2]);
    }

    private static int trigrams(String text) {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i + 3 <= text.length(); i++) {
            seen.add(text.substring(i, i + 3));
        }
        return seen.size();
    }
}
