package org.rnn4j.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.models.forecast.Forecaster;
import org.rnn4j.models.forecast.SeriesTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnn4j forecast eval}: test RMSE/MAE beside persistence and seasonal naive, on the same split. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a forecaster on the test rows of a CSV (the split it was trained with): RMSE and MAE"
                + " beside persistence and seasonal naive on the same forecasts.")
final class ForecastEvalCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "model folder from forecast train")
    Path model;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "the series (same columns as in training)")
    Path csv;

    @Option(names = "--fill", paramLabel = "HOW", description = "fill missing values: previous or interpolate (default: refuse them)")
    String fill;

    @Mixin
    BackendOptions backendOptions = new BackendOptions();

    @Override
    public Integer call() {
        try (Backend backend = backendOptions.select(); Forecaster f = load(model, backend)) {
            SeriesTable data = read(f, csv, fill);
            ForecastCommand.print(spec.commandLine().getOut(), f.evaluate(data), data.targetName());
        } catch (IllegalArgumentException e) {
            throw new UserError(Errors.describe(e), e);
        }
        return 0;
    }

    static Forecaster load(Path dir, Backend backend) {
        try {
            return Forecaster.load(dir, backend);
        } catch (IOException | RuntimeException e) {
            throw new UserError("cannot load forecaster " + dir + ": " + Errors.describe(e), e);
        }
    }

    static SeriesTable read(Forecaster f, Path csv, String fill) {
        return ForecastCommand.read(csv, f.columns().get(0), f.dateColumn(), f.columns().subList(1, f.columns().size()),
                fill);
    }
}
