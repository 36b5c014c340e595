package org.rnn4j.models.tagging;

import java.time.Duration;
import java.util.Locale;

/**
 * Everything that shapes a tagger and its training, with defaults that reach 93% UPOS
 * accuracy on UD English EWT with lower-casing on (see docs/quality.md). Change one thing at a time with the
 * {@code with...} methods.
 *
 * <pre>{@code
 * TaggerSettings s = TaggerSettings.defaults().withHidden(64).withEpochs(5).withLowercase(true);
 * }</pre>
 *
 * @param embedding    word embedding size
 * @param hidden       units per direction of each bidirectional layer
 * @param layers       bidirectional layers
 * @param cell         {@code lstm} or {@code gru}
 * @param dropout      dropout between recurrent layers (with 2+ layers)
 * @param lowercase    lower-case words before lookup (unknown-word signatures still see the case)
 * @param minCount     words seen fewer times become unknown
 * @param wordDropout  probability that a word seen once is replaced by its unknown-word signature
 * @param batch        sentences per batch
 * @param learningRate Adam's learning rate
 * @param clip         global gradient-norm clipping, 0 = none
 * @param epochs       passes over the training data at most
 * @param maxTime      wall-time budget, or null
 * @param patience     stop after this many epochs without a better development score, 0 = never
 * @param seed         seed of weights, shuffling and dropout
 * @param characters   character-level word features, or null for none (the default)
 * @param inputDropout dropout on what the first layer reads (word embedding and character
 *                     features) during training, in [0, 1); 0 for none (the default)
 */
