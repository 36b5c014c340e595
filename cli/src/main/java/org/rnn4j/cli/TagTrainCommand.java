package org.rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.cli.train.EpochLog;
import org.rnn4j.core.train.TrainingDivergedException;
import org.rnn4j.models.tagging.TaggedSentence;
import org.rnn4j.models.tagging.Tagger;
import org.rnn4j.models.tagging.TaggerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rnn4j tag train}: a bidirectional tagger on CoNLL-U or CoNLL data, saved as a model folder. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a tagger: word embeddings with unknown-word signatures, bidirectional LSTM/GRU layers,",
            "a softmax per word. Keeps the epoch with the best accuracy on --dev (entity F1 for BIO tags), then",
            "reports both on it."})
final class TagTrainCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--train", required = true, paramLabel = "FILE", description = "training sentences")
    Path train;

    @Option(names = "--dev", paramLabel = "FILE", description = "development sentences (choose the epoch, report)")
    Path dev;

    @Option(names = "--format", paramLabel = "FMT", description = "conllu or conll (default: conllu for *.conllu)")
    String format;

    @Option(names = "--column", paramLabel = "COL",
            description = "tag column: upos (CoNLL-U default), xpos, last (CoNLL default) or a number")
    String column;

    @Option(names = "--out", paramLabel = "MODEL", description = "model folder (default out/<train name>.model)")
    Path out;

    @Option(names = "--force", description = "replace an existing model folder")
    boolean force;

    @Option(names = "--cell", paramLabel = "TYPE", description = "lstm (default) or gru")
    String cell = "lstm";

    @Option(names = "--embed", paramLabel = "N", description = "word embedding size (default 100)")
    int embed = 100;

    @Option(names = "--hidden", paramLabel = "N", description = "units per direction (default 128)")
    int hidden = 128;

    @Option(names = "--layers", paramLabel = "N", description = "bidirectional layers (default 1)")
    int layers = 1;

    @Option(names = "--dropout", paramLabel = "P", description = "dropout between layers (default 0)")
    float dropout;

    @Option(names = "--lowercase", description = "lower-case words (signatures of unknown words still see case)")
    boolean lowercase;

    @Option(names = "--min-count", paramLabel = "N", description = "rarer words are unknown (default 1)")
    int minCount = 1;

    @Option(names = "--word-dropout", paramLabel = "P",
            description = "replace words seen once by their unknown-word signature with this probability (default 0.5)")
    double wordDropout = 0.5;

    @Option(names = "--batch", paramLabel = "N", description = "sentences per batch (default 32)")
    int batch = 32;

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam learning rate (default 2e-3)")
    double lr = 2e-3;

    @Option(names = "--epochs", paramLabel = "N", description = "passes over the training data at most (default 30)")
    int epochs = 30;

    @Option(names = "--time", paramLabel = "DURATION", description = "stop after this long, e.g. 15m")
    String time;

    @Option(names = "--patience", paramLabel = "N",
            description = "stop after N epochs without a better dev score; 0 never (default 6)")
    int patience = 6;

    @Option(names = "--seed", paramLabel = "N", description = "seed (default 42)")
    long seed = 42;

    @Mixin
    BackendOptions backendOptions = new BackendOptions();

    @Override
    public Integer call() throws IOException {
        TaggerSettings settings;
        try {
            settings = new TaggerSettings(embed, hidden, layers, cell, dropout, lowercase, minCount, wordDropout, batch,
                    lr, 5, epochs, Durations.parse("--time", time), patience, seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Path model = out != null ? out
                : Path.of("out", train.getFileName().toString().replaceAll("\\.[^.]*$", "") + ".model");
        TagCommand.checkOut(model, force);
        List<TaggedSentence> trainSet = TagCommand.read(train, format, column);
        List<TaggedSentence> devSet = dev == null ? null : TagCommand.read(dev, format, column);
        PrintWriter log = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        try (Backend backend = backendOptions.select()) {
            log.printf("training a tagger on %s: %d sentences, %d tokens%s; backend %s%n", train, trainSet.size(),
                    trainSet.stream().mapToInt(TaggedSentence::size).sum(),
                    devSet == null ? "" : "; dev " + devSet.size() + " sentences", backend.name());
            log.flush();
            Tagger tagger;
            try {
                tagger = Tagger.train(trainSet, devSet, settings, backend, new EpochLog(log, "tokens", "dev error (1 - accuracy, or 1 - entity F1 for BIO tags)"));
            } catch (TrainingDivergedException e) {
                throw new UserError("training diverged: " + e.getMessage(), e);
            } catch (IllegalArgumentException | org.rnn4j.models.data.DataFileException e) {
                throw new UserError(Errors.describe(e), e);
            }
            try (tagger) {
                log.printf("%d words (with unknown-word signatures), %d tags, %d parameters; trained %s steps in"
                                + " %.0f s (%s)%n", tagger.words().size(), tagger.tags().size(),
                        tagger.model().parameters().size(), tagger.training().get("steps"),
                        tagger.training().get("seconds").asDouble(), tagger.training().get("stop_reason").asText());
                try {
                    tagger.save(model);
                } catch (IOException e) {
                    throw new UserError("cannot save the model to " + model + ": " + Errors.describe(e), e);
                }
                log.println("saved " + model);
                log.flush();
                if (devSet != null) {
                    stdout.println("development set " + dev + ":");
                    TagCommand.print(stdout, tagger.evaluate(devSet));
                }
            }
        }
        return 0;
    }
}
