package org.rnn4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.models.tagging.TaggedSentence;
import org.rnn4j.models.tagging.Tagger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnn4j tag eval}: token accuracy and, for BIO tags, conlleval entity P/R/F1 on a test file. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a tagger: token accuracy, accuracy on unknown words, and for BIO tags entity"
                + " precision, recall and F1 (exact span match, as conlleval), per type and overall.")
final class TagEvalCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "model folder from tag train")
    Path model;

    @Option(names = "--test", required = true, paramLabel = "FILE", description = "tagged sentences to score")
    Path test;

    @Option(names = "--format", paramLabel = "FMT", description = "conllu or conll (default: conllu for *.conllu)")
    String format;

    @Option(names = "--column", paramLabel = "COL", description = "tag column (as for tag train)")
    String column;

    @Mixin
    BackendOptions backendOptions = new BackendOptions();

    @Override
    public Integer call() {
        List<TaggedSentence> sentences = TagCommand.read(test, format, column);
        try (Backend backend = backendOptions.select(); Tagger tagger = load(model, backend)) {
            TagCommand.print(spec.commandLine().getOut(), tagger.evaluate(sentences));
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError(Errors.describe(e), e);
        }
        return 0;
    }

    static Tagger load(Path dir, Backend backend) {
        try {
            return Tagger.load(dir, backend);
        } catch (IOException | RuntimeException e) {
            throw new UserError("cannot load tagger " + dir + ": " + Errors.describe(e), e);
        }
    }
}
