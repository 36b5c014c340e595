package org.rnn4j.models.seq;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a model folder holds, read from its {@code config.json}: the task its {@code data} section
 * names (taggers and forecasters write {@code data.task}; a character language model writes its
 * {@code data.vocabulary}). Loaders use it to say what a folder is when it is not what they
 * expected, and which commands take it.
 *
 * <pre>{@code
 * ModelKind kind = ModelKind.of(loaded.config());
 * if (kind != ModelKind.TAGGER) {
 *     throw new IOException(dir + " is " + kind.description() + ", not a tagger");
 * }
 * }</pre>
 */
public enum ModelKind {

    /** A character language model: {@code rnn4j train}, {@code sample}, {@code eval}. */
    CHARACTER_MODEL("", "a character language model (rnn4j train, sample, eval)"),
    /** A sequence tagger: {@code rnn4j tag}. */
    TAGGER("tagger", "a sequence tagger (rnn4j tag train, eval, predict)"),
    /** A time-series forecaster: {@code rnn4j forecast}. */
    FORECASTER("forecaster", "a forecaster (rnn4j forecast train, eval, predict)"),
    /** Anything else: a damaged folder, or one written by a newer rnn4j. */
    UNKNOWN("", "not a model this version of rnn4j recognises");

    private final String task;
    private final String description;

    ModelKind(String task, String description) {
        this.task = task;
        this.description = description;
    }

    /** The value of {@code data.task} this kind writes (empty for a character model). */
    public String task() {
        return task;
    }

    /** What the folder holds, with the commands that take it. */
    public String description() {
        return description;
    }

    /** The kind of the model whose {@code config.json} is {@code config}. */
    public static ModelKind of(JsonNode config) {
        JsonNode data = config.path("data");
        String task = data.path("task").asText("");
        if (task.equals(TAGGER.task)) {
            return TAGGER;
        }
        if (task.equals(FORECASTER.task)) {
            return FORECASTER;
        }
        if (task.isEmpty() && data.path("vocabulary").isArray()) {
            return CHARACTER_MODEL;
        }
        return UNKNOWN;
    }
}
