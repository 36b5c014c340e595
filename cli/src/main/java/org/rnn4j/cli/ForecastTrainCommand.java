package org.rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.cli.train.EpochLog;
import org.rnn4j.core.train.TrainingDivergedException;
import org.rnn4j.models.forecast.ForecastSettings;
import org.rnn4j.models.forecast.Forecaster;
import org.rnn4j.models.forecast.SeriesTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rnn4j forecast train}: a recurrent forecaster on a CSV series, evaluated on its last rows. */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Train a forecaster: windows of --window steps predict the next --horizon values of --target.",
            "The series is split in time order (train, validation, test = the last rows); scaling uses the",
            "training rows only. Prints test RMSE and MAE beside persistence and seasonal naive."})
final class ForecastTrainCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "CSV with a header row, rows in time order")
    Path csv;

    @Option(names = "--target", required = true, paramLabel = "COL", description = "column to forecast")
    String target;

    @Option(names = "--date", paramLabel = "COL", description = "date column (ISO dates give calendar inputs and a season)")
    String date;

    @Option(names = "--features", paramLabel = "COLS", split = ",", description = "further input columns, comma-separated")
    List<String> features = List.of();

    @Option(names = "--window", required = true, paramLabel = "W", description = "input steps per forecast")
    int window;

    @Option(names = "--horizon", required = true, paramLabel = "H", description = "steps to forecast")
    int horizon;

    @Option(names = "--test-rows", paramLabel = "N", description = "last rows held out for testing (default 20%)")
    int testRows = -1;

    @Option(names = "--val-rows", paramLabel = "N", description = "rows before the test part for validation (default 10% of the rest)")
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

    @Option(names = "--epochs", paramLabel = "N", description = "passes over the training windows at most (default 30)")
    int epochs = 30;

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

    @Mixin
    BackendOptions backendOptions = new BackendOptions();

    @Override
    public Integer call() {
        ForecastSettings settings;
        try {
            if (testRows < -1 || valRows < -1 || season < -1) {
                throw new IllegalArgumentException("--test-rows, --val-rows and --season must be >= 0");
            }
            settings = new ForecastSettings(window, horizon, cell, hidden, layers, batch, lr, epochs,
                    Durations.parse("--time", time), patience, testRows, valRows, season, !noCalendar, seed);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
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
            Forecaster f;
            try {
                f = Forecaster.train(data, settings, backend, new EpochLog(log, "values"));
            } catch (TrainingDivergedException e) {
                throw new UserError("training diverged: " + e.getMessage(), e);
            }
            try (f) {
                log.printf("trained %s steps in %.0f s (%s)%n", f.training().get("steps"),
                        f.training().get("seconds").asDouble(), f.training().get("stop_reason").asText());
                try {
                    f.save(model);
                } catch (IOException e) {
                    throw new UserError("cannot save the model to " + model + ": " + Errors.describe(e), e);
                }
                log.println("saved " + model);
                log.flush();
                if (split.testRows() > 0) {
                    ForecastCommand.print(spec.commandLine().getOut(), f.evaluate(data), data.targetName());
                }
            }
        } catch (IllegalArgumentException e) {
            throw new UserError(Errors.describe(e), e);
        }
        return 0;
    }
}
