package org.rnn4j.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.optim.Optimizer;
import org.rnn4j.cli.text.Corpus;
import org.rnn4j.cli.train.Interruption;
import org.rnn4j.cli.train.LossCurve;
import org.rnn4j.cli.train.MetricsFile;
import org.rnn4j.cli.train.Progress;
import org.rnn4j.core.optim.Optimizers;
import org.rnn4j.core.train.GradientClipping;
import org.rnn4j.core.train.LearningRateSchedule;
import org.rnn4j.core.train.StopReason;
import org.rnn4j.core.train.Trainer;
import org.rnn4j.core.train.TrainerState;
import org.rnn4j.core.train.TrainingDivergedException;
import org.rnn4j.core.train.TrainingListener;
import org.rnn4j.core.train.TrainingResult;
import org.rnn4j.models.build.Models;
import org.rnn4j.models.build.SequenceModelBuilder;
import org.rnn4j.models.cell.Cells;
import org.rnn4j.models.sample.Generator;
import org.rnn4j.models.sample.SamplingSettings;
import org.rnn4j.models.seq.ModelFolder;
import org.rnn4j.models.seq.SequenceModel;
import org.rnn4j.models.seq.SequenceModelConfig;
import org.rnn4j.models.seq.SequenceSession;
import org.rnn4j.models.text.CharBatches;
import org.rnn4j.models.text.Vocabulary;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rnn4j train}: trains a character language model by truncated back-propagation through
 * time, shows progress, evaluates on held-out text, writes checkpoints atomically, and prints a
 * sample at the end. With no arguments: a minute on the bundled Tiny Shakespeare.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a character language model on a text, save it, and print a sample.", "",
                "With no options: about a minute on the bundled Tiny Shakespeare.",
                "The lecture's example: rnn4j train --text FILE --cell lstm --hidden 128 --proj 8 --epochs 50"})
