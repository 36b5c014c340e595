package org.rnn4j.core.train;

/**
 * The trainer's own progress, saved in checkpoints next to the optimiser state so that a
 * resumed run continues exactly where the interrupted one stopped.
 *
 * <pre>{@code
 * TrainerState s = trainer.state();
 * trainer.restore(s);
 * }</pre>
 *
 * @param epoch              current epoch, from 0
 * @param dataPosition       the training source's {@link BatchSource#position()}
 * @param bestValidationLoss best validation loss so far (NaN if none)
 * @param staleEvaluations   evaluations since the best one (early stopping)
 */
public record TrainerState(long epoch, long dataPosition, double bestValidationLoss, int staleEvaluations) {

    /** A fresh run. */
    public static final TrainerState START = new TrainerState(0, 0, Double.NaN, 0);
}
