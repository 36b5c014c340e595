package org.rnn4j.models.build;

import java.util.ArrayList;
import java.util.List;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.kernel.Activation;
import org.rnn4j.models.encode.InputEncoding;
import org.rnn4j.models.head.OutputHead;
import org.rnn4j.models.seq.LayerConfig;
import org.rnn4j.models.seq.Objective;
import org.rnn4j.models.seq.SequenceModel;
import org.rnn4j.models.seq.SequenceModelConfig;

/**
 * Builds a {@link SequenceModelConfig} in readable steps. Get one from {@link Models}, whose
 * factory methods take the REQUIRED sizes (vocabulary, classes, features) and set the task's
 * input, head and loss; everything here is OPTIONAL except at least one recurrent layer.
 *
 * <pre>{@code
 * SequenceModelConfig lecture = Models.characterLanguageModel(84).projection(8).lstm(128).build();
 * SequenceModel model = Models.sequenceTagger(20000, 17).embedding(100).biLstm(128).dropout(0.3f)
 *         .create(backend, 42);
 * SequenceModel withChars = Models.sequenceTagger(20000, 17).embedding(100).characters(90, 32, 64, 20)
 *         .biLstm(128).create(backend, 42);
 * }</pre>
 */
public final class SequenceModelBuilder {

    private final String task;
    private InputEncoding input;
    private final boolean tokenInput;
    private final int outputs;
    private final Objective objective;
    private final List<LayerConfig> layers = new ArrayList<>();
    private float dropout;
    private float inputDropout;
    private OutputHead head;

    SequenceModelBuilder(String task, InputEncoding input, int outputs, Objective objective) {
        this.task = task;
        this.input = input;
        this.tokenInput = input.tokens();
        this.outputs = outputs;
        this.objective = objective;
        this.head = new OutputHead.Dense(outputs);
    }

    private int vocabulary() {
        if (!tokenInput) {
            throw new IllegalStateException("a " + task + " reads real-valued features; token encodings do not apply");
        }
        if (input instanceof InputEncoding.OneHot o) {
            return o.vocabulary();
        }
        if (input instanceof InputEncoding.Embedding e) {
            return e.vocabulary();
        }
        if (input instanceof InputEncoding.WordsAndCharacters w) {
            return w.vocabulary();
        }
        return ((InputEncoding.Projection) input).vocabulary();
    }

    /** Tokens as one-hot vectors. */
    public SequenceModelBuilder oneHot() {
        input = new InputEncoding.OneHot(vocabulary());
        return this;
    }

    /** Tokens through an embedding table of {@code dimension} features. */
    public SequenceModelBuilder embedding(int dimension) {
        input = input instanceof InputEncoding.WordsAndCharacters w
                ? new InputEncoding.WordsAndCharacters(w.vocabulary(), dimension, w.characters(), w.charDimension(),
                        w.charHidden(), w.maxWordLength())
                : new InputEncoding.Embedding(vocabulary(), dimension);
        return this;
    }

    /**
     * Adds character-level word features to the embedding (of the size chosen so far): a
     * bidirectional LSTM of {@code charHidden} units per direction over embeddings of
     * {@code charDimension} of the word's characters ({@code characters} distinct ids, at most
     * {@code maxWordLength} per word); see {@link InputEncoding.WordsAndCharacters}. Batches must
     * then carry characters ({@code SequenceBatch.tokensWithCharacters}).
     */
    public SequenceModelBuilder characters(int characters, int charDimension, int charHidden, int maxWordLength) {
        int dimension;
        if (input instanceof InputEncoding.Embedding e) {
            dimension = e.dimension();
        } else if (input instanceof InputEncoding.WordsAndCharacters w) {
            dimension = w.dimension();
        } else {
            throw new IllegalStateException("character features go beside a word embedding: call embedding(...) first");
        }
        input = new InputEncoding.WordsAndCharacters(vocabulary(), dimension, characters, charDimension, charHidden,
                maxWordLength);
        return this;
    }

