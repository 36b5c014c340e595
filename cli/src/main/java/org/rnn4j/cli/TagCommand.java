package org.rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.rnn4j.models.tagging.ConllFormat;
import org.rnn4j.models.tagging.ConllReader;
import org.rnn4j.models.tagging.EntityScores;
import org.rnn4j.models.tagging.TaggedSentence;
import org.rnn4j.models.tagging.TaggingReport;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code rnn4j tag}: part-of-speech and named-entity tagging with a bidirectional LSTM/GRU.
 *
 * <pre>{@code
 * rnn4j tag train --train en_ewt-ud-train.conllu --dev en_ewt-ud-dev.conllu --out out/pos.model
 * rnn4j tag eval --model out/pos.model --test en_ewt-ud-test.conllu
 * echo "Jon and Antonia gave deep learning lectures" | rnn4j tag predict --model out/ner.model
 * }</pre>
 */
@Command(name = "tag", mixinStandardHelpOptions = true,
        description = "Sequence tagging (part of speech, named entities): train, eval, predict.",
        subcommands = {TagTrainCommand.class, TagEvalCommand.class, TagPredictCommand.class})
final class TagCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a subcommand: train, eval or predict");
    }

    /** Reads a CoNLL(-U) file, every problem as a one-line user error naming file and line. */
    static List<TaggedSentence> read(Path file, String format, String column) {
        ConllFormat f;
        try {
            f = format == null ? ConllFormat.guess(file.getFileName().toString()) : ConllFormat.parse(format);
            return ConllReader.read(file, f, column);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError(Errors.describe(e), e);
        }
    }

    /** Prints accuracy and, for BIO tags, conlleval-style entity scores. */
    static void print(PrintWriter out, TaggingReport r) {
        out.printf("sentences             %d%n", r.sentences());
        out.printf("tokens                %d%n", r.tokens());
        out.printf("accuracy              %.2f%%%n", 100 * r.accuracy());
        out.printf("unknown-word accuracy %s (%d unknown tokens)%n", r.unknownTokens() == 0 ? "-"
                : String.format("%.2f%%", 100 * r.unknownAccuracy()), r.unknownTokens());
        EntityScores e = r.entities();
        if (e != null) {
            out.printf("entities              precision %.2f%%  recall %.2f%%  F1 %.2f%%  (%d gold, %d predicted,"
                    + " %d correct)%n", 100 * e.overall().precision(), 100 * e.overall().recall(),
                    100 * e.overall().f1(), e.overall().gold(), e.overall().predicted(), e.overall().correct());
            for (Map.Entry<String, EntityScores.Score> t : e.byType().entrySet()) {
                EntityScores.Score s = t.getValue();
                out.printf("  %-20s precision %6.2f%%  recall %6.2f%%  F1 %6.2f%%  %d%n", t.getKey(),
                        100 * s.precision(), 100 * s.recall(), 100 * s.f1(), s.predicted());
            }
        }
        out.printf("speed                 %.0f tokens/s%n", r.tokensPerSecond());
        out.flush();
    }

    /** Refuses to replace a model folder unless asked, and checks that it can be written. */
    static void checkOut(Path out, boolean force) {
        if (Files.exists(out) && !force) {
            throw new UserError(out + " already exists; pass --force to replace it or choose another --out");
        }
        try {
            Files.createDirectories(out.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UserError("cannot write the model to " + out + ": " + Errors.describe(e), e);
        }
    }
}
