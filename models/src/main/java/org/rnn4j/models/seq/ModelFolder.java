package org.rnn4j.models.seq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.optim.OptimizerState;
import org.rnn4j.api.tensor.Shape;
import org.rnn4j.core.checkpoint.Checkpoint;
import org.rnn4j.core.checkpoint.CheckpointFolder;
import org.rnn4j.core.io.NamedArray;
import org.rnn4j.core.param.NamedParameter;
import org.rnn4j.core.train.TrainerState;

/**
 * Saves a {@link SequenceModel} as a model folder ({@code config.json} + {@code model.safetensors},
 * plus optimiser and trainer state for resuming) and loads it back on any backend, checking every
 * tensor's presence and shape against the configuration.
 *
 * <p>{@code config.json} holds {@code "model"} (architecture and seed), and whatever the
 * application adds under {@code "data"} (e.g. the vocabulary) and {@code "training"}.
 *
 * <pre>{@code
 * ModelFolder.save(dir, model, extras);                                     // for inference
 * ModelFolder.saveCheckpoint(dir, session, extras, optimizer.state(), trainer.state());   // for resuming
 * ModelFolder.Loaded loaded = ModelFolder.load(dir, backend);
 * SequenceModel model = loaded.model();
 * }</pre>
 */
public final class ModelFolder {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelFolder() {
    }

    /**
     * A loaded model folder.
     *
     * @param model     the model with its weights, on the requested backend (the caller closes it)
     * @param config    the whole {@code config.json}
     * @param optimizer the optimiser state, when the folder is a resumable checkpoint
     * @param trainer   the trainer state, likewise
     * @param recurrent the recurrent state carried between batches at the checkpoint, if any
     */
    public record Loaded(SequenceModel model, ObjectNode config, Optional<OptimizerState> optimizer,
                         Optional<TrainerState> trainer, List<NamedArray> recurrent) {

        /** Puts the carried recurrent state back into {@code session} (a no-op when there is none). */
        public void restoreRecurrentState(SequenceSession session) {
            if (!recurrent.isEmpty()) {
                session.restoreRecurrentState(recurrent);
            }
        }
    }

    /**
     * Writes {@code model}'s weights to {@code dir} atomically, for inference. {@code extras}
     * holds further top-level sections of {@code config.json} (for example {@code data} and
     * {@code training}); it may be null.
     *
     * @throws IllegalArgumentException when a weight is not finite (nothing is written)
     */
    public static void save(Path dir, SequenceModel model, ObjectNode extras) throws IOException {
        write(dir, model, extras, Optional.empty(), Optional.empty(), List.of());
    }

    /**
     * Writes a resumable checkpoint: {@code session}'s model, the optimiser and trainer state,
     * and the recurrent state the session carries between batches, so that a run resumed from it
     * continues bit-identically.
     */
    public static void saveCheckpoint(Path dir, SequenceSession session, ObjectNode extras,
                                      OptimizerState optimizer, TrainerState trainer) throws IOException {
        write(dir, session.model(), extras, Optional.of(optimizer), Optional.of(trainer), session.recurrentState());
    }

    private static void write(Path dir, SequenceModel model, ObjectNode extras, Optional<OptimizerState> optimizer,
                              Optional<TrainerState> trainer, List<NamedArray> recurrent) throws IOException {
        ObjectNode config = JSON.createObjectNode();
        config.put("format", "rnn4j-model");
        config.put("format_version", 1);
        config.set("model", ConfigJson.write(model.config(), model.seed()));
        if (extras != null) {
            extras.fields().forEachRemaining(e -> {
                if (!config.has(e.getKey())) {
                    config.set(e.getKey(), e.getValue());
                }
            });
        }
        List<NamedArray> weights = new ArrayList<>();
        for (NamedParameter p : model.parameters().parameters()) {
            weights.add(new NamedArray(p.name(), p.spec().shape(), model.parameters().read(p.name())));
        }
        CheckpointFolder.write(dir, new Checkpoint(config, weights, optimizer, trainer, recurrent));
    }

    /**
     * Loads the model folder {@code dir} onto {@code backend}.
     *
     * @throws IOException when a file is missing, corrupt, or does not match the configuration;
     *                     the message names the file and the tensor or field
     */
    public static Loaded load(Path dir, Backend backend) throws IOException {
        Checkpoint cp = CheckpointFolder.read(dir);
        ObjectNode config = cp.config();
        if (!"rnn4j-model".equals(config.path("format").asText())) {
            throw new IOException(dir.resolve(CheckpointFolder.CONFIG) + " is not an rnn4j model configuration"
                    + " (field 'format' must be \"rnn4j-model\")");
        }
        SequenceModelConfig modelConfig;
        long seed;
        try {
            JsonNode section = config.get("model");
            if (section == null || !section.isObject()) {
                throw new IllegalArgumentException("section 'model' is missing");
            }
            modelConfig = ConfigJson.read(section);
            seed = ConfigJson.seed(section);
        } catch (IllegalArgumentException e) {
            throw new IOException(dir.resolve(CheckpointFolder.CONFIG) + ": " + e.getMessage(), e);
        }
        SequenceModel model = SequenceModel.create(backend, modelConfig, seed);
        try {
            Set<String> unexpected = new LinkedHashSet<>();
            cp.weights().forEach(w -> unexpected.add(w.name()));
            Path weightsFile = dir.resolve(CheckpointFolder.WEIGHTS);
            for (NamedParameter p : model.parameters().parameters()) {
                NamedArray w = cp.weights().stream().filter(a -> a.name().equals(p.name())).findFirst()
                        .orElseThrow(() -> new IOException(weightsFile + ": tensor '" + p.name()
                                + "' is missing; the configuration needs it with shape " + p.spec().shape()));
                Shape expected = p.spec().shape();
                if (!expected.equals(w.shape())) {
                    throw new IOException(weightsFile + ": tensor '" + p.name() + "' has shape " + w.shape()
                            + " but the configuration needs " + expected);
                }
                model.parameters().write(p.name(), w.shape(), w.data());
                unexpected.remove(p.name());
            }
            if (!unexpected.isEmpty()) {
                throw new IOException(weightsFile + ": tensors " + unexpected
                        + " are not part of the configured model; the file belongs to another architecture");
            }
            if (cp.optimizer().isPresent()) {
                OptimizerState o = cp.optimizer().get();
                for (var e : o.buffers().entrySet()) {
                    if (e.getValue().length != model.parameters().size()) {
                        throw new IOException(dir.resolve(CheckpointFolder.OPTIMIZER) + ": buffer '" + e.getKey()
                                + "' has " + e.getValue().length + " values but the model has "
                                + model.parameters().size() + " parameters");
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            model.close();
            throw e;
        }
        return new Loaded(model, config, cp.optimizer(), cp.trainer(), cp.recurrent());
    }
}
