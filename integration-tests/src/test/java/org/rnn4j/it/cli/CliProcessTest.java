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
 * the Vector API module. Ctrl-C (here SIGTERM, which runs the same shutdown hooks) during
 * training leaves a complete, resumable model and no temporary files.
 */
class CliProcessTest {

    private static final Path JAR = Path.of(System.getProperty("rnn4j.root", "..")).resolve("cli/target/rnn4j-cli.jar");

    @TempDir
    Path tmp;

    private Process start(Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-jar", JAR.toString()));
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

    private static String read(Path file) throws IOException {
        return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    }
}