    /** One-hot tokens through a linear projection to {@code dimension} features (the lecture's 8). */
    public SequenceModelBuilder projection(int dimension) {
        input = new InputEncoding.Projection(vocabulary(), dimension);
        return this;
    }

    /** Adds an LSTM layer. */
    public SequenceModelBuilder lstm(int hidden) {
        return layer(LayerConfig.lstm(hidden));
    }

    /** Adds a GRU layer. */
    public SequenceModelBuilder gru(int hidden) {
        return layer(LayerConfig.gru(hidden));
    }

    /** Adds an Elman layer with tanh. */
    public SequenceModelBuilder elman(int hidden) {
        return layer(LayerConfig.elman(hidden));
    }

    /** Adds an Elman layer with tanh or relu. */
    public SequenceModelBuilder elman(int hidden, Activation activation) {
        return layer(LayerConfig.elman(hidden, activation));
    }

    /** Adds a Jordan layer feeding back {@code outputs} values through identity or tanh. */
    public SequenceModelBuilder jordan(int hidden, int jordanOutputs, Activation outputActivation) {
        return layer(LayerConfig.jordan(hidden, jordanOutputs, outputActivation));
    }

    /** Adds a bidirectional LSTM layer. */
    public SequenceModelBuilder biLstm(int hidden) {
        return layer(LayerConfig.lstm(hidden).withBidirectional());
    }

    /** Adds a bidirectional GRU layer. */
    public SequenceModelBuilder biGru(int hidden) {
        return layer(LayerConfig.gru(hidden).withBidirectional());
    }

    /** Adds a layer of a built-in type by name ({@code lstm}, {@code gru}, {@code elman}, {@code jordan}). */
    public SequenceModelBuilder layer(String type, int hidden) {
        return layer(LayerConfig.of(type, hidden));
    }

    /** Adds any layer description. */
    public SequenceModelBuilder layer(LayerConfig layer) {
        if (layer == null) {
            throw new IllegalArgumentException("layer must not be null");
        }
        layers.add(layer);
        return this;
    }

    /** Starts every LSTM layer's forget-gate bias at 1. */
    public SequenceModelBuilder forgetBiasOne() {
        layers.replaceAll(l -> l.type().equals("lstm") && !l.forgetBiasOne() ? l.withForgetBiasOne() : l);
        return this;
    }

    /** Dropout between recurrent layers during training (default 0). */
    public SequenceModelBuilder dropout(float probability) {
        if (!(probability >= 0 && probability < 1)) {
            throw new IllegalArgumentException("dropout must be in [0, 1), got " + probability);
        }
        this.dropout = probability;
        return this;
    }

    /**
     * Dropout on the encoded input, what the first recurrent layer reads (word embeddings and
     * character features), during training (default 0).
     */
    public SequenceModelBuilder inputDropout(float probability) {
        if (!(probability >= 0 && probability < 1)) {
            throw new IllegalArgumentException("input dropout must be in [0, 1), got " + probability);
        }
        this.inputDropout = probability;
        return this;
    }

    /** A small MLP head (default: one linear layer). */
    public SequenceModelBuilder mlpHead(int hidden, Activation activation) {
        head = new OutputHead.Mlp(hidden, activation, outputs);
        return this;
    }

    /** The configuration; fails when no recurrent layer was added. */
    public SequenceModelConfig build() {
        if (layers.isEmpty()) {
            throw new IllegalStateException("a " + task + " needs at least one recurrent layer: call lstm(...), gru(...),"
                    + " elman(...), jordan(...), biLstm(...) or biGru(...)");
        }
        return new SequenceModelConfig(input, layers, dropout, head, objective, inputDropout);
    }

    /** The model, allocated on {@code backend} and initialised from {@code seed}. */
    public SequenceModel create(Backend backend, long seed) {
        return SequenceModel.create(backend, build(), seed);
    }
}
