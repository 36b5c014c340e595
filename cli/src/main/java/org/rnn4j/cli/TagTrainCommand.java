package org.rnn4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.cli.train.EpochLog;
import org.rnn4j.cli.train.Interruption;
import org.rnn4j.core.checkpoint.CheckpointFolder;
import org.rnn4j.core.train.TrainingDivergedException;
import org.rnn4j.models.data.DataFileException;
import org.rnn4j.models.seq.ModelKind;
import org.rnn4j.models.tagging.CharacterFeatures;
import org.rnn4j.models.tagging.TaggedSentence;
import org.rnn4j.models.tagging.Tagger;
import org.rnn4j.models.tagging.TaggerSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rnn4j tag train}: a bidirectional tagger on CoNLL-U or CoNLL data, saved as a resumable
 * model folder; Ctrl-C saves the run so far and {@code --resume} continues it.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a tagger: word embeddings with unknown-word signatures (and, with --char-embed or",
            "--char-hidden, a character BiLSTM per word), bidirectional LSTM/GRU layers, a softmax per word.",
            "Keeps the epoch with the best accuracy on --dev (entity F1 for BIO tags), then reports both on it.",
            "Ctrl-C saves a checkpoint; --resume MODEL continues it exactly."})
final class TagTrainCommand implements Callable<Integer> {

