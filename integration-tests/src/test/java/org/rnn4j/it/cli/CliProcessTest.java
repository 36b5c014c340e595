package org.rnn4j.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged command line as a user runs it: a separate JVM started on the shaded jar with
 * the options of simd.jvm.args, as ./rnn4j starts it. Ctrl-C (here SIGTERM, which runs the same
 * shutdown hooks) during training leaves a complete, resumable model and no temporary files: for
 * character models, taggers and forecasters; a tagger's and a forecaster's run then continue
 * with --resume.
 */
class CliProcessTest {

    private static final Path ROOT = Path.of(System.getProperty("rnn4j.root", ".."));
    private static final Path JAR = ROOT.resolve("cli/target/rnn4j-cli.jar");

    @TempDir
    Path tmp;

    private Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "@" + ROOT.resolve("simd.jvm.args"), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    @Test
    void interruptingTrainingWritesAFinalCheckpoint() throws Exception {
        assertThat(JAR).as("the shaded CLI jar (built by the cli module)").exists();
        Path text = tmp.resolve("text.txt");
        Files.writeString(text, "It is a truth universally acknowledged, that a single man in possession of a good"
                + " fortune, must be in want of a wife.\n".repeat(30));
        Path model = tmp.resolve("stopped.model");
        Path log = tmp.resolve("train.log");
        Process p = start(log, "train", "--text", text.toString(), "--hidden", "16", "--layers", "1", "--seq-len", "20",
                "--batch", "4", "--time", "120s", "--val-frac", "0", "--backend", "reference", "--out", model.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!Files.exists(tmp.resolve("stopped.metrics.jsonl"))
                || Files.readAllLines(tmp.resolve("stopped.metrics.jsonl")).size() < 5) {
            assertThat(p.isAlive()).as("training is running; log: %s", read(log)).isTrue();
            assertThat(System.nanoTime()).as("training started within a minute").isLessThan(deadline);
            Thread.sleep(100);
        }
        p.destroy();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exits after saving").isTrue();
        assertThat(read(log)).contains("interrupted: the final checkpoint is saved");
        assertThat(Files.exists(model.resolve("config.json"))).isTrue();
        try (var files = Files.list(tmp)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
        Process info = start(tmp.resolve("info.log"), "info", "--model", model.toString());
        assertThat(info.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(info.exitValue()).isZero();
        assertThat(read(tmp.resolve("info.log"))).contains("resumable     yes");
    }

    /** Starts a command, waits until its log shows {@code started}, lets it train a moment, then sends SIGTERM. */
    private String interrupt(Path log, String started, String... args) throws Exception {
        Process p = start(log, args);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!read(log).contains(started)) {
            assertThat(p.isAlive()).as("training is running; log: %s", read(log)).isTrue();
            assertThat(System.nanoTime()).as("training started within a minute").isLessThan(deadline);
            Thread.sleep(50);
        }
        Thread.sleep(1500);
        assertThat(p.isAlive()).as("still training when interrupted; log: %s", read(log)).isTrue();
        p.destroy();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("exits after saving").isTrue();
        return read(log);
    }

    private void assertNoTemporaryFiles() throws IOException {
        try (var files = Files.list(tmp)) {
            assertThat(files.map(f -> f.getFileName().toString())).noneMatch(n -> n.startsWith("."));
        }
    }

    private int run(Path log, String... args) throws Exception {
        Process p = start(log, args);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("finishes; log: %s", read(log)).isTrue();
        return p.exitValue();
    }

    @Test
    void interruptingTagTrainingWritesACheckpointThatResumes() throws Exception {
        java.util.SplittableRandom r = new java.util.SplittableRandom(3);
        StringBuilder conll = new StringBuilder();
        for (int i = 0; i < 400; i++) {
            for (int k = 0; k < 4 + r.nextInt(6); k++) {
                boolean name = r.nextInt(4) == 0;
                String word = name ? "Zx" + (char) ('a' + r.nextInt(26)) + (char) ('a' + r.nextInt(26))
                        : List.of("the", "met", "gave", "talks", "in", "and", "said").get(r.nextInt(7));
                conll.append(word).append('\t').append(name ? "B-person" : "O").append('\n');
            }
            conll.append('\n');
        }
        Path data = Files.writeString(tmp.resolve("names.conll"), conll);
        Path model = tmp.resolve("names.model");
        String log = interrupt(tmp.resolve("tag.log"), "training a tagger on", "tag", "train", "--train",
                data.toString(), "--dev", data.toString(), "--char-embed", "4", "--char-hidden", "4", "--embed", "8",
                "--hidden", "8", "--epochs", "100000", "--patience", "0", "--time", "120s", "--backend", "reference",
                "--out", model.toString());
        assertThat(log).contains("interrupted: the final checkpoint is saved in " + model)
                .contains("--resume " + model);
        assertThat(model.resolve("config.json")).exists();
        assertThat(model.resolve("optimizer.safetensors")).exists();
        assertNoTemporaryFiles();
        assertThat(run(tmp.resolve("eval.log"), "tag", "eval", "--model", model.toString(), "--test", data.toString()))
                .as(read(tmp.resolve("eval.log"))).isZero();
        assertThat(run(tmp.resolve("resume.log"), "tag", "train", "--resume", model.toString(), "--epochs", "1",
                "--backend", "reference")).as(read(tmp.resolve("resume.log"))).isZero();
        assertThat(read(tmp.resolve("resume.log"))).contains("resuming the tagger in " + model).contains("saved");
    }

    @Test
    void interruptingForecastTrainingWritesACheckpointThatResumes() throws Exception {
        StringBuilder csv = new StringBuilder("t,y\n");
        for (int i = 0; i < 400; i++) {
            csv.append(i).append(',').append(String.format(java.util.Locale.ROOT, "%.3f", Math.sin(i / 3.0)))
                    .append('\n');
        }
        Path data = Files.writeString(tmp.resolve("wave.csv"), csv);
        Path model = tmp.resolve("wave.model");
        String log = interrupt(tmp.resolve("forecast.log"), "training a forecaster on", "forecast", "train", "--csv",
                data.toString(), "--target", "y", "--window", "8", "--horizon", "1", "--hidden", "4", "--epochs",
                "1000000", "--patience", "0", "--time", "120s", "--backend", "reference", "--out", model.toString());
        assertThat(log).contains("interrupted: the final checkpoint is saved in " + model);
        assertThat(model.resolve("resume.safetensors")).exists();
        assertNoTemporaryFiles();
        assertThat(run(tmp.resolve("resume.log"), "forecast", "train", "--resume", model.toString(), "--epochs", "1",
                "--backend", "reference")).as(read(tmp.resolve("resume.log"))).isZero();
        assertThat(read(tmp.resolve("resume.log"))).contains("resuming the forecaster in " + model);
    }

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
