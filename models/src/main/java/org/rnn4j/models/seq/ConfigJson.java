package org.rnn4j.models.seq;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rnn4j.api.kernel.Activation;
import org.rnn4j.models.encode.InputEncoding;
import org.rnn4j.models.head.OutputHead;

/**
 * The {@code "model"} section of {@code config.json}: a {@link SequenceModelConfig} and its seed
 * as JSON, and back, with errors that name the field ({@code model.layers[1].hidden}).
 *
 * <pre>{@code
 * ObjectNode json = ConfigJson.write(config, seed);
 * SequenceModelConfig back = ConfigJson.read(json);
 * }</pre>
 */
public final class ConfigJson {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigJson() {
    }

    /** The model section for {@code config} created from {@code seed}. */
    public static ObjectNode write(SequenceModelConfig config, long seed) {
        ObjectNode model = JSON.createObjectNode();
        ObjectNode input = model.putObject("input");
        InputEncoding in = config.input();
        if (in instanceof InputEncoding.OneHot o) {
            input.put("type", "one-hot").put("vocabulary", o.vocabulary());
        } else if (in instanceof InputEncoding.Embedding e) {
            input.put("type", "embedding").put("vocabulary", e.vocabulary()).put("dimension", e.dimension());
        } else if (in instanceof InputEncoding.Projection p) {
            input.put("type", "projection").put("vocabulary", p.vocabulary()).put("dimension", p.dimension());
        } else if (in instanceof InputEncoding.Dense d) {
            input.put("type", "dense").put("features", d.features());
        } else if (in instanceof InputEncoding.WordsAndCharacters w) {
            input.put("type", "words-and-characters").put("vocabulary", w.vocabulary()).put("dimension", w.dimension())
                    .put("characters", w.characters()).put("char_dimension", w.charDimension())
                    .put("char_hidden", w.charHidden()).put("max_word_length", w.maxWordLength());
        }
        ArrayNode layers = model.putArray("layers");
        for (LayerConfig l : config.layers()) {
            ObjectNode layer = layers.addObject().put("type", l.type()).put("hidden", l.hidden());
            if (l.activation() != null) {
                layer.put("activation", l.activation().id());
            }
            if (l.outputs() > 0) {
                layer.put("outputs", l.outputs());
            }
            if (l.forgetBiasOne()) {
                layer.put("forget_bias_one", true);
            }
            if (l.bidirectional()) {
                layer.put("bidirectional", true);
            }
        }
        model.put("dropout", config.dropout());
        if (config.inputDropout() > 0) {
            model.put("input_dropout", config.inputDropout());
        }
        ObjectNode head = model.putObject("head");
        if (config.head() instanceof OutputHead.Dense d) {
            head.put("type", "dense").put("outputs", d.outputs());
        } else if (config.head() instanceof OutputHead.Mlp m) {
            head.put("type", "mlp").put("hidden", m.hidden()).put("activation", m.activation().id())
                    .put("outputs", m.outputs());
        }
        model.put("objective", config.objective().name().toLowerCase(Locale.ROOT));
        model.put("seed", seed);
        return model;
    }

