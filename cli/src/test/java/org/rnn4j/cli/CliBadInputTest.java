package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input gets one clear line on stderr, a non-zero exit, and leaves files intact. */
class CliBadInputTest {

    @TempDir
    static Path tmp;

    static Path small;
    static Path model;

    @BeforeAll
    static void trainOnce() throws IOException {
        small = tmp.resolve("small.txt");
        Files.copy(CliBadInputTest.class.getResourceAsStream("/small.txt"), small);
        model = tmp.resolve("tiny.model");
        CliRun run = CliRun.of("train", "--text", small.toString(), "--hidden", "8", "--layers", "1", "--seq-len", "16",
                "--batch", "4", "--steps", "3", "--sample-length", "0", "--backend", "reference", "--out",
                model.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    /** {@code train} with small defaults; an option given in {@code extra} replaces its default. */
    private static CliRun train(String... extra) {
        String[][] defaults = {{"--hidden", "8"}, {"--layers", "1"}, {"--seq-len", "16"}, {"--batch", "4"},
            {"--steps", "2"}, {"--sample-length", "0"}, {"--backend", "reference"},
            {"--out", tmp.resolve("x.model").toString()}};
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("train", "--force"));
        java.util.List<String> given = java.util.List.of(extra);
        for (String[] d : defaults) {
            boolean budget = d[0].equals("--steps") && (given.contains("--time") || given.contains("--epochs"));
            if (!given.contains(d[0]) && !budget) {
                args.add(d[0]);
                args.add(d[1]);
            }
        }
        args.addAll(given);
        return CliRun.of(args.toArray(new String[0]));
    }

    private static void assertFails(CliRun run, int code, String message) {
        assertThat(run.exitCode()).as("exit code; stderr: %s", run.err()).isEqualTo(code);
        assertThat(run.err()).contains("error: ").contains(message);
    }

    @Test
    void missingEmptyBinaryAndNonUtf8TextsAreRefused() throws IOException {
        assertFails(train("--text", tmp.resolve("nope.txt").toString()), 1, "no such file");
        Path empty = Files.write(tmp.resolve("empty.txt"), new byte[0]);
        assertFails(train("--text", empty.toString()), 1, "is empty");
        Path binary = Files.write(tmp.resolve("data.bin"), new byte[] {1, 2, 0, 3, 4});
        assertFails(train("--text", binary.toString()), 1, "looks binary (a NUL byte at offset 2)");
        Path latin1 = Files.write(tmp.resolve("latin1.txt"), "caf\u00e9 au lait".getBytes(StandardCharsets.ISO_8859_1));
        assertFails(train("--text", latin1.toString()), 1, "is not valid UTF-8");
        assertFails(train("--text", tmp.toString()), 1, "is a directory");
    }

    @Test
    void aTextShorterThanOneSequenceSaysHowLongItMustBe() throws IOException {
        Path shortText = Files.writeString(tmp.resolve("short.txt"), "To be, or not to be");
        assertFails(train("--text", shortText.toString(), "--val-frac", "0"), 1, "too few for one batch of 4 sequences"
                + " of 16 steps: it needs at least 65");
    }

    @Test
    void unknownNamesAndOutOfRangeFlagsAreUsageErrors() {
        assertFails(train("--text", small.toString(), "--cell", "lsmt"), 2, "unknown cell 'lsmt'; choose one of elman,"
                + " gru, jordan, lstm");
        assertFails(train("--text", small.toString(), "--optimizer", "adma"), 2, "unknown optimizer 'adma'");
        assertFails(train("--text", small.toString(), "--hidden", "0"), 2, "--hidden must be >= 1, got 0");
        assertFails(train("--text", small.toString(), "--batch", "-3"), 2, "--batch must be >= 1, got -3");
        assertFails(train("--text", small.toString(), "--dropout", "1.5"), 2, "--dropout must be in [0, 1)");
        assertFails(train("--text", small.toString(), "--time", "ten"), 2, "--time must be a positive duration");
        assertFails(train("--text", small.toString(), "--embed", "8", "--proj", "4"), 2, "mutually exclusive");
        assertFails(CliRun.of("train", "--bogus"), 2, "Unknown option: '--bogus'");
        assertFails(train("--text", small.toString(), "--lr-schedule", "cosine", "--time", "5s"), 2,
                "--lr-schedule cosine needs the length of the run: give --steps or --epochs");
        assertFails(train("--text", small.toString(), "--lr-schedule", "linear"), 2,
                "--lr-schedule must be constant, cosine or step");
        CliRun cosine = train("--text", small.toString(), "--lr-schedule", "cosine", "--warmup", "1");
        assertThat(cosine.exitCode()).as(cosine.err()).isZero();
        CliRun backend = CliRun.of("sample", "--model", model.toString(), "--backend", "cdua");
        assertThat(backend.exitCode()).isNotZero();
        assertThat(backend.err()).contains("unknown backend 'cdua'").contains("reference");
    }

    @Test
    void samplingSettingsOutOfRangeAreUsageErrors() {
        assertFails(CliRun.of("sample", "--model", model.toString(), "--temperature", "0"), 2,
                "--temperature must be > 0");
        assertFails(CliRun.of("sample", "--model", model.toString(), "--temperature", "0"), 2, "use --greedy");
        assertFails(CliRun.of("sample", "--model", model.toString(), "--threads", "0"), 2,
                "--threads must be >= 1, got 0");
        assertFails(CliRun.of("sample", "--model", model.toString(), "--greedy", "--top-k", "5"), 2,
                "--greedy always takes the most likely character");
        assertFails(CliRun.of("sample", "--model", model.toString(), "--beam", "3", "--temperature", "0.5"), 2,
                "--beam searches deterministically");
        assertFails(CliRun.of("sample", "--model", model.toString(), "--temperature", "-1"), 2, "got -1.0");
        assertFails(CliRun.of("sample", "--model", model.toString(), "--top-p", "1.5"), 2, "--top-p must be in (0, 1]");
        assertFails(CliRun.of("sample", "--model", model.toString(), "--top-p", "0"), 2, "--top-p must be in (0, 1]");
        assertFails(CliRun.of("sample", "--model", model.toString(), "--top-k", "0"), 2, "--top-k must be >= 1");
        assertFails(CliRun.of("sample", "--model", model.toString(), "--beam", "0"), 2, "--beam must be >= 1");
        assertFails(CliRun.of("sample", "--model", model.toString(), "--prime", "\u00fc"), 1,
                "is not in the model's vocabulary");
    }

    @Test
    void missingTruncatedAndCorruptModelsAreNamed() throws IOException {
        assertFails(CliRun.of("sample", "--model", tmp.resolve("none.model").toString()), 1, "none.model");
        Path broken = tmp.resolve("broken.model");
        copyDir(model, broken);
        byte[] weights = Files.readAllBytes(broken.resolve("model.safetensors"));
        Files.write(broken.resolve("model.safetensors"), java.util.Arrays.copyOf(weights, weights.length / 2));
        assertFails(CliRun.of("sample", "--model", broken.toString()), 1, "model.safetensors");
        Files.writeString(broken.resolve("config.json"), "{ not json");
        assertFails(CliRun.of("info", "--model", broken.toString()), 1, "config.json is not valid JSON");
        assertFails(CliRun.of("eval", "--model", model.toString(), "--text", tmp.resolve("none.txt").toString()), 1,
                "no such file");
    }

    @Test
    void resumingWithAnotherArchitectureOrVocabularyIsRefused() throws IOException {
        assertFails(CliRun.of("train", "--resume", model.toString(), "--text", small.toString(), "--hidden", "16",
                "--steps", "1", "--out", tmp.resolve("r.model").toString()), 1, "cannot resume");
        Path other = Files.writeString(tmp.resolve("other.txt"), "0123456789 ".repeat(200));
        assertFails(CliRun.of("train", "--resume", model.toString(), "--text", other.toString(), "--steps", "1",
                "--out", tmp.resolve("r2.model").toString()), 1, "that the model's vocabulary of");
        assertFails(CliRun.of("train", "--resume", model.toString(), "--text", small.toString(), "--batch", "8",
                "--steps", "1", "--out", tmp.resolve("r3.model").toString()), 1,
                "cannot resume with --batch 8: the checkpoint was trained with 4");
    }

    @Test
    void unwritableOrExistingOutputsAreRefusedAndNothingIsOverwritten() throws IOException {
        Path file = Files.writeString(tmp.resolve("plain-file"), "x");
        assertFails(train("--text", small.toString(), "--out", file.resolve("sub/m.model").toString()), 1,
                "cannot write the model to");
        byte[] before = Files.readAllBytes(model.resolve("model.safetensors"));
        CliRun again = CliRun.of("train", "--text", small.toString(), "--hidden", "8", "--layers", "1", "--steps", "1",
                "--out", model.toString());
        assertFails(again, 1, "already exists; pass --force to replace it");
        CliRun failing = CliRun.of("train", "--text", tmp.resolve("nope.txt").toString(), "--out", model.toString(),
                "--force");
        assertThat(failing.exitCode()).isEqualTo(1);
        assertThat(Files.readAllBytes(model.resolve("model.safetensors"))).isEqualTo(before);
    }

    private static void copyDir(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Files.copy(f, to.resolve(f.getFileName()));
            }
        }
    }
}
