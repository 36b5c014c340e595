package org.rnn4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.models.seq.ModelFolder;
import org.rnn4j.models.seq.ModelKind;
import org.rnn4j.models.text.Vocabulary;

/**
 * A character model folder as the CLI uses it: the loaded model plus its vocabulary (stored
 * under {@code data.vocabulary} in {@code config.json} as code points).
 */
final class LoadedModel {

    private LoadedModel() {
    }

    /** Loads {@code dir}, turning every problem into a one-line error that names the file. */
    static ModelFolder.Loaded load(Path dir, Backend backend) {
        try {
            return ModelFolder.load(dir, backend);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new UserError("cannot load model " + dir + ": " + Errors.describe(e));
        } catch (IOException | RuntimeException e) {
            throw new UserError("cannot load model " + dir + ": " + Errors.describe(e), e);
        }
    }

    /** The character vocabulary a model was trained with. */
    static Vocabulary vocabulary(ObjectNode config, Path dir) {
        JsonNode list = config.path("data").path("vocabulary");
        if (!list.isArray() || list.isEmpty()) {
            ModelKind kind = ModelKind.of(config);
            throw new UserError(dir + " is " + (kind == ModelKind.CHARACTER_MODEL
                    ? "a character model without a vocabulary in config.json (damaged)" : kind.description())
                    + ", not a character model");
        }
        List<Integer> points = new ArrayList<>();
        list.forEach(n -> points.add(n.asInt()));
        try {
            return Vocabulary.ofCodePoints(points);
        } catch (IllegalArgumentException e) {
            throw new UserError(dir + "/config.json: data.vocabulary: " + e.getMessage(), e);
        }
    }

    /** The files written next to a model folder: {@code name.metrics.jsonl}, {@code name.loss.png}. */
    static Path sibling(Path model, String suffix) {
        String name = model.getFileName().toString();
        String base = name.endsWith(".model") ? name.substring(0, name.length() - ".model".length()) : name;
        Path parent = model.toAbsolutePath().getParent();
        return parent.resolve(base + suffix);
    }
}
