package org.rnn4j.core.checkpoint;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.rnn4j.api.optim.OptimizerState;
import org.rnn4j.core.io.NamedArray;
import org.rnn4j.core.train.TrainerState;

/**
 * Everything a model folder holds: the configuration (architecture, vocabulary, training
 * settings: whatever the model writes), the weights under their PyTorch names, and, for
 * resuming, the optimiser's state and the trainer's progress.
 *
 * <pre>{@code
 * CheckpointFolder.write(dir, new Checkpoint(config, weights, Optional.of(adam.state()), Optional.of(trainer.state()), List.of()));
 * Checkpoint back = CheckpointFolder.read(dir);
 * }</pre>
 *
 * @param config    the model's {@code config.json}
 * @param weights   every parameter, as stored in {@code model.safetensors}
 * @param optimizer optimiser state, present in checkpoints that can be resumed
 * @param trainer   trainer progress, present with the optimiser state
 * @param recurrent recurrent state carried between batches (truncated BPTT), empty if none
 * @param resume    the weights the interrupted run continues from, when {@code weights} holds
 *                  another state (a tagger or forecaster saves its best epoch's weights as the
 *                  model and goes on training from its last); empty if none
 */
public record Checkpoint(ObjectNode config, List<NamedArray> weights, Optional<OptimizerState> optimizer,
                         Optional<TrainerState> trainer, List<NamedArray> recurrent, List<NamedArray> resume) {

    /** Rejects missing parts. */
    public Checkpoint {
        if (config == null || weights == null || optimizer == null || trainer == null || recurrent == null
                || resume == null) {
            throw new IllegalArgumentException("a checkpoint needs a config, weights and (possibly empty) states");
        }
        weights = List.copyOf(weights);
        recurrent = List.copyOf(recurrent);
        resume = List.copyOf(resume);
    }

    /** A checkpoint whose run continues from {@code weights} themselves. */
    public Checkpoint(ObjectNode config, List<NamedArray> weights, Optional<OptimizerState> optimizer,
                      Optional<TrainerState> trainer, List<NamedArray> recurrent) {
        this(config, weights, optimizer, trainer, recurrent, List.of());
    }

    /** A checkpoint of weights only, for inference. */
    public static Checkpoint weightsOnly(ObjectNode config, List<NamedArray> weights) {
        return new Checkpoint(config, weights, Optional.empty(), Optional.empty(), List.of());
    }
}
