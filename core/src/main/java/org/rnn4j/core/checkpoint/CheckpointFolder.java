package org.rnn4j.core.checkpoint;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.rnn4j.api.optim.OptimizerState;
import org.rnn4j.core.io.NamedArray;
import org.rnn4j.core.io.Safetensors;
import org.rnn4j.core.io.SafetensorsFile;
import org.rnn4j.core.train.TrainerState;

/**
 * Reads and writes a model folder (DESIGN section 5):
 * <pre>
 * model/
 *   config.json          architecture, vocabulary, training settings
 *   model.safetensors    weights under PyTorch names (rnn.weight_ih_l0, ...)
 *   optimizer.safetensors  optimiser buffers, its name and step   (resumable checkpoints only)
 *   trainer.json         epoch, data position, best validation loss (resumable checkpoints only)
 *   recurrent.safetensors  states carried between batches (resumable, truncated BPTT only)
 *   resume.safetensors   the weights training continues from, when model.safetensors holds the
 *                        best epoch's instead (resumable taggers and forecasters)
 * </pre>
 * A write is atomic for the whole folder: everything goes into a fresh sibling folder first and
 * the old folder is swapped out only when the new one is complete, so a crash or Ctrl-C never
 * leaves a half-written or mixed model. Weights holding NaN or infinity are refused: a diverged
 * run can never overwrite a good model.
 *
 * <pre>{@code
 * CheckpointFolder.write(Path.of("shakespeare.model"), checkpoint);
 * Checkpoint loaded = CheckpointFolder.read(Path.of("shakespeare.model"));
 * }</pre>
 */
public final class CheckpointFolder {

    /** The configuration file's name. */
    public static final String CONFIG = "config.json";
    /** The weights file's name. */
    public static final String WEIGHTS = "model.safetensors";
    /** The optimiser state file's name. */
    public static final String OPTIMIZER = "optimizer.safetensors";
    /** The trainer state file's name. */
    public static final String TRAINER = "trainer.json";
    /** The carried recurrent state file's name. */
    public static final String RECURRENT = "recurrent.safetensors";
    /** The file of the weights a run continues from, when they differ from the model's. */
    public static final String RESUME = "resume.safetensors";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CheckpointFolder() {
    }

    /**
     * Writes {@code checkpoint} to folder {@code dir}, replacing any folder there atomically.
     *
     * @throws IllegalArgumentException when a weight is NaN or infinite (nothing is written)
     * @throws IOException              when the file system fails; the old folder is then intact
     */
    public static void write(Path dir, Checkpoint checkpoint) throws IOException {
        for (NamedArray w : checkpoint.weights()) {
            requireFinite("weight", w.name(), w.data());
        }
        checkpoint.optimizer().ifPresent(o -> o.buffers().forEach((name, data) -> requireFinite("optimizer buffer", name, data)));
        for (NamedArray s : checkpoint.recurrent()) {
            requireFinite("recurrent state", s.name(), s.data());
        }
        for (NamedArray w : checkpoint.resume()) {
            requireFinite("weight to resume from", w.name(), w.data());
        }
        Path target = dir.toAbsolutePath().normalize();
        Path parent = target.getParent();
        if (parent == null) {
            throw new IOException("cannot write a model at the file-system root: " + target);
        }
        Files.createDirectories(parent);
        if (Files.exists(target) && !Files.isDirectory(target)) {
            throw new FileAlreadyExistsException(target + " exists and is not a model folder; choose another path");
        }
        Path temp = Files.createTempDirectory(parent, "." + target.getFileName() + ".writing-");
        try {
            // A temporary directory is private (0700); a model folder should read like any other.
            if (temp.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(temp, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            writeFiles(temp, checkpoint);
            swapIn(temp, target);
        } catch (IOException | RuntimeException e) {
            deleteRecursively(temp);
            throw e;
        }
    }

    private static void writeFiles(Path dir, Checkpoint c) throws IOException {
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("format", "rnn4j-model");
        meta.put("format_version", "1");
        Safetensors.write(dir.resolve(WEIGHTS), meta, c.weights());
        if (c.optimizer().isPresent()) {
            OptimizerState o = c.optimizer().get();
            Map<String, String> om = new LinkedHashMap<>();
            om.put("optimizer", o.optimizer());
            om.put("step", Long.toString(o.step()));
            List<NamedArray> buffers = new ArrayList<>();
            o.buffers().entrySet().stream().sorted(Map.Entry.comparingByKey())
                    .forEach(e -> buffers.add(NamedArray.of(e.getKey(), e.getValue(), e.getValue().length)));
            Safetensors.write(dir.resolve(OPTIMIZER), om, buffers);
        }
        if (c.trainer().isPresent()) {
            TrainerState t = c.trainer().get();
            ObjectNode node = JSON.createObjectNode();
            node.put("epoch", t.epoch());
            node.put("data_position", t.dataPosition());
            if (Double.isNaN(t.bestValidationLoss())) {
                node.putNull("best_validation_loss");
            } else {
                node.put("best_validation_loss", t.bestValidationLoss());
            }
            node.put("stale_evaluations", t.staleEvaluations());
            Files.write(dir.resolve(TRAINER), JSON.writeValueAsBytes(node));
        }
        if (!c.recurrent().isEmpty()) {
            Safetensors.write(dir.resolve(RECURRENT), Map.of("format", "rnn4j-recurrent-state"), c.recurrent());
        }
        if (!c.resume().isEmpty()) {
            Safetensors.write(dir.resolve(RESUME), Map.of("format", "rnn4j-resume-weights"), c.resume());
        }
        // The config goes last: a folder with a config.json is complete.
        Files.write(dir.resolve(CONFIG), JSON.writeValueAsBytes(c.config()));
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                try (var ch = java.nio.channels.FileChannel.open(f, java.nio.file.StandardOpenOption.WRITE)) {
                    ch.force(true);
                }
            }
        }
    }

