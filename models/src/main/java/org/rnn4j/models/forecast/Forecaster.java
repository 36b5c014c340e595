package org.rnn4j.models.forecast;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.tensor.Tensor;
import org.rnn4j.core.optim.Optimizers;
import org.rnn4j.core.train.GradientClipping;
import org.rnn4j.core.train.LearningRateSchedule;
import org.rnn4j.core.train.Trainer;
import org.rnn4j.core.train.TrainerState;
import org.rnn4j.core.train.TrainingListener;
import org.rnn4j.core.train.TrainingResult;
import org.rnn4j.models.build.Models;
import org.rnn4j.models.build.SequenceModelBuilder;
import org.rnn4j.models.seq.BestWeights;
import org.rnn4j.models.seq.ModelFolder;
import org.rnn4j.models.seq.ModelKind;
import org.rnn4j.models.seq.RunState;
import org.rnn4j.models.seq.SequenceBatch;
import org.rnn4j.models.seq.SequenceModel;
import org.rnn4j.models.seq.SequenceSession;

/**
 * A recurrent forecaster end to end: windows of {@code W} steps of the target and the feature
 * columns (scaled with statistics of the TRAINING rows only, plus the day of the year when the
 * dates allow) go through a GRU or LSTM whose last step predicts the next {@code H} target values.
 * The series is split in time order; the epoch with the best validation loss is kept; the test
 * part is scored by RMSE and MAE beside persistence and seasonal-naive baselines.
 *
 * <pre>{@code
 * SeriesTable t = SeriesCsv.read(csv, "Temp", "Date", List.of(), MissingValues.REFUSE);
 * try (Forecaster f = Forecaster.train(t, ForecastSettings.of(30, 1).withTestRows(730), backend)) {
 *     ForecastReport r = f.evaluate(t);
 *     float[] tomorrow = f.forecast(t);
 *     f.save(Path.of("out/melbourne.model"));
 * }
 * }</pre>
 *
 * <p>Not thread-safe: one call at a time.
 */
