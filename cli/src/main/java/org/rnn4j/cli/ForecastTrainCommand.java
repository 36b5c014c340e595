package org.rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.cli.train.EpochLog;
import org.rnn4j.cli.train.Interruption;
import org.rnn4j.core.train.TrainingDivergedException;
import org.rnn4j.models.forecast.ForecastSettings;
import org.rnn4j.models.forecast.Forecaster;
import org.rnn4j.models.forecast.SeriesTable;
import org.rnn4j.models.seq.ModelKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code rnn4j forecast train}: a recurrent forecaster on a CSV series, evaluated on its last rows,
 * saved as a resumable model folder; Ctrl-C saves the run so far and {@code --resume} continues it.
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a forecaster: windows of --window steps predict the next --horizon values of --target.",
            "The series is split in time order (train, validation, test = the last rows); scaling uses the",
            "training rows only. Prints test RMSE and MAE beside persistence and seasonal naive.",
            "Ctrl-C saves a checkpoint; --resume MODEL continues it exactly."})
final class ForecastTrainCommand implements Callable<Integer> {

    /** Options that shape the model, its data or its batches, which a resumed run keeps as they were. */
    private static final List<String> FIXED_ON_RESUME = List.of("--target", "--date", "--features", "--window",
            "--horizon", "--test-rows", "--val-rows", "--season", "--no-calendar", "--cell", "--hidden", "--layers",
            "--batch", "--lr", "--patience", "--seed");

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--csv", paramLabel = "FILE",
            description = "CSV with a header row, rows in time order (with --resume: default the run's)")
    Path csv;

    @Option(names = "--target", paramLabel = "COL", description = "column to forecast (required unless --resume)")
    String target;

    @Option(names = "--date", paramLabel = "COL", description = "date column (ISO dates give calendar inputs and a season)")
    String date;

    @Option(names = "--features", paramLabel = "COLS", split = ",", description = "further input columns, comma-separated")
    List<String> features = List.of();

    @Option(names = "--window", paramLabel = "W", description = "input steps per forecast (required unless --resume)")
    Integer window;

    @Option(names = "--horizon", paramLabel = "H", description = "steps to forecast (required unless --resume)")
    Integer horizon;

    @Option(names = "--test-rows", paramLabel = "N", description = "last rows held out for testing (default 20%%)")
    int testRows = -1;

    @Option(names = "--val-rows", paramLabel = "N", description = "rows before the test part for validation (default 10%% of the rest)")
    int valRows = -1;

    @Option(names = "--season", paramLabel = "N", description = "seasonal-naive season in steps; 0 none (default: 365 for daily dates, 24 hourly)")
    int season = -1;

    @Option(names = "--no-calendar", description = "do not feed the day of the year")
    boolean noCalendar;

    @Option(names = "--fill", paramLabel = "HOW", description = "fill missing values: previous or interpolate (default: refuse them)")
    String fill;

    @Option(names = "--cell", paramLabel = "TYPE", description = "gru (default) or lstm")
    String cell = "gru";

    @Option(names = "--hidden", paramLabel = "N", description = "units per layer (default 32)")
    int hidden = 32;

    @Option(names = "--layers", paramLabel = "N", description = "recurrent layers (default 1)")
    int layers = 1;

    @Option(names = "--batch", paramLabel = "N", description = "windows per batch (default 32)")
    int batch = 32;

    @Option(names = "--lr", paramLabel = "RATE", description = "Adam learning rate (default 3e-3)")
    double lr = 3e-3;

    @Option(names = "--epochs", paramLabel = "N",
            description = "passes over the training windows at most (default 30); with --resume, N more epochs")
    Integer epochs;

    @Option(names = "--time", paramLabel = "DURATION", description = "stop after this long, e.g. 5m")
    String time;

    @Option(names = "--patience", paramLabel = "N", description = "stop after N epochs without a better validation loss; 0 never (default 5)")
    int patience = 5;

    @Option(names = "--seed", paramLabel = "N", description = "seed (default 42)")
    long seed = 42;

    @Option(names = "--out", paramLabel = "MODEL", description = "model folder (default out/<csv name>.model)")
    Path out;

    @Option(names = "--force", description = "replace an existing model folder")
    boolean force;

    @Option(names = "--resume", paramLabel = "MODEL",
            description = "continue the run saved in this model folder (by Ctrl-C, or to train more --epochs)")
    Path resume;

    @Mixin
    BackendOptions backendOptions = new BackendOptions();

    @Override
    public Integer call() {
        if (resume != null) {
            return resumed();
        }
        for (String[] required : new String[][] {{"--csv", csv == null ? null : ""}, {"--target", target},
                {"--window", window == null ? null : ""}, {"--horizon", horizon == null ? null : ""}}) {
            if (required[1] == null) {
                throw usage("missing " + required[0] + " (--csv, --target, --window and --horizon are needed, unless"
                        + " --resume MODEL continues a run)");
            }
        }
        ForecastSettings settings;
        try {
            if (testRows < -1 || valRows < -1 || season < -1) {
                throw new IllegalArgumentException("--test-rows, --val-rows and --season must be >= 0");
            }
            settings = new ForecastSettings(window, horizon, cell, hidden, layers, batch, lr, epochs == null ? 30 : epochs,
                    Durations.parse("--time", time), patience, testRows, valRows, season, !noCalendar, seed);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        Path model = out != null ? out
                : Path.of("out", csv.getFileName().toString().replaceAll("\\.[^.]*$", "") + ".model");
        TagCommand.checkOut(model, force);
        SeriesTable data = ForecastCommand.read(csv, target, date, features, fill);
        PrintWriter log = spec.commandLine().getErr();
        try (Backend backend = backendOptions.select()) {
            var split = settings.split(data.rows());
            log.printf("training a forecaster on %s: %d rows (train %d, validation %d, test %d), inputs %s; backend %s%n",
                    csv, data.rows(), split.trainEnd(), split.validationRows(), split.testRows(), data.columns(),
                    backend.name());
            log.flush();
            return run(model, data, log, listeners -> Forecaster.train(data, settings, backend, listeners));
        } catch (IllegalArgumentException e) {
            throw new UserError(Errors.describe(e), e);
        }
    }

    private int resumed() {
        java.time.Duration budget = ResumeOptions.check(spec, FIXED_ON_RESUME,
                "the data columns and settings it was saved with", "--csv, --fill, --out, --epochs, --time", epochs,
                time);
        com.fasterxml.jackson.databind.JsonNode config;
        try {
            config = org.rnn4j.core.checkpoint.CheckpointFolder.read(resume).config();
        } catch (IOException e) {
            throw new UserError("cannot resume " + resume + ": " + Errors.describe(e), e);
        }
        var saved = config.path("data");
        ModelKind kind = ModelKind.of(config);
        if (kind != ModelKind.FORECASTER) {
            throw new UserError("cannot resume " + resume + ": it is " + kind.description() + ", not a forecaster");
        }
        Path file = csv;
        if (file == null) {
            String source = config.path("training").path("data_source").asText("");
            if (source.isEmpty() || !java.nio.file.Files.isRegularFile(Path.of(source))) {
                throw new UserError("the series the run was trained on " + (source.isEmpty() ? "is not recorded"
                        : "(" + source + ") is not there any more") + "; give it with --csv FILE");
            }
            file = Path.of(source);
        }
        List<String> columns = new java.util.ArrayList<>();
        saved.path("columns").forEach(c -> columns.add(c.asText()));
        if (columns.isEmpty()) {
            throw new UserError("cannot resume " + resume + ": config.json lists no data.columns");
        }
        String dateColumn = saved.hasNonNull("date_column") ? saved.get("date_column").asText() : null;
        SeriesTable data = ForecastCommand.read(file, columns.get(0), dateColumn, columns.subList(1, columns.size()),
                fill);
        Path model = out != null ? out : resume;
        if (out != null && !out.toAbsolutePath().normalize().equals(resume.toAbsolutePath().normalize())) {
            TagCommand.checkOut(model, force);
        }
        PrintWriter log = spec.commandLine().getErr();
        try (Backend backend = backendOptions.select()) {
            log.printf("resuming the forecaster in %s (%s steps, %s epochs done) on %s; backend %s%n", resume,
                    config.path("training").path("steps").asText("?"),
                    config.path("training").path("epochs_done").asText("?"), file, backend.name());
            log.flush();
            return run(model, data, log, listeners -> {
                try {
                    return Forecaster.resume(resume, data, epochs == null ? 0 : epochs, budget, backend, listeners);
                } catch (IOException e) {
                    throw new UserError("cannot resume " + resume + ": " + Errors.describe(e), e);
                }
            });
        } catch (IllegalArgumentException e) {
            throw new UserError(Errors.describe(e), e);
        }
    }

    /** Trains (or resumes) with Ctrl-C handling, saves the checkpoint, and reports. */
    private int run(Path model, SeriesTable data, PrintWriter log, Training training) {
        try (Interruption ctrlC = Interruption.install()) {
            Forecaster f;
            try {
                f = training.run(new EpochLog(log, "values"), ctrlC);
            } catch (TrainingDivergedException e) {
                throw new UserError("training diverged: " + e.getMessage(), e);
            }
            try (f) {
                log.printf("trained %s steps in %.0f s (%s)%n", f.training().get("steps"),
                        f.training().get("seconds").asDouble(), f.training().get("stop_reason").asText());
                if (FinalCheckpoint.save(log, model, ctrlC, f.training().get("stop_reason").asText(),
                        "rnn4j forecast train", f::saveCheckpoint)) {
                    return Rnn4jCli.INTERRUPTED;
                }
                var split = f.settings().split(data.rows());
                if (split.testRows() > 0) {
                    ForecastCommand.print(spec.commandLine().getOut(), f.evaluate(data), data.targetName());
                }
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
        Forecaster run(org.rnn4j.core.train.TrainingListener... listeners);
    }
}
