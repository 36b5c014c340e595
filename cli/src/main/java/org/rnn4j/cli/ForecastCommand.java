package org.rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import org.rnn4j.models.forecast.ErrorStats;
import org.rnn4j.models.forecast.ForecastReport;
import org.rnn4j.models.forecast.MissingValues;
import org.rnn4j.models.forecast.SeriesCsv;
import org.rnn4j.models.forecast.SeriesTable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code rnn4j forecast}: time-series forecasting with a GRU or LSTM over sliding windows.
 *
 * <pre>{@code
 * rnn4j forecast train --csv daily-min-temperatures.csv --target Temp --date Date --window 30 --horizon 1 --test-rows 730
 * rnn4j forecast eval --model out/daily-min-temperatures.model --csv daily-min-temperatures.csv
 * rnn4j forecast predict --model out/daily-min-temperatures.model --csv daily-min-temperatures.csv --out next.csv
 * }</pre>
 */
@Command(name = "forecast", mixinStandardHelpOptions = true,
        description = "Time-series forecasting: train, eval (beside persistence and seasonal naive), predict.",
        subcommands = {ForecastTrainCommand.class, ForecastEvalCommand.class, ForecastPredictCommand.class})
final class ForecastCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a subcommand: train, eval or predict");
    }

    /** Reads the CSV, every problem as a one-line user error naming file and line. */
    static SeriesTable read(Path csv, String target, String date, List<String> features, String fill) {
        try {
            MissingValues policy = fill == null ? MissingValues.REFUSE : MissingValues.parse(fill);
            return SeriesCsv.read(csv, target, date, features, policy);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError(Errors.describe(e), e);
        }
    }

    /** Prints the model's RMSE and MAE beside the baselines', overall and one step ahead. */
    static void print(PrintWriter out, ForecastReport r, String target) {
        out.printf("test forecasts        %d (targets from data row %d on), horizon %d, target %s%n",
                r.model().count(), r.firstRow() + 1, r.horizon(), target);
        out.printf("%-22s %10s %10s %14s %14s%n", "", "RMSE", "MAE", "RMSE (1 step)", "MAE (1 step)");
        line(out, "model", r.model());
        line(out, "persistence", r.persistence());
        if (r.seasonal() != null) {
            line(out, "seasonal naive (" + r.season() + ")", r.seasonal());
        }
        out.printf("one-step RMSE vs persistence: %+.1f%%%n", -100 * r.oneStepGainOverPersistence());
        out.flush();
    }

    private static void line(PrintWriter out, String name, ErrorStats e) {
        out.printf("%-22s %10.4f %10.4f %14.4f %14.4f%n", name, e.rmse(), e.mae(), e.rmseByStep()[0],
                e.maeByStep()[0]);
    }
}
