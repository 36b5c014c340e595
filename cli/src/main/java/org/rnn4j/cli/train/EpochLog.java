package org.rnn4j.cli.train;

import java.io.PrintWriter;
import org.rnn4j.core.train.TrainingListener;

/**
 * Training progress of the task commands ({@code tag}, {@code forecast}) as plain lines: the
 * smoothed loss and speed every few seconds, and every validation result.
 *
 * <pre>{@code
 * trainer.fit(session, train, dev, new EpochLog(err, "tokens"));
 * }</pre>
 */
public final class EpochLog implements TrainingListener {

    private static final long EVERY_NANOS = 5_000_000_000L;

    private final PrintWriter log;
    private final String unit;
    private final String evaluation;
    private long last = System.nanoTime();
    private double loss = Double.NaN;
    private double rate;

    /**
     * @param log  where lines go
     * @param unit what a loss item is ({@code tokens}, {@code values})
     */
    public EpochLog(PrintWriter log, String unit) {
        this(log, unit, "validation loss");
    }

    /** As above, naming what evaluations report (e.g. {@code dev error}). */
    public EpochLog(PrintWriter log, String unit, String evaluation) {
        this.log = log;
        this.unit = unit;
        this.evaluation = evaluation;
    }

    @Override
    public void onStep(StepReport r) {
        loss = Double.isNaN(loss) ? r.loss() : 0.95 * loss + 0.05 * r.loss();
        double now = r.items() * 1e9 / Math.max(1, r.nanos());
        rate = rate == 0 ? now : 0.9 * rate + 0.1 * now;
        if (System.nanoTime() - last >= EVERY_NANOS) {
            last = System.nanoTime();
            log.printf("step %d  epoch %d  loss %.4f  %,.0f %s/s%n", r.step(), r.epoch() + 1, loss, rate, unit);
            log.flush();
        }
    }

    @Override
    public void onEvaluation(EvaluationReport r) {
        log.printf("step %d  %s %.4f%s%n", r.step(), evaluation, r.validationLoss(), r.best() ? "  (best)" : "");
        log.flush();
    }

    @Override
    public void onEpochEnd(long epoch, long step) {
        log.printf("epoch %d done at step %d  training loss %.4f%n", epoch, step, loss);
        log.flush();
    }
}
