package org.rnn4j.cli.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.rnn4j.core.train.TrainingListener;

/**
 * Training metrics as JSON lines next to the model (one object per step or evaluation), and the
 * points the loss curve is drawn from. Appends, so a resumed run continues the same file.
 *
 * <pre>{@code
 * {"step":120,"epoch":0,"loss":1.93,"lr":0.002,"grad_norm":0.71,"chars_per_s":41200.0}
 * {"step":200,"val_loss":1.88,"val_bpc":2.71}
 * }</pre>
 */
public final class MetricsFile implements TrainingListener, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final BufferedWriter out;
    private final int charsPerItem;
    private final List<double[]> train = new ArrayList<>();
    private final List<double[]> validation = new ArrayList<>();
    private double windowLoss;
    private int windowSteps;

    /** Appends to {@code file} (created if missing). */
    public MetricsFile(Path file, int charsPerItem) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        this.charsPerItem = charsPerItem;
    }

    @Override
    public void onStep(StepReport r) {
        ObjectNode line = JSON.createObjectNode();
        line.put("step", r.step()).put("epoch", r.epoch()).put("loss", r.loss()).put("lr", r.learningRate())
                .put("grad_norm", r.gradientNorm())
                .put("chars_per_s", r.items() * charsPerItem * 1e9 / Math.max(1, r.nanos()));
        write(line);
        windowLoss += r.loss();
        windowSteps++;
        if (windowSteps == 10) {
            train.add(new double[] {r.step(), windowLoss / windowSteps});
            windowLoss = 0;
            windowSteps = 0;
        }
    }

    @Override
    public void onEvaluation(EvaluationReport r) {
        ObjectNode line = JSON.createObjectNode();
        line.put("step", r.step()).put("val_loss", r.validationLoss()).put("val_bpc", r.validationLoss() / Math.log(2));
        write(line);
        validation.add(new double[] {r.step(), r.validationLoss()});
    }

    private void write(ObjectNode line) {
        try {
            out.write(JSON.writeValueAsString(line));
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write training metrics: " + e.getMessage(), e);
        }
    }

    /** Mean training loss per 10 steps, as (step, loss). */
    public List<double[]> trainingCurve() {
        return train;
    }

    /** Validation losses, as (step, loss). */
    public List<double[]> validationCurve() {
        return validation;
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
