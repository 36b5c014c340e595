package org.rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.cli.train.ForecastPlot;
import org.rnn4j.core.io.AtomicFiles;
import org.rnn4j.models.forecast.Forecaster;
import org.rnn4j.models.forecast.SeriesTable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnn4j forecast predict}: the next H values as CSV, and a PNG of history and forecast. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Forecast the --horizon steps after the last row of a CSV: writes step,date,forecast as CSV",
            "(to --out, or standard output) and a PNG of the recent history, the model's one-step-ahead",
            "forecasts over it, and the forecast (--plot, default beside --out)."})
final class ForecastPredictCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "model folder from forecast train")
    Path model;

    @Option(names = "--csv", required = true, paramLabel = "FILE", description = "the series up to now")
    Path csv;

    @Option(names = "--out", paramLabel = "FILE", description = "CSV of forecasts (default: standard output)")
    Path out;

    @Option(names = "--plot", paramLabel = "FILE", description = "PNG of history and forecast (default: --out with .png)")
    Path plot;

    @Option(names = "--history", paramLabel = "N", description = "rows of history in the plot (default 120)")
    int history = 120;

    @Option(names = "--fill", paramLabel = "HOW", description = "fill missing values: previous or interpolate (default: refuse them)")
    String fill;

    @Mixin
    BackendOptions backendOptions = new BackendOptions();

    @Override
    public Integer call() {
        if (history < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--history must be >= 1, got " + history);
        }
        try (Backend backend = backendOptions.select(); Forecaster f = ForecastEvalCommand.load(model, backend)) {
            SeriesTable data = ForecastEvalCommand.read(f, csv, fill);
            float[] next = f.forecast(data);
            List<String> dates = f.forecastDates(data);
            StringWriter text = new StringWriter();
            PrintWriter w = new PrintWriter(text);
            w.println("step,date," + f.columns().get(0) + "_forecast");
            for (int k = 0; k < next.length; k++) {
                w.println((k + 1) + "," + dates.get(k) + "," + next[k]);
            }
            w.flush();
            if (out == null) {
                spec.commandLine().getOut().print(text);
                spec.commandLine().getOut().flush();
            } else {
                write(out, text.toString());
            }
            Path png = plot != null ? plot : out == null ? null
                    : out.resolveSibling(out.getFileName().toString().replaceAll("\\.csv$", "") + ".png");
            if (png != null) {
                int from = Math.max(f.settings().window() - 1, data.rows() - history);
                int[] origins = IntStream.range(from - 1, data.rows() - 1).filter(t -> t >= f.settings().window() - 1)
                        .toArray();
                float[][] oneStep = f.backtest(data, origins);
                try {
                    ForecastPlot.write(png, data, Math.max(0, data.rows() - history), origins, oneStep, next);
                } catch (IOException | RuntimeException | LinkageError e) {
                    throw new UserError("cannot draw " + png + ": " + Errors.describe(e), e);
                }
                spec.commandLine().getErr().println("wrote " + (out == null ? "" : out + " and ") + png);
                spec.commandLine().getErr().flush();
            }
        } catch (IllegalArgumentException e) {
            throw new UserError(Errors.describe(e), e);
        }
        return 0;
    }

    private static void write(Path file, String text) {
        try {
            AtomicFiles.write(file, o -> o.write(text.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UserError("cannot write " + file + ": " + Errors.describe(e), e);
        }
    }
}
