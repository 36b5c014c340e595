package org.rnn4j.core.train;

/**
 * Observes a training run: progress bars, metric logs, plots and checkpointing hang here, so
 * the trainer itself never prints. Every method has an empty default.
 *
 * <pre>{@code
 * trainer.fit(target, train, validation, new TrainingListener() {
 *     public void onStep(StepReport r) { log.info("step {} loss {}", r.step(), r.loss()); }
 * });
 * }</pre>
 */
public interface TrainingListener {

    /** After every optimiser step. */
    default void onStep(StepReport report) {
    }

    /** After every evaluation on the validation data. */
    default void onEvaluation(EvaluationReport report) {
    }

    /** At the end of an epoch. */
    default void onEpochEnd(long epoch, long step) {
    }

    /**
     * Whether the run should stop now (e.g. Ctrl-C was pressed); asked after every step.
     * The trainer then ends normally, so a final checkpoint can still be written.
     */
    default boolean stopRequested() {
        return false;
    }

    /**
     * One optimiser step.
     *
     * @param step         steps completed, counting from 1
     * @param epoch        the epoch this step belongs to, from 0
     * @param loss         the batch's mean training loss
     * @param gradientNorm the global gradient L2 norm before clipping
     * @param learningRate the rate used for this step
     * @param items        training items (tokens, values) in the batch
     * @param nanos        wall time of the step
     */
    record StepReport(long step, long epoch, double loss, double gradientNorm, double learningRate, long items,
                      long nanos) {
    }

    /**
     * One evaluation.
     *
     * @param step           steps completed when it ran
     * @param validationLoss mean loss per item on the validation data
     * @param best           whether it is the best so far
     */
    record EvaluationReport(long step, double validationLoss, boolean best) {
    }
}
