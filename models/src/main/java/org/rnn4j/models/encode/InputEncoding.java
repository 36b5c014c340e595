package org.rnn4j.models.encode;

import java.util.List;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.core.param.NamedParameter;
import org.rnn4j.core.param.Parameters;

/**
 * How a model's input becomes the {@code [T, B, F]} sequence the recurrent stack reads: tokens
 * as one-hot vectors, through an embedding table, or through a linear projection of the one-hot
 * vector (the lecture's character model projects to 8 dimensions); or real-valued features as
 * they are.
 *
 * <pre>{@code
 * InputEncoding chars = new InputEncoding.Projection(84, 8);
 * InputEncoding words = new InputEncoding.Embedding(20000, 100);
 * InputEncoding series = new InputEncoding.Dense(3);
 * InputEncoding tagger = new InputEncoding.WordsAndCharacters(20000, 100, 90, 32, 64, 20);   // 100 + 2*64 features
 * }</pre>
 */
public sealed interface InputEncoding permits InputEncoding.OneHot, InputEncoding.Embedding,
        InputEncoding.Projection, InputEncoding.Dense, InputEncoding.WordsAndCharacters {

    /** Features per step handed to the first recurrent layer. */
    int outputSize();

    /** Whether the input is token ids (else real-valued features). */
    boolean tokens();

    /** The trainable parameters, named as PyTorch would name the module's. */
    List<NamedParameter> parameters();

    /** A runner with a workspace for {@code rows = maxSteps * batch} rows. */
    EncoderRunner bind(Backend backend, Parameters parameters, int rows);

    /**
     * Whether every token must come with the characters of its word
     * ({@link org.rnn4j.models.encode.EncoderRunner#encodeWords}).
     */
    default boolean readsCharacters() {
        return false;
    }

    /**
     * One-hot token vectors: no parameters, {@code F = vocabulary}.
     *
     * @param vocabulary number of distinct tokens
     */
    record OneHot(int vocabulary) implements InputEncoding {
        /** Validates the size. */
        public OneHot {
            positive("vocabulary", vocabulary);
        }

        @Override
        public int outputSize() {
            return vocabulary;
        }

        @Override
        public boolean tokens() {
            return true;
        }

        @Override
        public List<NamedParameter> parameters() {
            return List.of();
        }

        @Override
        public EncoderRunner bind(Backend backend, Parameters parameters, int rows) {
            return new OneHotRunner(backend, this, null, rows);
        }
    }

    /**
     * An embedding table {@code embedding.weight [V, E]}, initialised N(0, 1) as
     * {@code torch.nn.Embedding}.
     *
     * @param vocabulary number of distinct tokens
     * @param dimension  features per token
     */
    record Embedding(int vocabulary, int dimension) implements InputEncoding {
        /** Validates the sizes. */
        public Embedding {
            positive("vocabulary", vocabulary);
            positive("embedding dimension", dimension);
        }

        @Override
        public int outputSize() {
            return dimension;
        }

        @Override
        public boolean tokens() {
            return true;
        }

        @Override
        public List<NamedParameter> parameters() {
            return List.of(new NamedParameter("embedding.weight", new org.rnn4j.api.cell.ParameterSpec("weight",
                    org.rnn4j.api.tensor.Shape.of(vocabulary, dimension), org.rnn4j.api.cell.Initializer.normal(1))));
        }

        @Override
        public EncoderRunner bind(Backend backend, Parameters parameters, int rows) {
            return new EmbeddingRunner(backend, this, parameters, rows);
        }
    }

    /**
     * A linear layer over the one-hot vector, {@code projection.weight [E, V]} and
     * {@code projection.bias [E]}, initialised as {@code torch.nn.Linear}.
     *
     * @param vocabulary number of distinct tokens
     * @param dimension  features after projection
     */
    record Projection(int vocabulary, int dimension) implements InputEncoding {
        /** Validates the sizes. */
        public Projection {
            positive("vocabulary", vocabulary);
            positive("projection dimension", dimension);
        }

        @Override
        public int outputSize() {
            return dimension;
        }

        @Override
        public boolean tokens() {
            return true;
        }

        @Override
        public List<NamedParameter> parameters() {
            return org.rnn4j.models.head.Linear.parameters("projection.", vocabulary, dimension);
        }

        @Override
        public EncoderRunner bind(Backend backend, Parameters parameters, int rows) {
            return new OneHotRunner(backend, new OneHot(vocabulary), new org.rnn4j.models.head.Linear(
                    backend, parameters, "projection.", vocabulary, dimension, rows), rows);
        }
    }

    /**
     * Real-valued features fed as they are.
     *
     * @param features values per step
     */
    record Dense(int features) implements InputEncoding {
        /** Validates the size. */
        public Dense {
            positive("features", features);
        }

        @Override
        public int outputSize() {
            return features;
        }

        @Override
        public boolean tokens() {
            return false;
        }

        @Override
        public List<NamedParameter> parameters() {
            return List.of();
        }

        @Override
        public EncoderRunner bind(Backend backend, Parameters parameters, int rows) {
            return new DenseRunner(backend, features, rows);
        }
    }

    /**
     * A word embedding {@code embedding.weight [V, E]} beside character-level features of the
     * word: its characters are embedded ({@code char_embedding.weight [C, Ec]}) and read by a
     * bidirectional LSTM ({@code char_rnn.weight_ih_l0}, ..., {@code char_rnn.weight_ih_l0_reverse},
     * as {@code torch.nn.LSTM(Ec, Hc, bidirectional=True)} names them); the forward direction's
     * state after the last character and the backward direction's after the first one follow
     * the word embedding: {@code E + 2 * Hc} features per token. Spellings say what an unknown
     * word is (a suffix, a capital letter, digits), which its embedding cannot.
     *
     * <pre>{@code
     * new InputEncoding.WordsAndCharacters(words.size(), 100, chars.size(), 32, 64, 20);
     * }</pre>
     *
     * @param vocabulary     number of distinct word ids
     * @param dimension      word embedding size E
     * @param characters     number of distinct character ids
     * @param charDimension  character embedding size Ec
     * @param charHidden     units per direction of the character LSTM, Hc
     * @param maxWordLength  the most characters read per word (the caller shortens longer words)
     */
    record WordsAndCharacters(int vocabulary, int dimension, int characters, int charDimension, int charHidden,
                              int maxWordLength) implements InputEncoding {
        /** The prefix of the character LSTM's parameter names. */
        public static final String CHAR_RNN = "char_rnn.";

        /** Validates the sizes. */
        public WordsAndCharacters {
            positive("vocabulary", vocabulary);
            positive("embedding dimension", dimension);
            positive("character vocabulary", characters);
            positive("character embedding dimension", charDimension);
            positive("character LSTM hidden size", charHidden);
            positive("longest word", maxWordLength);
        }

        @Override
        public int outputSize() {
            return dimension + 2 * charHidden;
        }

        @Override
        public boolean tokens() {
            return true;
        }

        @Override
        public boolean readsCharacters() {
            return true;
        }

        /** The character BiLSTM as a one-layer stack named {@code char_rnn.*}. */
        public org.rnn4j.models.stack.RecurrentStack characterStack() {
            return org.rnn4j.models.stack.RecurrentStack.of(CHAR_RNN, List.of(new org.rnn4j.models.cell.BidirectionalCell(
                    org.rnn4j.models.cell.Cells.lstm(charDimension, charHidden))));
        }

        @Override
        public List<NamedParameter> parameters() {
            List<NamedParameter> all = new java.util.ArrayList<>(new Embedding(vocabulary, dimension).parameters());
            all.add(new NamedParameter("char_embedding.weight", new org.rnn4j.api.cell.ParameterSpec("weight",
                    org.rnn4j.api.tensor.Shape.of(characters, charDimension), org.rnn4j.api.cell.Initializer.normal(1))));
            all.addAll(characterStack().parameters());
            return all;
        }

        @Override
        public EncoderRunner bind(Backend backend, Parameters parameters, int rows) {
            return new CharacterWordRunner(backend, this, parameters, rows);
        }
    }

    private static void positive(String what, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, got " + v);
        }
    }
}