public final class Forecaster implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SequenceModel model;
    private final ForecastSettings settings;
    private final List<String> columns;
    private final Scaler scaler;
    private final boolean calendar;
    private final int season;
    private final ObjectNode training;
    private final String dateColumn;
    private final RunState run;

    private Forecaster(SequenceModel model, ForecastSettings settings, List<String> columns, String dateColumn,
                       Scaler scaler, boolean calendar, int season, ObjectNode training, RunState run) {
        this.run = run;
        this.dateColumn = dateColumn;
        this.model = model;
        this.settings = settings;
        this.columns = List.copyOf(columns);
        this.scaler = scaler;
        this.calendar = calendar;
        this.season = season;
        this.training = training;
    }

    /**
     * Trains on the training rows of {@code data}, choosing the epoch on its validation rows. A
     * listener may stop the run early ({@link TrainingListener#stopRequested()}, e.g. on
     * Ctrl-C): the forecaster then holds the best weights so far, and {@link #saveCheckpoint}
     * saves what {@link #resume} needs to continue.
     *
     * @throws IllegalArgumentException when the series is too short for the window, horizon
     *                                  and split, saying how many rows it needs
     */
    public static Forecaster train(SeriesTable data, ForecastSettings s, Backend backend,
                                   TrainingListener... listeners) {
        Prepared p = prepare(data, s);
        SequenceModelBuilder b = Models.sequenceRegressor(p.inputs[0].length, s.horizon());
        for (int k = 0; k < s.layers(); k++) {
            b.layer(s.cell(), s.hidden());
        }
        SequenceModel model = b.create(backend, s.seed());
        try {
            return fit(model, data, s, p, null, listeners);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /**
     * Continues the training run saved by {@link #saveCheckpoint} in {@code dir}, on the same
     * series, exactly where it stopped (same batches, optimiser state and best epoch so far).
     * With {@code moreEpochs > 0} it trains that many epochs beyond those done (early stopping
     * counts afresh); with 0 it goes on to the run's own epoch budget.
     *
     * @param maxTime wall-time budget of this continuation, or null for none
     * @throws IOException              when the folder is not a resumable forecaster checkpoint
     * @throws IllegalArgumentException when {@code data} is not the series the run was trained
     *                                  on, or the run has nothing left to do
     */
    public static Forecaster resume(Path dir, SeriesTable data, int moreEpochs, java.time.Duration maxTime,
                                    Backend backend, TrainingListener... listeners) throws IOException {
        if (moreEpochs < 0) {
            throw new IllegalArgumentException("more epochs must be >= 0, got " + moreEpochs);
        }
        Forecaster saved = load(dir, backend);
        try {
            if (saved.run == null || saved.training == null) {
                throw new IOException(dir + " holds a forecaster without its training state (optimizer.safetensors and"
                        + " trainer.json); only a checkpoint saved by forecast train can be resumed");
            }
            saved.checkColumns(data);
            String expected = saved.training.path("data_fingerprint").asText("");
            if (!fingerprint(data).equals(expected)) {
                throw new IllegalArgumentException(data.source() + " is not the series the run in " + dir
                        + " was trained on (" + saved.training.path("data_rows").asLong() + " rows of "
                        + saved.columns + "); resume with the same data and --fill");
            }
            ForecastSettings s = saved.settings;
            long epochsDone = saved.run.trainer().epoch();
            String stop = saved.training.path("stop_reason").asText("");
            RunState r = saved.run;
            if (moreEpochs > 0) {
                s = s.withBudget((int) Math.min(Integer.MAX_VALUE, epochsDone + moreEpochs), null, s.patience());
                TrainerState t = r.trainer();
                r = new RunState(r.optimizer(), new TrainerState(t.epoch(), t.dataPosition(), t.bestValidationLoss(), 0),
                        r.weights());
            } else if (stop.equals("early_stopping") || epochsDone >= s.epochs()) {
                throw new IllegalArgumentException("the run saved in " + dir + " has finished (" + stop.replace('_', ' ')
                        + " after " + epochsDone + " epochs); ask for more epochs to continue it");
            }
            s = s.withBudget(s.epochs(), maxTime, s.patience());
            Prepared p = prepare(data, s);
            Forecaster out = fit(saved.model, data, s, p, new Resumed(r, saved.training), listeners);
            saved = null;   // the model now belongs to the returned forecaster
            return out;
        } finally {
            if (saved != null) {
                saved.close();
            }
        }
    }

    /** What a resumed run carries over. */
    private record Resumed(RunState run, ObjectNode training) {
    }

    /** The scaled series, its windows and everything derived from the data and settings. */
    private record Prepared(ChronologicalSplit split, float[][] inputs, WindowBatches train, WindowBatches validation,
                            Scaler scaler, boolean calendar, int season) {
    }

    private static Prepared prepare(SeriesTable data, ForecastSettings s) {
        int w = s.window();
        int h = s.horizon();
        if (data.rows() < w + h) {
            throw new IllegalArgumentException(data.source() + " has " + data.rows() + " rows, fewer than window + horizon"
                    + " = " + (w + h) + "; use a shorter --window or --horizon, or a longer series");
        }
        ChronologicalSplit split = s.split(data.rows());
        int[] trainOrigins = origins(w - 1, split.trainEnd() - 1 - h);
        if (trainOrigins.length == 0) {
            throw new IllegalArgumentException(data.source() + ": the training part (the first " + split.trainEnd()
                    + " of " + data.rows() + " rows) is shorter than window + horizon = " + (w + h)
                    + "; use fewer test or validation rows, or a shorter window");
        }
        Calendar cal = Calendar.of(data.dates());
        boolean useCalendar = s.calendar() && cal != null && cal.yearly();
        int seasonSteps = s.season() >= 0 ? s.season() : cal == null ? 0 : cal.defaultSeason();
        Scaler scaler = Scaler.fit(data.values(), split.trainEnd());
        float[][] inputs = inputs(data, scaler, useCalendar ? cal : null);
        float[] target = scaledTarget(data, scaler);
        WindowBatches train = new WindowBatches(inputs, target, trainOrigins, w, h, s.batch(), true, s.seed());
        int[] valOrigins = origins(Math.max(w - 1, split.trainEnd() - 1), split.validationEnd() - 1 - h);
        WindowBatches validation = valOrigins.length == 0 ? null
                : new WindowBatches(inputs, target, valOrigins, w, h, s.batch(), false, 0);
        return new Prepared(split, inputs, train, validation, scaler, useCalendar, seasonSteps);
    }

    private static Forecaster fit(SequenceModel model, SeriesTable data, ForecastSettings s, Prepared p, Resumed from,
                                  TrainingListener... listeners) {
        var optimizer = Optimizers.discover().create("adam", Map.of());
        Trainer.Builder tb = Trainer.builder(optimizer)
                .schedule(LearningRateSchedule.constant(s.learningRate())).clipping(GradientClipping.byNorm(5))
                .maxEpochs(s.epochs());
        if (s.maxTime() != null) {
            tb.maxTime(s.maxTime());
        }
        if (s.patience() > 0 && p.validation() != null) {
            tb.earlyStopping(s.patience(), 0);
        }
        Trainer trainer = tb.build();
        long started = System.nanoTime();
        TrainingResult result;
        float[] last = new float[model.parameters().size()];
        try (SequenceSession session = model.session(s.window(), s.batch(), false)) {
            BestWeights best = new BestWeights(model);
            if (from != null) {
                // The folder's weights are the best epoch's, once a validation loss was recorded.
                if (!Double.isNaN(from.run().trainer().bestValidationLoss())) {
                    best.resumeFrom(model.parameters().snapshot());
                }
                model.parameters().restore(from.run().weights());
                trainer.resume(from.run().optimizer(), from.run().trainer());
            }
            TrainingListener[] all = new TrainingListener[listeners.length + 1];
            all[0] = best;
            System.arraycopy(listeners, 0, all, 1, listeners.length);
            result = trainer.fit(session, p.train(), p.validation(), all);
            model.parameters().snapshotInto(last);
            best.restore();
        }
        ChronologicalSplit split = p.split();
        double before = from == null ? 0 : from.training().path("seconds").asDouble(0);
        ObjectNode record = JSON.createObjectNode();
        record.put("steps", result.steps()).put("epochs_done", result.epochs())
                .put("stop_reason", result.stopReason().name().toLowerCase(Locale.ROOT))
                .put("seconds", before + (System.nanoTime() - started) / 1e9)
                .put("train_rows", split.trainEnd()).put("validation_rows", split.validationRows())
                .put("test_rows", split.testRows()).put("data_rows", data.rows())
                .put("data_fingerprint", fingerprint(data)).put("data_source", data.source());
        if (!Double.isNaN(result.bestValidationLoss())) {
            record.put("best_validation_loss", result.bestValidationLoss());
        }
        RunState run = new RunState(optimizer.state(), trainer.state(), last);
        return new Forecaster(model, s, data.columns(), data.dateColumn(), p.scaler(), p.calendar(), p.season(), record,
                run);
    }

    /** A 64-bit FNV-1a hash of every value and date of the series: the same data give the same string. */
    private static String fingerprint(SeriesTable data) {
        long h = 0xcbf29ce484222325L;
        for (int r = 0; r < data.rows(); r++) {
            for (int c = 0; c < data.width(); c++) {
                h = (h ^ Float.floatToIntBits(data.value(r, c))) * 0x100000001b3L;
            }
            if (data.dates() != null) {
                String d = data.dates().get(r);
                for (int i = 0; i < d.length(); i++) {
                    h = (h ^ d.charAt(i)) * 0x100000001b3L;
                }
            }
        }
        return Long.toHexString(h);
    }

    private static int[] origins(int from, int to) {
        return to < from ? new int[0] : java.util.stream.IntStream.rangeClosed(from, to).toArray();
    }

    private static float[][] inputs(SeriesTable data, Scaler scaler, Calendar cal) {
        int width = data.width() + (cal == null ? 0 : 2);
        float[][] x = new float[data.rows()][width];
        for (int r = 0; r < data.rows(); r++) {
            for (int c = 0; c < data.width(); c++) {
                x[r][c] = scaler.scale(data.value(r, c), c);
            }
            if (cal != null) {
                double a = 2 * Math.PI * cal.yearFraction(r);
                x[r][data.width()] = (float) Math.sin(a);
                x[r][data.width() + 1] = (float) Math.cos(a);
            }
        }
        return x;
    }

    private static float[] scaledTarget(SeriesTable data, Scaler scaler) {
        float[] y = new float[data.rows()];
        for (int r = 0; r < y.length; r++) {
            y[r] = scaler.scale(data.value(r, 0), 0);
        }
        return y;
    }

    private void checkColumns(SeriesTable data) {
        if (!data.columns().equals(columns)) {
            throw new IllegalArgumentException(data.source() + " has columns " + data.columns()
                    + " but the model was trained on " + columns + " (target first)");
        }
        if (data.rows() < settings.window()) {
            throw new IllegalArgumentException(data.source() + " has " + data.rows() + " rows, fewer than the model's"
                    + " window of " + settings.window());
        }
    }

    private Calendar calendarOf(SeriesTable data) {
        if (!calendar) {
            return null;
        }
        Calendar cal = Calendar.of(data.dates());
        if (cal == null) {
            throw new IllegalArgumentException(data.source() + ": the model reads the day of the year, so it needs the"
                    + " same ISO date column it was trained with");
        }
        return cal;
    }

    /**
     * The model's forecasts (in the target's units) from each origin: row {@code o} of the
     * result holds the predictions for rows {@code origins[o]+1 .. origins[o]+H}.
     */
    public float[][] backtest(SeriesTable data, int[] origins) {
        checkColumns(data);
        int w = settings.window();
        int h = settings.horizon();
        for (int t : origins) {
            if (t < w - 1 || t >= data.rows()) {
                throw new IllegalArgumentException("origin " + t + " needs rows " + (t - w + 1) + ".." + t
                        + " but the series has 0.." + (data.rows() - 1));
            }
        }
        float[][] inputs = inputs(data, scaler, calendarOf(data));
        float[][] out = new float[origins.length][h];
        if (origins.length == 0) {
            return out;
        }
        int batch = Math.min(settings.batch(), origins.length);
        int features = inputs[0].length;
        SequenceBatch b = SequenceBatch.values(w, batch, features, h);
        float[] y = new float[w * batch * h];
        try (SequenceSession session = model.session(w, batch, false)) {
            for (int from = 0; from < origins.length; from += batch) {
                java.util.Arrays.fill(b.features(), 0f);
                b.clearTargets();
                for (int s = 0; s < batch && from + s < origins.length; s++) {
                    int t = origins[from + s];
                    for (int k = 0; k < w; k++) {
                        System.arraycopy(inputs[t - w + 1 + k], 0, b.features(), (k * batch + s) * features, features);
                    }
                }
                Tensor pred = session.predict(b);
                model.backend().download(pred, 0, y, 0, y.length);
                for (int s = 0; s < batch && from + s < origins.length; s++) {
                    int at = ((w - 1) * batch + s) * h;
                    for (int k = 0; k < h; k++) {
                        out[from + s][k] = scaler.unscale(y[at + k], 0);
                    }
                }
            }
        }
        return out;
    }

    /** The next {@code H} values after the last row of {@code data}, in the target's units. */
    public float[] forecast(SeriesTable data) {
        return backtest(data, new int[] {data.rows() - 1})[0];
    }

    /**
     * Scores the model on the test rows of {@code data} (the split it was trained with) beside
     * persistence and seasonal naive on the same origins.
     */
    public ForecastReport evaluate(SeriesTable data) {
        checkColumns(data);
        ChronologicalSplit split = settings.split(data.rows());
        int w = settings.window();
        int h = settings.horizon();
        int[] origins = origins(Math.max(w - 1, split.validationEnd() - 1), data.rows() - 1 - h);
        if (origins.length == 0) {
            throw new IllegalArgumentException(data.source() + ": the test part (the last " + split.testRows()
                    + " rows) leaves no forecast of " + h + " steps with " + w + " steps of history before it");
        }
        float[] y = data.target();
        float[][] actual = new float[origins.length][h];
        float[][] persistence = new float[origins.length][h];
        float[][] seasonal = new float[origins.length][h];
        for (int o = 0; o < origins.length; o++) {
            int t = origins[o];
            for (int k = 0; k < h; k++) {
                actual[o][k] = y[t + 1 + k];
                persistence[o][k] = y[t];
                if (season > 0) {
                    int back = t + 1 + k - season * (k / season + 1);
                    seasonal[o][k] = back >= 0 ? y[back] : Float.NaN;
                }
            }
        }
        float[][] predicted = backtest(data, origins);
        return new ForecastReport(ErrorStats.of(predicted, actual, h), ErrorStats.of(persistence, actual, h),
                season > 0 ? ErrorStats.of(seasonal, actual, h) : null, season, origins[0] + 1, h);
    }

    private ObjectNode extras() {
        ObjectNode extras = JSON.createObjectNode();
        ObjectNode data = extras.putObject("data");
        data.put("task", ModelKind.FORECASTER.task());
        columns.forEach(data.putArray("columns")::add);
        if (dateColumn != null) {
            data.put("date_column", dateColumn);
        }
        ArrayNode mean = data.putArray("mean");
        ArrayNode std = data.putArray("std");
        for (int c = 0; c < scaler.mean().length; c++) {
            mean.add(scaler.mean()[c]);
            std.add(scaler.std()[c]);
        }
        data.put("calendar", calendar).put("season", season);
        ObjectNode s = data.putObject("settings");
        s.put("window", settings.window()).put("horizon", settings.horizon()).put("cell", settings.cell())
                .put("hidden", settings.hidden()).put("layers", settings.layers()).put("batch", settings.batch())
                .put("lr", settings.learningRate()).put("epochs", settings.epochs()).put("patience", settings.patience())
                .put("test_rows", settings.testRows()).put("validation_rows", settings.validationRows())
                .put("season", settings.season()).put("calendar", settings.calendar()).put("seed", settings.seed());
        if (training != null) {
            extras.set("training", training);
        }
        return extras;
    }

    /** Writes the forecaster as a model folder (atomically): weights, columns, scaler, settings. */
    public void save(Path dir) throws IOException {
        ModelFolder.save(dir, model, extras());
    }

    /**
     * Writes the forecaster as a model folder that {@link #resume} can continue: beside the
     * weights (the best epoch's), the optimiser state, the trainer's progress and the weights of
     * the run's last step. Only a forecaster trained (or resumed) in this process has them.
     *
     * @throws IllegalStateException when the forecaster was loaded rather than trained
     */
    public void saveCheckpoint(Path dir) throws IOException {
        if (run == null) {
            throw new IllegalStateException("this forecaster was loaded, not trained here: it has no training state to"
                    + " save; use save(dir)");
        }
        ModelFolder.saveCheckpoint(dir, model, extras(), run);
    }

    /** Whether {@link #saveCheckpoint} can save the training state. */
    public boolean resumable() {
        return run != null;
    }

    /**
     * Loads a forecaster saved by {@link #save}.
     *
     * @throws IOException naming the file and field when the folder is not a forecaster or is damaged
     */
    public static Forecaster load(Path dir, Backend backend) throws IOException {
        ModelFolder.Loaded loaded = ModelFolder.load(dir, backend);
        Path config = dir.resolve("config.json");
        try {
            JsonNode data = loaded.config().path("data");
            ModelKind kind = ModelKind.of(loaded.config());
            if (kind != ModelKind.FORECASTER) {
                throw new IOException(dir + " is " + kind.description() + ", not a forecaster");
            }
            List<String> cols = new ArrayList<>();
            data.path("columns").forEach(n -> cols.add(n.asText()));
            float[] mean = floats(data.path("mean"));
            float[] std = floats(data.path("std"));
            JsonNode s = data.path("settings");
            ForecastSettings settings;
            try {
                settings = new ForecastSettings(s.path("window").asInt(), s.path("horizon").asInt(),
                        s.path("cell").asText("gru"), s.path("hidden").asInt(), s.path("layers").asInt(),
                        s.path("batch").asInt(), s.path("lr").asDouble(), s.path("epochs").asInt(), null,
                        s.path("patience").asInt(), s.path("test_rows").asInt(-1), s.path("validation_rows").asInt(-1),
                        s.path("season").asInt(-1), s.path("calendar").asBoolean(), s.path("seed").asLong());
            } catch (IllegalArgumentException e) {
                throw new IOException(config + ": data.settings: " + e.getMessage(), e);
            }
            boolean cal = data.path("calendar").asBoolean();
            int features = loaded.model().config().input().outputSize();
            if (cols.isEmpty() || mean.length != cols.size() || std.length != cols.size()
                    || features != cols.size() + (cal ? 2 : 0)
                    || loaded.model().config().head().outputSize() != settings.horizon()) {
                throw new IOException(config + ": data.columns, data.mean, data.std and data.settings.horizon do not"
                        + " match the model's " + features + " inputs and " + loaded.model().config().head().outputSize()
                        + " outputs");
            }
            JsonNode t = loaded.config().get("training");
            String date = data.hasNonNull("date_column") ? data.get("date_column").asText() : null;
            return new Forecaster(loaded.model(), settings, cols, date, new Scaler(mean, std), cal,
                    data.path("season").asInt(0), t instanceof ObjectNode o ? o : null,
                    loaded.runState().orElse(null));
        } catch (IOException | RuntimeException e) {
            loaded.model().close();
            throw e;
        }
    }

    private static float[] floats(JsonNode array) {
        float[] out = new float[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) array.get(i).asDouble();
        }
        return out;
    }

    /** The dates of the next {@code H} steps after {@code data}'s last row, or {@code +1, +2, ...}. */
    public List<String> forecastDates(SeriesTable data) {
        Calendar cal = Calendar.of(data.dates());
        List<String> out = new ArrayList<>();
        boolean withTime = data.dates() != null && data.dates().get(0).trim().length() > 10;
        for (int k = 1; k <= settings.horizon(); k++) {
            out.add(cal == null ? "+" + k : cal.after(k, withTime));
        }
        return out;
    }

    /** The settings it was trained with. */
    public ForecastSettings settings() {
        return settings;
    }

    /** The columns it reads, target first. */
    public List<String> columns() {
        return columns;
    }

    /** The date column of the training data, or null. */
    public String dateColumn() {
        return dateColumn;
    }

    /** The season of its seasonal-naive baseline (0 = none). */
    public int season() {
        return season;
    }

    /** How it was trained (steps, time, split), or null when unknown. */
    public ObjectNode training() {
        return training;
    }

    /** The network. */
    public SequenceModel model() {
        return model;
    }

    @Override
    public void close() {
        model.close();
    }
}
