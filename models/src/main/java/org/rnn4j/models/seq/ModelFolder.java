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
 * ModelFolder.saveCheckpoint(dir, model, extras, runState);   // best weights as the model, resumable from the last
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
     * @param resume    the weights to continue training from, when they differ from the model's
     *                  (checked against the model's names and shapes), else empty
     */
    public record Loaded(SequenceModel model, ObjectNode config, Optional<OptimizerState> optimizer,
                         Optional<TrainerState> trainer, List<NamedArray> recurrent, List<NamedArray> resume) {

        /** A loaded folder whose run continues from the model's own weights. */
        public Loaded(SequenceModel model, ObjectNode config, Optional<OptimizerState> optimizer,
                      Optional<TrainerState> trainer, List<NamedArray> recurrent) {
            this(model, config, optimizer, trainer, recurrent, List.of());
        }

        /**
         * The state to continue training from, when the folder is a resumable checkpoint: its
         * optimiser and trainer state, and its resume weights (else the model's weights).
         */
        public Optional<RunState> runState() {
            if (optimizer.isEmpty() || trainer.isEmpty()) {
                return Optional.empty();
            }
            float[] weights = new float[model.parameters().size()];
            if (resume.isEmpty()) {
                model.parameters().snapshotInto(weights);
            } else {
                for (NamedArray w : resume) {
                    int offset = model.parameters().value(w.name()).offset();
                    System.arraycopy(w.data(), 0, weights, offset, w.data().length);
                }
            }
            return Optional.of(new RunState(optimizer.get(), trainer.get(), weights));
        }

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

    /**
     * Writes a resumable checkpoint whose model is {@code model}'s weights as they are (for a
     * tagger or forecaster: its best epoch's) and whose run continues from {@code run}'s weights.
     *
     * @throws IllegalArgumentException when a weight is not finite, or {@code run} holds another
     *                                  number of weights (nothing is written)
     */
    public static void saveCheckpoint(Path dir, SequenceModel model, ObjectNode extras, RunState run)
            throws IOException {
        if (run.weights().length != model.parameters().size()) {
            throw new IllegalArgumentException("the run state holds " + run.weights().length
                    + " weights but the model has " + model.parameters().size());
        }
        List<NamedArray> resume = new ArrayList<>();
        for (NamedParameter p : model.parameters().parameters()) {
            int offset = model.parameters().value(p.name()).offset();
            int size = p.spec().shape().size();
            resume.add(new NamedArray(p.name(), p.spec().shape(),
                    java.util.Arrays.copyOfRange(run.weights(), offset, offset + size)));
        }
        write(dir, model, extras, Optional.of(run.optimizer()), Optional.of(run.trainer()), List.of(), resume);
    }

    private static void write(Path dir, SequenceModel model, ObjectNode extras, Optional<OptimizerState> optimizer,
                              Optional<TrainerState> trainer, List<NamedArray> recurrent) throws IOException {
        write(dir, model, extras, optimizer, trainer, recurrent, List.of());
    }

    private static void write(Path dir, SequenceModel model, ObjectNode extras, Optional<OptimizerState> optimizer,
                              Optional<TrainerState> trainer, List<NamedArray> recurrent, List<NamedArray> resume)
            throws IOException {
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
        CheckpointFolder.write(dir, new Checkpoint(config, weights, optimizer, trainer, recurrent, resume));
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
            Path resumeFile = dir.resolve(CheckpointFolder.RESUME);
            Set<String> resumeNames = new LinkedHashSet<>();
            for (NamedArray w : cp.resume()) {
                NamedParameter p = model.parameters().parameters().stream().filter(q -> q.name().equals(w.name()))
                        .findFirst().orElseThrow(() -> new IOException(resumeFile + ": tensor '" + w.name()
                                + "' is not part of the configured model"));
                if (!p.spec().shape().equals(w.shape())) {
                    throw new IOException(resumeFile + ": tensor '" + w.name() + "' has shape " + w.shape()
                            + " but the configuration needs " + p.spec().shape());
                }
                resumeNames.add(w.name());
            }
            if (!cp.resume().isEmpty() && resumeNames.size() != model.parameters().parameters().size()) {
                throw new IOException(resumeFile + ": holds " + resumeNames.size() + " of the model's "
                        + model.parameters().parameters().size() + " tensors; the checkpoint is incomplete");
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
        return new Loaded(model, config, cp.optimizer(), cp.trainer(), cp.recurrent(), cp.resume());
    }
}