public record TaggerSettings(int embedding, int hidden, int layers, String cell, float dropout, boolean lowercase,
                             int minCount, double wordDropout, int batch, double learningRate, double clip,
                             int epochs, Duration maxTime, int patience, long seed, CharacterFeatures characters,
                             float inputDropout) {

    /** Settings without character features or input dropout. */
    public TaggerSettings(int embedding, int hidden, int layers, String cell, float dropout, boolean lowercase,
                          int minCount, double wordDropout, int batch, double learningRate, double clip,
                          int epochs, Duration maxTime, int patience, long seed) {
        this(embedding, hidden, layers, cell, dropout, lowercase, minCount, wordDropout, batch, learningRate, clip,
                epochs, maxTime, patience, seed, null, 0f);
    }

    /** Checks every value. */
    public TaggerSettings {
        positive("embedding", embedding);
        positive("hidden", hidden);
        positive("layers", layers);
        positive("minCount", minCount);
        positive("batch", batch);
        positive("epochs", epochs);
        cell = cell == null ? "lstm" : cell.toLowerCase(Locale.ROOT);
        if (!cell.equals("lstm") && !cell.equals("gru")) {
            throw new IllegalArgumentException("a tagger's cell is lstm or gru, got '" + cell + "'");
        }
        if (!(dropout >= 0 && dropout < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        }
        if (!(inputDropout >= 0 && inputDropout < 1)) {
            throw new IllegalArgumentException("input dropout must be in [0, 1), got " + inputDropout);
        }
        if (!(wordDropout >= 0 && wordDropout <= 1)) {
            throw new IllegalArgumentException("word dropout must be in [0, 1], got " + wordDropout);
        }
        if (!(learningRate > 0 && Double.isFinite(learningRate))) {
            throw new IllegalArgumentException("learning rate must be > 0, got " + learningRate);
        }
        if (!(clip >= 0)) {
            throw new IllegalArgumentException("clip must be >= 0, got " + clip);
        }
        if (patience < 0) {
            throw new IllegalArgumentException("patience must be >= 0, got " + patience);
        }
    }

    /**
     * Embedding 100, one BiLSTM of 128, word dropout 0.5, batch 32, Adam 2e-3, 30 epochs,
     * patience 6 (with lower-casing on, 93.3% UPOS test accuracy on UD English EWT).
     */
    public static TaggerSettings defaults() {
        return new TaggerSettings(100, 128, 1, "lstm", 0f, false, 1, 0.5, 32, 2e-3, 5, 30, null, 6, 42, null, 0f);
    }

    private static void positive(String what, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, got " + v);
        }
    }

    /** With another embedding size. */
    public TaggerSettings withEmbedding(int v) {
        return new TaggerSettings(v, hidden, layers, cell, dropout, lowercase, minCount, wordDropout, batch,
                learningRate, clip, epochs, maxTime, patience, seed, characters, inputDropout);
    }

    /** With another hidden size. */
    public TaggerSettings withHidden(int v) {
        return new TaggerSettings(embedding, v, layers, cell, dropout, lowercase, minCount, wordDropout, batch,
                learningRate, clip, epochs, maxTime, patience, seed, characters, inputDropout);
    }

    /** With another number of layers and dropout between them. */
    public TaggerSettings withLayers(int v, float betweenDropout) {
        return new TaggerSettings(embedding, hidden, v, cell, betweenDropout, lowercase, minCount, wordDropout, batch,
                learningRate, clip, epochs, maxTime, patience, seed, characters, inputDropout);
    }

    /** With another cell type ({@code lstm} or {@code gru}). */
    public TaggerSettings withCell(String v) {
        return new TaggerSettings(embedding, hidden, layers, v, dropout, lowercase, minCount, wordDropout, batch,
                learningRate, clip, epochs, maxTime, patience, seed, characters, inputDropout);
    }

    /** With lower-casing on or off. */
    public TaggerSettings withLowercase(boolean v) {
        return new TaggerSettings(embedding, hidden, layers, cell, dropout, v, minCount, wordDropout, batch,
                learningRate, clip, epochs, maxTime, patience, seed, characters, inputDropout);
    }

    /** With another vocabulary threshold and word-dropout probability. */
    public TaggerSettings withVocabulary(int minimumCount, double rareWordDropout) {
        return new TaggerSettings(embedding, hidden, layers, cell, dropout, lowercase, minimumCount, rareWordDropout,
                batch, learningRate, clip, epochs, maxTime, patience, seed, characters, inputDropout);
    }

    /** With another batch size and learning rate. */
    public TaggerSettings withOptimisation(int batchSize, double rate) {
        return new TaggerSettings(embedding, hidden, layers, cell, dropout, lowercase, minCount, wordDropout,
                batchSize, rate, clip, epochs, maxTime, patience, seed, characters, inputDropout);
    }

    /** With another epoch budget. */
    public TaggerSettings withEpochs(int v) {
        return new TaggerSettings(embedding, hidden, layers, cell, dropout, lowercase, minCount, wordDropout, batch,
                learningRate, clip, v, maxTime, patience, seed, characters, inputDropout);
    }

    /** With a wall-time budget (null for none). */
    public TaggerSettings withMaxTime(Duration v) {
        return new TaggerSettings(embedding, hidden, layers, cell, dropout, lowercase, minCount, wordDropout, batch,
                learningRate, clip, epochs, v, patience, seed, characters, inputDropout);
    }

    /** With another early-stopping patience (0 = off). */
    public TaggerSettings withPatience(int v) {
        return new TaggerSettings(embedding, hidden, layers, cell, dropout, lowercase, minCount, wordDropout, batch,
                learningRate, clip, epochs, maxTime, v, seed, characters, inputDropout);
    }

    /** With another seed. */
    public TaggerSettings withSeed(long v) {
        return new TaggerSettings(embedding, hidden, layers, cell, dropout, lowercase, minCount, wordDropout, batch,
                learningRate, clip, epochs, maxTime, patience, v, characters, inputDropout);
    }

    /** With character-level word features ({@code null}: none). */
    public TaggerSettings withCharacters(CharacterFeatures v) {
        return new TaggerSettings(embedding, hidden, layers, cell, dropout, lowercase, minCount, wordDropout, batch,
                learningRate, clip, epochs, maxTime, patience, seed, v, inputDropout);
    }

    /** With another dropout on the first layer's input (0 = none). */
    public TaggerSettings withInputDropout(float v) {
        return new TaggerSettings(embedding, hidden, layers, cell, dropout, lowercase, minCount, wordDropout, batch,
                learningRate, clip, epochs, maxTime, patience, seed, characters, v);
    }
}
