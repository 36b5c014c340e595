package org.rnn4j.models.seq;

import org.rnn4j.api.optim.OptimizerState;
import org.rnn4j.core.train.TrainerState;

/**
 * Where a training run stood when it stopped: the optimiser's state, the trainer's progress and
 * the weights it had then. A tagger or forecaster keeps its BEST epoch's weights as the model;
 * a checkpoint keeps these beside them so that training can continue exactly where it stopped.
 *
 * <pre>{@code
 * RunState run = new RunState(optimizer.state(), trainer.state(), host copy of the parameters);
 * ModelFolder.saveCheckpoint(dir, model, extras, run);
 * ModelFolder.load(dir, backend).runState();                  // Optional<RunState>
 * }</pre>
 *
 * @param optimizer the optimiser's state
 * @param trainer   the trainer's progress
 * @param weights   every parameter in the model's flat order (a snapshot: not copied)
 */
public record RunState(OptimizerState optimizer, TrainerState trainer, float[] weights) {

    /** Rejects missing parts. */
    public RunState {
        if (optimizer == null || trainer == null || weights == null) {
            throw new IllegalArgumentException("a run state needs the optimizer state, the trainer state and the weights");
        }
    }
}