final class TrainCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--text", paramLabel = "FILE", description = "UTF-8 training text (default: bundled Tiny Shakespeare)")
    Path text;

    @Option(names = "--cell", paramLabel = "TYPE", description = "lstm (default), gru, elman or jordan")
    String cell;

    @Option(names = "--layers", paramLabel = "N", description = "recurrent layers (default 2)")
    Integer layers;

    @Option(names = "--hidden", paramLabel = "N", description = "units per layer (default 256)")
    Integer hidden;

    @ArgGroup(exclusive = true)
    InputChoice input;

    static final class InputChoice {
        @Option(names = "--embed", paramLabel = "N", description = "embedding size (default 64)")
        Integer embed;

        @Option(names = "--proj", paramLabel = "N", description = "linear projection of the one-hot input instead")
        Integer proj;
    }

    @Option(names = "--dropout", paramLabel = "P", description = "dropout between layers (default 0)")
    Float dropout;

    @Option(names = "--seq-len", paramLabel = "N", description = "steps of back-propagation through time (default 100)")
    Integer seqLen;

    @Option(names = "--batch", paramLabel = "N", description = "sequences per batch (default 32)")
    Integer batch;

    @ArgGroup(exclusive = true)
    Budget budget;

    static final class Budget {
        @Option(names = "--epochs", paramLabel = "N", description = "train for N passes over the text")
        Long epochs;

        @Option(names = "--steps", paramLabel = "N", description = "train for N optimiser steps")
        Long steps;

        @Option(names = "--time", paramLabel = "DURATION",
                description = "train for this long, e.g. 90s, 5m, 1h (default 60s when no budget is given)")
        String time;
    }

    @Option(names = "--lr", paramLabel = "RATE", description = "learning rate (default 2e-3)")
    Double lr;

    @Option(names = "--lr-schedule", paramLabel = "NAME",
            description = "constant (default), cosine (to 10%% of --lr at the end; needs --steps or --epochs), or step"
                    + " (x0.5 every quarter of the budget; needs --steps or --epochs)")
    String lrSchedule;

    @Option(names = "--warmup", paramLabel = "STEPS", description = "linear learning-rate warm-up (default 0)")
    Long warmup;

    @Option(names = "--optimizer", paramLabel = "NAME", description = "adam (default), adamw, sgd, rmsprop, adagrad")
    String optimizer;

    @Option(names = "--clip", paramLabel = "NORM", description = "clip gradients to this global L2 norm; 0 disables (default 5)")
    Double clip;

    @Option(names = "--val-frac", paramLabel = "F", description = "fraction of the text held out for validation (default 0.05)")
    Double valFrac;

    @Option(names = "--seed", paramLabel = "N", description = "seed of weights, dropout and the sample (default 42)")
    Long seed;

    @Option(names = "--eval-every", paramLabel = "STEPS", description = "evaluate every N steps; 0 = every epoch (default 200)")
    Long evalEvery;

    @Option(names = "--checkpoint-every", paramLabel = "STEPS", description = "save a resumable checkpoint every N steps (default 0: at the end only)")
    Long checkpointEvery;

    @Option(names = "--resume", paramLabel = "MODEL",
            description = "continue training this model folder, on the text it was trained on unless --text names another")
    Path resume;

    @Option(names = "--out", paramLabel = "MODEL", description = "model folder to write (default out/<text name>.model)")
    Path out;

    @Option(names = "--force", description = "replace an existing model folder at --out")
    boolean force;

    @Option(names = "--sample-length", paramLabel = "N", description = "characters of the sample printed at the end (default 300; 0 = none)")
    Integer sampleLength;

    @Mixin
    BackendOptions backendOptions = new BackendOptions();

    @Override
    public Integer call() throws Exception {
        validateFlags();
        PrintWriter outWriter = spec.commandLine().getOut();
        PrintWriter log = spec.commandLine().getErr();
        // a resumed run without --text reads the text its model folder names, once it is loaded
        Corpus corpus = resume == null || text != null ? loadCorpus() : null;
        try (Backend backend = backendOptions.select()) {
            return resume == null ? fresh(corpus, backend, outWriter, log) : resumed(corpus, backend, outWriter, log);
        }
    }

    private void validateFlags() {
        positive("--layers", layers);
        positive("--hidden", hidden);
        positive("--seq-len", seqLen);
        positive("--batch", batch);
        positive("--eval-every", evalEvery == null ? null : evalEvery + 1);
        if (input != null) {
            positive("--embed", input.embed);
            positive("--proj", input.proj);
        }
        if (dropout != null && !(dropout >= 0 && dropout < 1)) {
            throw usage("--dropout must be in [0, 1), got " + dropout);
        }
        if (lr != null && !(lr > 0 && Double.isFinite(lr))) {
            throw usage("--lr must be > 0, got " + lr);
        }
        if (clip != null && !(clip >= 0)) {
            throw usage("--clip must be >= 0 (0 disables clipping), got " + clip);
        }
        if (valFrac != null && !(valFrac >= 0 && valFrac < 0.5)) {
            throw usage("--val-frac must be in [0, 0.5), got " + valFrac);
        }
        if (budget != null) {
            positive("--epochs", budget.epochs == null ? null : budget.epochs.intValue());
            positive("--steps", budget.steps == null ? null : budget.steps.intValue());
        }
        if (lrSchedule != null && !java.util.List.of("constant", "cosine", "step").contains(lrSchedule)) {
            throw usage("--lr-schedule must be constant, cosine or step, got '" + lrSchedule + "'");
        }
        if (lrSchedule != null && !lrSchedule.equals("constant") && (budget == null || budget.time != null)) {
            throw usage("--lr-schedule " + lrSchedule + " needs the length of the run: give --steps or --epochs");
        }
        if (warmup != null && warmup < 0) {
            throw usage("--warmup must be >= 0, got " + warmup);
        }
        if (checkpointEvery != null && checkpointEvery < 0) {
            throw usage("--checkpoint-every must be >= 0, got " + checkpointEvery);
        }
        if (sampleLength != null && sampleLength < 0) {
            throw usage("--sample-length must be >= 0, got " + sampleLength);
        }
        if (cell != null && !Cells.TYPES.contains(cell.toLowerCase(Locale.ROOT))) {
            throw usage("unknown cell '" + cell + "'; choose one of " + String.join(", ", Cells.TYPES));
        }
        if (optimizer != null && !Optimizers.discover().names().contains(optimizer.toLowerCase(Locale.ROOT))) {
            throw usage("unknown optimizer '" + optimizer + "'; choose one of "
                    + String.join(", ", Optimizers.discover().names()));
        }
        budgetDuration();
    }

    private void positive(String flag, Number value) {
        if (value != null && value.longValue() < 1) {
            throw usage(flag + " must be >= 1, got " + value);
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }

    private Duration budgetDuration() {
        if (budget == null) {
            return Duration.ofSeconds(60);
        }
        if (budget.time == null) {
            return null;
        }
        String t = budget.time.trim().toLowerCase(Locale.ROOT);
        try {
            long amount = Long.parseLong(t.substring(0, t.length() - 1));
            Duration d;
            switch (t.charAt(t.length() - 1)) {
                case 's':
                    d = Duration.ofSeconds(amount);
                    break;
                case 'm':
                    d = Duration.ofMinutes(amount);
                    break;
                case 'h':
                    d = Duration.ofHours(amount);
                    break;
                default:
                    throw new NumberFormatException();
            }
            if (d.isZero() || d.isNegative()) {
                throw new NumberFormatException();
            }
            return d;
        } catch (RuntimeException e) {
            throw usage("--time must be a positive duration such as 90s, 5m or 1h, got '" + budget.time + "'");
        }
    }

    private Corpus loadCorpus() {
        try {
            return text == null ? Corpus.bundled() : Corpus.read(text);
        } catch (IOException e) {
            throw new UserError(Errors.describe(e), e);
        }
    }

    /** A resumed run continues on the text it was trained on, as recorded in its settings. */
    private Corpus recordedCorpus(ObjectNode config) {
        String recorded = config.path("training").path("settings").path("text").asText("");
        try {
            if (recorded.isEmpty() || recorded.equals("bundled:" + Corpus.BUNDLED)) {
                return Corpus.bundled();
            }
            return Corpus.read(Path.of(recorded));
        } catch (IOException e) {
            throw new UserError("cannot resume " + resume + " on the text it was trained on, " + recorded + ": "
                    + Errors.describe(e) + "; pass --text to name it", e);
        }
    }

    private Path outputPath(Corpus corpus) {
        if (out != null) {
            return out;
        }
        String name = text == null ? "shakespeare" : text.getFileName().toString().replaceAll("\\.[^.]*$", "");
        return Path.of("out", name + ".model");
    }

    private static void checkWritable(Path model) {
        Path parent = model.toAbsolutePath().getParent();
        try {
            Files.createDirectories(parent);
            Path probe = Files.createTempFile(parent, ".rnn4j-write-test", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new UserError("cannot write the model to " + model + ": " + Errors.describe(e)
                    + "; choose another --out", e);
        }
    }

    private int fresh(Corpus corpus, Backend backend, PrintWriter outWriter, PrintWriter log) throws IOException {
        Path model = outputPath(corpus);
        if (Files.exists(model) && !force) {
            throw new UserError(model + " already exists; pass --force to replace it, --resume " + model
                    + " to continue training it, or choose another --out");
        }
        checkWritable(model);
        Vocabulary vocab = Vocabulary.of(corpus.text());
        SequenceModelBuilder builder = Models.characterLanguageModel(vocab.size());
        if (input != null && input.proj != null) {
            builder.projection(input.proj);
        } else {
            builder.embedding(input != null && input.embed != null ? input.embed : 64);
        }
        String type = cell == null ? "lstm" : cell.toLowerCase(Locale.ROOT);
        for (int k = 0; k < (layers == null ? 2 : layers); k++) {
            builder.layer(type, hidden == null ? 256 : hidden);
        }
        builder.dropout(dropout == null ? 0f : dropout);
        SequenceModelConfig config = builder.build();
        long s = seed == null ? 42 : seed;
        try (SequenceModel m = SequenceModel.create(backend, config, s)) {
            ObjectNode settings = settings(corpus, s);
            return train(m, vocab, corpus, settings, model, null, outWriter, log);
        }
    }

    private int resumed(Corpus given, Backend backend, PrintWriter outWriter, PrintWriter log) throws IOException {
        ModelFolder.Loaded loaded = LoadedModel.load(resume, backend);
        try (SequenceModel m = loaded.model()) {
            String mismatch = architectureMismatch(m.config());
            if (mismatch != null) {
                throw new UserError("cannot resume " + resume + " with another architecture: " + mismatch
                        + "; drop the architecture flags to continue it as it is");
            }
            Corpus corpus = given != null ? given : recordedCorpus(loaded.config());
            Vocabulary vocab = LoadedModel.vocabulary(loaded.config(), resume);
            int missing = corpus.text().codePoints().filter(c -> vocab.id(c) < 0).findFirst().orElse(-1);
            if (missing >= 0) {
                throw new UserError("cannot resume " + resume + " on " + corpus.name() + ": the text has character "
                        + new String(Character.toChars(missing)) + " (U+" + String.format("%04X", missing)
                        + ") that the model's vocabulary of " + vocab.size() + " characters lacks");
            }
            ObjectNode saved = (ObjectNode) loaded.config().path("training").path("settings");
            if (saved.isMissingNode() || !saved.isObject()) {
                throw new UserError(resume + "/config.json has no training.settings; it cannot be resumed");
            }
            if (loaded.optimizer().isEmpty() || loaded.trainer().isEmpty()) {
                throw new UserError(resume + " holds weights only (no optimizer.safetensors/trainer.json); it cannot be"
                        + " resumed");
            }
            checkSame("--batch", batch, saved.path("batch").asInt());
            checkSame("--seq-len", seqLen, saved.path("seq_len").asInt());
            ObjectNode settings = saved.deepCopy();
            if (lr != null) {
                settings.put("lr", lr);
            }
            Path model = out == null ? resume : out;
            checkWritable(model);
            return train(m, vocab, corpus, settings, model, loaded, outWriter, log);
        }
    }

    private void checkSame(String flag, Integer given, int saved) {
        if (given != null && given != saved) {
            throw new UserError("cannot resume with " + flag + " " + given + ": the checkpoint was trained with "
                    + saved + " and carries state of that shape");
        }
    }

    private String architectureMismatch(SequenceModelConfig c) {
        if (layers != null && layers != c.layers().size()) {
            return "--layers " + layers + " but the model has " + c.layers().size();
        }
        if (hidden != null && hidden != c.layers().get(0).hidden()) {
            return "--hidden " + hidden + " but the model has " + c.layers().get(0).hidden();
        }
        if (cell != null && !cell.equalsIgnoreCase(c.layers().get(0).type())) {
            return "--cell " + cell + " but the model is " + c.layers().get(0).type();
        }
        if (dropout != null && dropout != c.dropout()) {
            return "--dropout " + dropout + " but the model has " + c.dropout();
        }
        if (input != null) {
            return "--embed/--proj cannot change the input encoding of a trained model";
        }
        return null;
    }

    private ObjectNode settings(Corpus corpus, long s) {
        ObjectNode n = JSON.createObjectNode();
        n.put("text", corpus.name());
        n.put("batch", batch == null ? 32 : batch);
        n.put("seq_len", seqLen == null ? 100 : seqLen);
        n.put("optimizer", optimizer == null ? "adam" : optimizer.toLowerCase(Locale.ROOT));
        n.put("lr", lr == null ? 2e-3 : lr);
        n.put("clip", clip == null ? 5.0 : clip);
        n.put("val_frac", valFrac == null ? 0.05 : valFrac);
        n.put("seed", s);
        return n;
    }

    private int train(SequenceModel model, Vocabulary vocab, Corpus corpus, ObjectNode settings, Path out,
                      ModelFolder.Loaded resumeFrom, PrintWriter outWriter, PrintWriter log) throws IOException {
        int b = settings.get("batch").asInt();
        int t = settings.get("seq_len").asInt();
        double frac = settings.get("val_frac").asDouble();
        int[] ids = vocab.encode(corpus.text());
        int split = (int) Math.round(ids.length * (1 - frac));
        int[] trainIds = Arrays.copyOfRange(ids, 0, split);
        int[] valIds = Arrays.copyOfRange(ids, split, ids.length);
        CharBatches trainBatches;
        CharBatches valBatches = null;
        try {
            trainBatches = new CharBatches(trainIds, b, t);
            if (frac > 0) {
                valBatches = new CharBatches(valIds, b, t);
            }
        } catch (IllegalArgumentException e) {
            String part = valBatches == null && frac > 0 && trainIdsFit(trainIds, b, t) ? "the validation part ("
                    + valIds.length + " characters, --val-frac " + frac + ")" : corpus.name();
            throw new UserError(part + ": " + e.getMessage(), e);
        }
        Optimizer opt = Optimizers.discover().create(settings.get("optimizer").asText(), Map.of());
        double clipNorm = settings.get("clip").asDouble();
        Trainer.Builder tb = Trainer.builder(opt)
                .clipping(clipNorm > 0 ? GradientClipping.byNorm(clipNorm) : GradientClipping.none())
                .evaluateEvery(evalEvery == null ? 200 : evalEvery);
        long stepsDone = resumeFrom == null ? 0 : resumeFrom.optimizer().get().step();
        long totalSteps = -1;
        Duration time = budgetDuration();
        if (budget != null && budget.epochs != null) {
            long epochsDone = resumeFrom == null ? 0 : resumeFrom.trainer().get().epoch();
            tb.maxEpochs(epochsDone + budget.epochs);
            totalSteps = stepsDone + budget.epochs * trainBatches.batchesPerEpoch();
        } else if (budget != null && budget.steps != null) {
            tb.maxSteps(stepsDone + budget.steps);
            totalSteps = stepsDone + budget.steps;
        } else {
            tb.maxTime(time);
        }
        tb.schedule(schedule(settings.get("lr").asDouble(), totalSteps));
        Trainer trainer = tb.build();
        ObjectNode data = JSON.createObjectNode();
        var points = data.putArray("vocabulary");
        vocab.codePoints().forEach(points::add);
        ObjectNode extras = JSON.createObjectNode();
        extras.set("data", data);

        log.printf("training %s on %s: %d characters (%d for training, %d held out), vocabulary %d, %d parameters,"
                        + " backend %s%n", describe(model.config()), corpus.name(), ids.length, trainIds.length,
                valIds.length, vocab.size(), model.parameters().size(), model.backend().name());
        log.printf("budget: %s; writing %s%n", budget == null || budget.time != null ? "time " + time
                : budget.epochs != null ? budget.epochs + " epochs" : budget.steps + " steps", out);
        log.flush();

        Path metricsPath = LoadedModel.sibling(out, ".metrics.jsonl");
        long started = System.nanoTime();
        TrainingResult result = null;
        boolean interrupted;
        try (SequenceSession session = model.session(t, b, true);
             MetricsFile metrics = new MetricsFile(metricsPath, 1);
             Progress progress = new Progress(log, System.console() != null, totalSteps, 1);
             Interruption ctrlC = Interruption.install()) {
            if (resumeFrom != null) {
                resumeFrom.restoreRecurrentState(session);
                trainer.resume(resumeFrom.optimizer().get(), resumeFrom.trainer().get());
            }
            long every = checkpointEvery == null ? 0 : checkpointEvery;
            TrainingListener checkpoints = new TrainingListener() {
                @Override
                public void onStep(StepReport r) {
                    if (every > 0 && r.step() % every == 0) {
                        save(out, session, extras, settings, opt, trainer.state(), started, r.step());
                    }
                }
            };
            try {
                result = trainer.fit(session, trainBatches, valBatches, progress, metrics, checkpoints, ctrlC);
            } catch (TrainingDivergedException e) {
                throw new UserError("training diverged: " + e.getMessage() + "; the model at " + out
                        + " was not overwritten", e);
            } finally {
                interrupted = ctrlC.wasRequested();
                if (result != null) {
                    save(out, session, extras, settings, opt, trainer.state(), started, result.steps());
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            log.printf("done: %d steps in %.1f s (%s), training loss %.4f%s; saved %s%n", result.steps(), seconds,
                    result.stopReason().name().toLowerCase(Locale.ROOT).replace('_', ' '), progress.recentLoss(),
                    Double.isNaN(result.bestValidationLoss()) ? ""
                            : String.format(", best validation %.4f nats/char (%.4f bits/char)",
                            result.bestValidationLoss(), result.bestValidationLoss() / Math.log(2)), out);
            if (interrupted || result.stopReason() == StopReason.REQUESTED) {
                // Said before the shutdown hook is released: once it is, the JVM may halt at once. No
                // chart either: drawing starts AWT, which cannot start while the JVM shuts down.
                log.println("interrupted: the final checkpoint is saved in " + out + "; continue with --resume " + out);
                log.flush();
                return Rnn4jCli.INTERRUPTED;
            }
            Path png = LoadedModel.sibling(out, ".loss.png");
            try {
                LossCurve.write(png, metrics.trainingCurve(), metrics.validationCurve());
            } catch (IOException | RuntimeException | LinkageError e) {
                log.println("warning: could not draw " + png + ": " + Errors.describe(e));
            }
            log.flush();
        }
        int length = sampleLength == null ? 300 : sampleLength;
        if (length > 0) {
            try (Generator g = new Generator(model)) {
                int[] prime = vocab.id('\n') >= 0 ? new int[] {vocab.id('\n')} : new int[] {trainIds[0]};
                outWriter.println("--- sample (temperature 0.8) ---");
                g.sample(prime, length, SamplingSettings.temperature(0.8, settings.get("seed").asLong()),
                        id -> outWriter.print(Character.toChars(vocab.codePoint(id))));
                outWriter.println();
                outWriter.flush();
            }
        }
        return 0;
    }

    /** The learning-rate schedule the flags ask for; {@code totalSteps} is -1 for a time budget. */
    private LearningRateSchedule schedule(double rate, long totalSteps) {
        LearningRateSchedule base;
        String name = lrSchedule == null ? "constant" : lrSchedule;
        switch (name) {
            case "cosine":
                base = LearningRateSchedule.cosine(rate, totalSteps, rate / 10);
                break;
            case "step":
                base = LearningRateSchedule.stepDecay(rate, Math.max(1, totalSteps / 4), 0.5);
                break;
            default:
                base = LearningRateSchedule.constant(rate);
        }
        return warmup == null || warmup == 0 ? base : LearningRateSchedule.warmup(warmup, base);
    }

    private static boolean trainIdsFit(int[] ids, int b, int t) {
        return ids.length >= b * t + 1;
    }

    private static String describe(SequenceModelConfig c) {
        StringBuilder s = new StringBuilder();
        s.append(c.layers().size()).append(" x ").append(c.layers().get(0).type()).append(' ')
                .append(c.layers().get(0).hidden());
        return s.toString();
    }

    private void save(Path out, SequenceSession session, ObjectNode extras, ObjectNode settings, Optimizer opt,
                      TrainerState state, long started, long steps) {
        ObjectNode all = extras.deepCopy();
        ObjectNode training = all.putObject("training");
        training.set("settings", settings);
        training.put("steps", steps);
        training.put("epochs", state.epoch());
        if (!Double.isNaN(state.bestValidationLoss())) {
            training.put("best_validation_loss", state.bestValidationLoss());
        }
        training.put("seconds", (System.nanoTime() - started) / 1e9);
        try {
            ModelFolder.saveCheckpoint(out, session, all, opt.state(), state);
        } catch (IOException e) {
            throw new UserError("cannot save the model to " + out + ": " + Errors.describe(e), e);
        }
    }
}
