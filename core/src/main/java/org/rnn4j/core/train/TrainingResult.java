package org.rnn4j.core.train;

/**
 * The outcome of {@link Trainer#fit}.
 *
 * <pre>{@code
 * TrainingResult r = trainer.fit(target, train, validation);
 * System.out.println(r.steps() + " steps, best validation " + r.bestValidationLoss());
 * }</pre>
 *
 * @param steps              optimiser steps completed in total (including before a resume)
 * @param epochs             completed epochs
 * @param lastTrainingLoss   mean training loss of the last step
 * @param bestValidationLoss the best validation loss seen (NaN without validation)
 * @param stopReason         why the run ended
 */
public record TrainingResult(long steps, long epochs, double lastTrainingLoss, double bestValidationLoss,
                             StopReason stopReason) {
}
