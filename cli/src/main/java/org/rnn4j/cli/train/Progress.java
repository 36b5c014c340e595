package org.rnn4j.cli.train;

import java.io.PrintWriter;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.rnn4j.core.train.TrainingListener;

/**
 * Shows training progress: a progress bar (step, chars/s, loss, ETA) when the output is a
 * terminal, plain log lines every few seconds otherwise; validation results always as a line.
 *
 * <pre>{@code
 * try (Progress progress = new Progress(err, terminal, totalSteps, seqLen)) { trainer.fit(..., progress); }
 * }</pre>
 */
public final class Progress implements TrainingListener, AutoCloseable {

    private static final long LOG_EVERY_NANOS = 5_000_000_000L;

    private final PrintWriter log;
    private final ProgressBar bar;
    private final int charsPerItem;
    private long lastLog = System.nanoTime();
    private double recentLoss = Double.NaN;
    private double charsPerSecond;

    /**
     * @param log          where lines go
     * @param terminal     draw a bar instead of lines
     * @param total        expected steps, or -1 when unknown (time budget)
     * @param charsPerItem characters per trained item (1 for character models)
     */
    public Progress(PrintWriter log, boolean terminal, long total, int charsPerItem) {
        this.log = log;
        this.charsPerItem = charsPerItem;
        this.bar = terminal ? new ProgressBarBuilder().setTaskName("train").setInitialMax(total)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK).setUpdateIntervalMillis(250).build() : null;
    }

    @Override
    public void onStep(StepReport r) {
        recentLoss = Double.isNaN(recentLoss) ? r.loss() : 0.95 * recentLoss + 0.05 * r.loss();
        double rate = r.items() * charsPerItem * 1e9 / Math.max(1, r.nanos());
        charsPerSecond = charsPerSecond == 0 ? rate : 0.9 * charsPerSecond + 0.1 * rate;
        if (bar != null) {
            bar.stepTo(r.step());
            bar.setExtraMessage(String.format(" loss %.3f  %,.0f chars/s", recentLoss, charsPerSecond));
        } else if (System.nanoTime() - lastLog >= LOG_EVERY_NANOS) {
            lastLog = System.nanoTime();
            log.printf("step %d  epoch %d  loss %.4f  lr %.2e  %,.0f chars/s%n", r.step(), r.epoch() + 1, recentLoss,
                    r.learningRate(), charsPerSecond);
            log.flush();
        }
    }

    @Override
    public void onEvaluation(EvaluationReport r) {
        String line = String.format("step %d  validation loss %.4f nats/char  %.4f bits/char%s", r.step(),
                r.validationLoss(), r.validationLoss() / Math.log(2), r.best() ? "  (best)" : "");
        // A line of its own, above the bar, so the validation history stays on screen.
        log.println(line);
        log.flush();
    }

    /** The smoothed training loss. */
    public double recentLoss() {
        return recentLoss;
    }

    /** The smoothed training speed. */
    public double charsPerSecond() {
        return charsPerSecond;
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