    private static void swapIn(Path temp, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target)) {
            old = target.resolveSibling("." + target.getFileName() + ".old-" + Long.toHexString(System.nanoTime()));
            move(target, old);
        }
        try {
            move(temp, target);
        } catch (IOException e) {
            if (old != null) {
                move(old, target);
            }
            throw e;
        }
        if (old != null) {
            deleteRecursively(old);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }

    /**
     * Reads a model folder, checking every part; errors name the file and the field.
     *
     * @throws NoSuchFileException   when the folder or its config or weights are missing
     * @throws IOException           when a file is corrupt or truncated
     */
    public static Checkpoint read(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            if (Files.exists(dir)) {
                throw new IOException(dir + " is a file, not a model folder (a model is a folder holding "
                        + CONFIG + " and " + WEIGHTS + ")");
            }
            throw new NoSuchFileException(dir.toString(), null, "no model folder here");
        }
        Path configFile = dir.resolve(CONFIG);
        if (!Files.exists(configFile)) {
            throw new NoSuchFileException(configFile.toString(), null,
                    "the model folder has no " + CONFIG + "; it is incomplete or not a model");
        }
        JsonNode config;
        try {
            config = JSON.readTree(configFile.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(configFile + " is not valid JSON: " + e.getOriginalMessage(), e);
        }
        if (!(config instanceof ObjectNode)) {
            throw new IOException(configFile + " must hold a JSON object");
        }
        Path weightsFile = dir.resolve(WEIGHTS);
        if (!Files.exists(weightsFile)) {
            throw new NoSuchFileException(weightsFile.toString(), null, "the model folder has no weights");
        }
        SafetensorsFile weights = Safetensors.read(weightsFile);
        Optional<OptimizerState> optimizer = Optional.empty();
        Path optFile = dir.resolve(OPTIMIZER);
        if (Files.exists(optFile)) {
            SafetensorsFile o = Safetensors.read(optFile);
            String name = o.metadata().get("optimizer");
            String step = o.metadata().get("step");
            if (name == null || step == null) {
                throw new IOException(optFile + ": metadata must name the optimizer and its step");
            }
            Map<String, float[]> buffers = new LinkedHashMap<>();
            o.tensors().forEach(t -> buffers.put(t.name(), t.data()));
            try {
                optimizer = Optional.of(new OptimizerState(name, Long.parseLong(step), buffers));
            } catch (IllegalArgumentException e) {
                throw new IOException(optFile + ": " + e.getMessage(), e);
            }
        }
        Optional<TrainerState> trainer = Optional.empty();
        Path trainerFile = dir.resolve(TRAINER);
        if (Files.exists(trainerFile)) {
            JsonNode t;
            try {
                t = JSON.readTree(trainerFile.toFile());
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IOException(trainerFile + " is not valid JSON: " + e.getOriginalMessage(), e);
            }
            for (String field : List.of("epoch", "data_position", "stale_evaluations")) {
                if (!t.path(field).canConvertToLong()) {
                    throw new IOException(trainerFile + ": field '" + field + "' is missing or not a whole number");
                }
            }
            JsonNode best = t.path("best_validation_loss");
            trainer = Optional.of(new TrainerState(t.get("epoch").asLong(), t.get("data_position").asLong(),
                    best.isNumber() ? best.asDouble() : Double.NaN, t.get("stale_evaluations").asInt()));
        }
        List<NamedArray> recurrent = List.of();
        if (Files.exists(dir.resolve(RECURRENT))) {
            recurrent = Safetensors.read(dir.resolve(RECURRENT)).tensors();
        }
        List<NamedArray> resume = List.of();
        if (Files.exists(dir.resolve(RESUME))) {
            resume = Safetensors.read(dir.resolve(RESUME)).tensors();
        }
        return new Checkpoint((ObjectNode) config, weights.tensors(), optimizer, trainer, recurrent, resume);
    }

    private static void requireFinite(String what, String name, float[] data) {
        for (int i = 0; i < data.length; i++) {
            if (!Float.isFinite(data[i])) {
                throw new IllegalArgumentException("refusing to save: " + what + " '" + name + "' holds " + data[i]
                        + " at index " + i + "; training diverged, so the previous model is kept");
            }
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