    /** Options that shape the model or its batches, which a resumed run keeps as they were. */
    private static final List<String> FIXED_ON_RESUME = List.of("--cell", "--embed", "--hidden", "--layers",
            "--dropout", "--input-dropout", "--lowercase", "--min-count", "--word-dropout", "--batch", "--lr", "--patience", "--seed",
            "--char-embed", "--char-hidden", "--char-max-length");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--train", paramLabel = "FILE",
            description = "training sentences (with --resume: default the file the run was trained on)")
    Path train;

    @Option(names = "--dev", paramLabel = "FILE", description = "development sentences (choose the epoch, report)")
    Path dev;

    @Option(names = "--format", paramLabel = "FMT", description = "conllu or conll (default: conllu for *.conllu)")
    String format;

    @Option(names = "--column", paramLabel = "COL",
            description = "tag column: upos (CoNLL-U default), xpos, last (CoNLL default) or a number")
    String column;

    @Option(names = "--out", paramLabel = "MODEL",
            description = "model folder (default out/<train name>.model; with --resume, the resumed folder)")
    Path out;

    @Option(names = "--force", description = "replace an existing model folder")
    boolean force;

    @Option(names = "--resume", paramLabel = "MODEL",
            description = "continue the run saved in this model folder (by Ctrl-C, or to train more --epochs)")
    Path resume;

    @Option(names = "--cell", paramLabel = "TYPE", description = "lstm (default) or gru")
    String cell = "lstm";

    @Option(names = "--embed", paramLabel = "N", description = "word embedding size (default 100)")
    int embed = 100;

    @Option(names = "--char-embed", paramLabel = "N",
            description = "character embedding size; turns character features on (default 32 when on)")
    Integer charEmbed;

    @Option(names = "--char-hidden", paramLabel = "N",
            description = "units per direction of the character BiLSTM; turns character features on (default 64 when on)")
    Integer charHidden;

    @Option(names = "--char-max-length", paramLabel = "N",
            description = "characters read per word; longer words keep their first and last halves (default 20)")
    Integer charMaxLength;

    @Option(names = "--hidden", paramLabel = "N", description = "units per direction (default 128)")
    int hidden = 128;

    @Option(names = "--layers", paramLabel = "N", description = "bidirectional layers (default 1)")
    int layers = 1;

    @Option(names = "--dropout", paramLabel = "P", description = "dropout between layers (default 0)")
    float dropout;

    @Option(names = "--input-dropout", paramLabel = "P",
            description = "dropout on what the first layer reads: word embedding and character features (default 0)")
    float inputDropout;

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

    @Option(names = "--epochs", paramLabel = "N",
            description = "passes over the training data at most (default 30); with --resume, N more epochs")
    Integer epochs;

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
        if (resume != null) {
            return resumed();
        }
        if (train == null) {
            throw usage("give the training sentences with --train FILE (or --resume MODEL to continue a run)");
        }
        TaggerSettings settings;
        try {
            if (charMaxLength != null && charEmbed == null && charHidden == null) {
                throw new IllegalArgumentException("--char-max-length applies to character features: add --char-embed"
                        + " or --char-hidden to turn them on");
            }
            CharacterFeatures chars = charEmbed == null && charHidden == null ? null
                    : new CharacterFeatures(charEmbed == null ? 32 : charEmbed, charHidden == null ? 64 : charHidden,
                            charMaxLength == null ? 20 : charMaxLength, 2);
            settings = new TaggerSettings(embed, hidden, layers, cell, dropout, lowercase, minCount, wordDropout, batch,
                    lr, 5, epochs == null ? 30 : epochs, Durations.parse("--time", time), patience, seed, chars,
                    inputDropout);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        Path model = out != null ? out
                : Path.of("out", train.getFileName().toString().replaceAll("\\.[^.]*$", "") + ".model");
        TagCommand.checkOut(model, force);
        List<TaggedSentence> trainSet = TagCommand.read(train, format, column);
        List<TaggedSentence> devSet = dev == null ? null : TagCommand.read(dev, format, column);
        PrintWriter log = spec.commandLine().getErr();
        try (Backend backend = backendOptions.select()) {
            log.printf("training a tagger on %s: %d sentences, %d tokens%s%s; backend %s%n", train, trainSet.size(),
                    trainSet.stream().mapToInt(TaggedSentence::size).sum(),
                    devSet == null ? "" : "; dev " + devSet.size() + " sentences",
                    settings.characters() == null ? "" : "; character features " + settings.characters().embedding()
                            + " -> BiLSTM " + settings.characters().hidden(), backend.name());
            log.flush();
            return run(model, devSet, log, listeners -> Tagger.train(trainSet, devSet, settings, backend, listeners));
        }
    }

    private int resumed() throws IOException {
        java.time.Duration budget = ResumeOptions.check(spec, FIXED_ON_RESUME, "the settings it was saved with",
                "--train, --dev, --format, --column, --out, --epochs, --time", epochs, time);
        JsonNode training = savedTraining(resume);
        Path trainFile = train != null ? train : savedSource(training, "train_source", "--train");
        Path devFile = dev != null ? dev : training.has("dev_source") ? savedSource(training, "dev_source", "--dev")
                : null;
        Path model = out != null ? out : resume;
        if (out != null && !out.toAbsolutePath().normalize().equals(resume.toAbsolutePath().normalize())) {
            TagCommand.checkOut(model, force);
        }
        List<TaggedSentence> trainSet = TagCommand.read(trainFile, format, column);
        List<TaggedSentence> devSet = devFile == null ? null : TagCommand.read(devFile, format, column);
        PrintWriter log = spec.commandLine().getErr();
        try (Backend backend = backendOptions.select()) {
            log.printf("resuming the tagger in %s (%s steps, %s epochs done) on %s%s; backend %s%n", resume,
                    training.path("steps").asText("?"), training.path("epochs_done").asText("?"), trainFile,
                    devFile == null ? "" : "; dev " + devFile, backend.name());
            log.flush();
            return run(model, devSet, log, listeners -> {
                try {
                    return Tagger.resume(resume, trainSet, devSet, epochs == null ? 0 : epochs, budget, backend,
                            listeners);
                } catch (IOException e) {
                    throw new UserError("cannot resume " + resume + ": " + Errors.describe(e), e);
                }
            });
        }
    }

    /** The training record of a model folder, or a user error saying why it cannot be resumed. */
    private static JsonNode savedTraining(Path dir) {
        JsonNode config;
        try {
            config = CheckpointFolder.read(dir).config();
        } catch (IOException e) {
            throw new UserError("cannot resume " + dir + ": " + Errors.describe(e), e);
        }
        ModelKind kind = ModelKind.of(config);
        if (kind != ModelKind.TAGGER) {
            throw new UserError("cannot resume " + dir + ": it is " + kind.description() + ", not a tagger");
        }
        return config.path("training");
    }

    private static Path savedSource(JsonNode training, String field, String flag) {
        String source = training.path(field).asText("");
        if (source.isEmpty() || !Files.isRegularFile(Path.of(source))) {
            throw new UserError("the sentences the run was trained on " + (source.isEmpty() ? "are not recorded"
                    : "(" + source + ") are not there any more") + "; give them with " + flag + " FILE");
        }
        return Path.of(source);
    }

    /** Trains (or resumes) with Ctrl-C handling, saves the checkpoint, and reports. */
    private int run(Path model, List<TaggedSentence> devSet, PrintWriter log, Training training) {
        PrintWriter stdout = spec.commandLine().getOut();
        try (Interruption ctrlC = Interruption.install()) {
            Tagger tagger;
            try {
                tagger = training.run(new EpochLog(log, "tokens",
                        "dev error (1 - accuracy, or 1 - entity F1 for BIO tags)"), ctrlC);
            } catch (TrainingDivergedException e) {
                throw new UserError("training diverged: " + e.getMessage(), e);
            } catch (IllegalArgumentException | DataFileException e) {
                throw new UserError(Errors.describe(e), e);
            }
            try (tagger) {
                log.printf("%d words (with unknown-word signatures)%s, %d tags, %d parameters; trained %s steps in"
                                + " %.0f s (%s)%n", tagger.words().size(), tagger.characters() == null ? ""
                                : ", " + tagger.characters().size() + " characters", tagger.tags().size(),
                        tagger.model().parameters().size(), tagger.training().get("steps"),
                        tagger.training().get("seconds").asDouble(), tagger.training().get("stop_reason").asText());
                if (FinalCheckpoint.save(log, model, ctrlC, tagger.training().get("stop_reason").asText(),
                        "rnn4j tag train", tagger::saveCheckpoint)) {
                    return Rnn4jCli.INTERRUPTED;
                }
                if (devSet != null) {
                    stdout.println("development set " + devSet.get(0).source() + ":");
                    TagCommand.print(stdout, tagger.evaluate(devSet));
                }
            } catch (DataFileException e) {
                throw new UserError(Errors.describe(e), e);
            }
        }
        return 0;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    /** A training run given its listeners. */
    @FunctionalInterface
    private interface Training {
        Tagger run(org.rnn4j.core.train.TrainingListener... listeners) throws DataFileException;
    }
}
