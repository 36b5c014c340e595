package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rnn4j tag train / eval / predict on slices of WNUT-17 and UD EWT, and their bad input. */
class CliTagTest {

    @TempDir
    static Path tmp;

    static Path wnut;
    static Path model;

    static Path resource(String name) throws IOException {
        return resource(tmp, name);
    }

    static Path resource(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        if (!Files.exists(p)) {
            Files.copy(CliTagTest.class.getResourceAsStream("/tasks/" + name), p);
        }
        return p;
    }

    @BeforeAll
    static void trainOnce() throws IOException {
        wnut = resource("wnut17-train-slice.conll");
        model = tmp.resolve("ner.model");
        CliRun run = CliRun.of("tag", "train", "--train", wnut.toString(), "--dev", wnut.toString(), "--embed", "16",
                "--hidden", "16", "--cell", "gru", "--epochs", "2", "--batch", "8", "--lowercase", "--out",
                model.toString(), "--threads", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("training a tagger on").contains("dev error").contains("saved");
        assertThat(run.out()).contains("accuracy").contains("entities").contains("precision").contains("location");
    }

    @Test
    void infoSaysWhatTheFolderHoldsAndItsBestDevelopmentAccuracy() {
        CliRun info = CliRun.of("info", "--model", model.toString());
        assertThat(info.exitCode()).as(info.err()).isZero();
        assertThat(info.out()).contains("kind          a sequence tagger").containsPattern("trained +\\d+ steps, 2 epochs")
                .containsPattern("best dev +\\d+\\.\\d\\d% entity F1 at epoch [12]").doesNotContain("nats/char");
    }

    @Test
    void evalReportsAccuracyAndEntityScores() {
        CliRun eval = CliRun.of("tag", "eval", "--model", model.toString(), "--test", wnut.toString());
        assertThat(eval.exitCode()).as(eval.err()).isZero();
        assertThat(eval.out()).contains("tokens                1203".replace("1203", "" + tokens()))
                .containsPattern("accuracy +\\d+\\.\\d\\d%").containsPattern("F1 +\\d+\\.\\d\\d%")
                .contains("tokens/s");
    }

    private static long tokens() {
        try {
            return Files.readAllLines(wnut).stream().filter(l -> !l.isBlank()).count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void predictWritesTokenSlashTagPerLineKeepingBlankLines() throws IOException {
        Path in = Files.writeString(tmp.resolve("in.txt"), "Jon and Antonia gave deep learning lectures\n\nhello\n");
        CliRun run = CliRun.of("tag", "predict", "--model", model.toString(), "--input", in.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        String[] lines = run.out().split("\n", -1);
        assertThat(lines[0]).matches("Jon/\\S+ and/\\S+ Antonia/\\S+ gave/\\S+ deep/\\S+ learning/\\S+ lectures/\\S+");
        assertThat(lines[1]).isEmpty();
        assertThat(lines[2]).startsWith("hello/");
    }

    @Test
    void conlluPosTaggingTrainsAndRefusesTagsUnseenInTraining() throws IOException {
        Path train = resource("ewt-train-slice.conllu");
        Path dev = resource("ewt-dev-slice.conllu");
        CliRun run = CliRun.of("tag", "train", "--train", train.toString(), "--dev", dev.toString(), "--embed", "8",
                "--hidden", "8", "--epochs", "1", "--out", tmp.resolve("pos.model").toString());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("error: ").contains("ewt-dev-slice.conllu:207:").contains("tag 'X'")
                .contains("not seen in training");
        assertThat(Files.exists(tmp.resolve("pos.model"))).isFalse();
        CliRun xpos = CliRun.of("tag", "train", "--train", train.toString(), "--column", "xpos", "--embed", "8",
                "--hidden", "8", "--epochs", "1", "--out", tmp.resolve("xpos.model").toString());
        assertThat(xpos.exitCode()).as(xpos.err()).isZero();
        CliRun eval = CliRun.of("tag", "eval", "--model", tmp.resolve("xpos.model").toString(), "--test",
                train.toString(), "--column", "xpos");
        assertThat(eval.out()).contains("accuracy").doesNotContain("entities");
    }

    @Test
    void badInputGetsOneLineWithFileAndLine() throws IOException {
        Path bad = Files.writeString(tmp.resolve("bad.conll"), "Jon\tB-person\nand\n");
        CliRun malformed = CliRun.of("tag", "train", "--train", bad.toString(), "--out", tmp.resolve("b.model").toString());
        assertThat(malformed.exitCode()).isEqualTo(1);
        assertThat(malformed.err().strip()).startsWith("error: ").endsWith("bad.conll:2: expected a word and a tag"
                + " separated by whitespace, found 'and'").doesNotContain("\n");
        Path conllu = Files.writeString(tmp.resolve("bad.conllu"), "1\tHe\the\tPRON\n");
        assertThat(CliRun.of("tag", "train", "--train", conllu.toString()).err())
                .contains("bad.conllu:1: expected 10 tab-separated columns (CoNLL-U), found 4");
        Path empty = Files.writeString(tmp.resolve("empty.conllu"), "# text = nothing\n\n");
        assertThat(CliRun.of("tag", "eval", "--model", model.toString(), "--test", empty.toString()).err())
                .contains("empty.conllu:2: empty sentence");
        assertThat(CliRun.of("tag", "eval", "--model", tmp.resolve("none").toString(), "--test", wnut.toString()).err())
                .contains("error: cannot load tagger");
        CliRun exists = CliRun.of("tag", "train", "--train", wnut.toString(), "--out", model.toString());
        assertThat(exists.err()).contains("already exists; pass --force");
        CliRun usage = CliRun.of("tag", "train", "--train", wnut.toString(), "--hidden", "0");
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.err()).contains("hidden must be >= 1");
        assertThat(CliRun.of("tag").exitCode()).isEqualTo(2);
    }
}
