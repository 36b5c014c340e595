package org.rnn4j.core.train;

import org.rnn4j.core.param.Parameters;

/**
 * What a {@link Trainer} trains: a model bound to a workspace that can compute the loss of a
 * batch and add its gradients to {@link #parameters()}. Models in the models module implement
 * it; the trainer never needs to know the architecture.
 *
 * <pre>{@code
 * LossValue loss = target.computeGradients(batch);   // forward + backward; gradients += d loss
 * }</pre>
 *
 * @param <B> the batch type
 */
public interface TrainingTarget<B> {

    /** The parameters and gradients the optimiser updates. */
    Parameters parameters();

    /**
     * Forward and backward over one batch in training mode (dropout on): ADDS the gradient of
     * the batch's mean loss to {@link Parameters#gradients()} and returns the summed loss.
     */
    LossValue computeGradients(B batch);

    /**
     * Announces the optimiser step about to be computed (counting from 0), before
     * {@link #computeGradients}. Randomness such as dropout masks derives from it, so a run
     * resumed at step {@code s} draws exactly the masks the uninterrupted run drew.
     */
    default void beginStep(long step) {
    }

    /** Forward only, in evaluation mode (dropout off): the summed loss. */
    LossValue evaluate(B batch);

    /**
     * Clears any recurrent state carried from one batch to the next (truncated BPTT). Called at
     * the start of every epoch and around every evaluation; not when a fit resumes mid-epoch,
     * so that a restored state carries on.
     */
    void resetState();
}