    /**
     * The configuration a model section describes.
     *
     * @throws IllegalArgumentException naming the missing or invalid field
     */
    public static SequenceModelConfig read(JsonNode model) {
        JsonNode in = object(model, "input", "model.input");
        String inType = text(in, "type", "model.input.type");
        InputEncoding input;
        switch (inType) {
            case "one-hot":
                input = new InputEncoding.OneHot(positive(in, "vocabulary", "model.input"));
                break;
            case "embedding":
                input = new InputEncoding.Embedding(positive(in, "vocabulary", "model.input"),
                        positive(in, "dimension", "model.input"));
                break;
            case "projection":
                input = new InputEncoding.Projection(positive(in, "vocabulary", "model.input"),
                        positive(in, "dimension", "model.input"));
                break;
            case "dense":
                input = new InputEncoding.Dense(positive(in, "features", "model.input"));
                break;
            case "words-and-characters":
                input = new InputEncoding.WordsAndCharacters(positive(in, "vocabulary", "model.input"),
                        positive(in, "dimension", "model.input"), positive(in, "characters", "model.input"),
                        positive(in, "char_dimension", "model.input"), positive(in, "char_hidden", "model.input"),
                        positive(in, "max_word_length", "model.input"));
                break;
            default:
                throw new IllegalArgumentException("model.input.type '" + inType
                        + "' is unknown; expected one-hot, embedding, projection, dense or words-and-characters");
        }
        JsonNode layersNode = model.get("layers");
        if (layersNode == null || !layersNode.isArray() || layersNode.isEmpty()) {
            throw new IllegalArgumentException("model.layers must be a non-empty array");
        }
        List<LayerConfig> layers = new ArrayList<>();
        for (int i = 0; i < layersNode.size(); i++) {
            String where = "model.layers[" + i + "]";
            JsonNode l = layersNode.get(i);
            String type = text(l, "type", where + ".type");
            Activation act = l.has("activation") ? activation(l, where) : null;
            int outputs = l.has("outputs") ? positive(l, "outputs", where) : 0;
            try {
                layers.add(new LayerConfig(type, positive(l, "hidden", where), act, outputs,
                        l.path("forget_bias_one").asBoolean(false), l.path("bidirectional").asBoolean(false)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
            }
        }
        JsonNode h = object(model, "head", "model.head");
        String headType = text(h, "type", "model.head.type");
        OutputHead head;
        switch (headType) {
            case "dense":
                head = new OutputHead.Dense(positive(h, "outputs", "model.head"));
                break;
            case "mlp":
                head = new OutputHead.Mlp(positive(h, "hidden", "model.head"), activation(h, "model.head"),
                        positive(h, "outputs", "model.head"));
                break;
            default:
                throw new IllegalArgumentException("model.head.type '" + headType + "' is unknown; expected dense or mlp");
        }
        String objective = text(model, "objective", "model.objective");
        Objective obj;
        try {
            obj = Objective.valueOf(objective.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("model.objective '" + objective
                    + "' is unknown; expected classification or regression", e);
        }
        JsonNode dropout = model.get("dropout");
        if (dropout == null || !dropout.isNumber()) {
            throw new IllegalArgumentException("model.dropout must be a number in [0, 1)");
        }
        JsonNode inputDropout = model.path("input_dropout");
        if (!inputDropout.isMissingNode() && !inputDropout.isNumber()) {
            throw new IllegalArgumentException("model.input_dropout must be a number in [0, 1)");
        }
        return new SequenceModelConfig(input, layers, dropout.floatValue(), head, obj,
                inputDropout.isMissingNode() ? 0f : inputDropout.floatValue());
    }

    /** The seed recorded in a model section. */
    public static long seed(JsonNode model) {
        JsonNode seed = model.get("seed");
        if (seed == null || !seed.canConvertToLong()) {
            throw new IllegalArgumentException("model.seed must be a whole number");
        }
        return seed.asLong();
    }

    private static JsonNode object(JsonNode parent, String field, String where) {
        JsonNode n = parent == null ? null : parent.get(field);
        if (n == null || !n.isObject()) {
            throw new IllegalArgumentException(where + " is missing or not an object");
        }
        return n;
    }

    private static String text(JsonNode parent, String field, String where) {
        JsonNode n = parent.get(field);
        if (n == null || !n.isTextual()) {
            throw new IllegalArgumentException(where + " is missing or not a string");
        }
        return n.asText();
    }

    private static int positive(JsonNode parent, String field, String where) {
        JsonNode n = parent.get(field);
        if (n == null || !n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 1) {
            throw new IllegalArgumentException(where + "." + field + " must be a whole number >= 1, got " + n);
        }
        return n.asInt();
    }

    private static Activation activation(JsonNode parent, String where) {
        String name = text(parent, "activation", where + ".activation");
        try {
            return Activation.parse(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ".activation: " + e.getMessage(), e);
        }
    }
}
