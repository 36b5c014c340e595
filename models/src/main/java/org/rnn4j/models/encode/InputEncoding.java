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
 * }</pre>
 */
public sealed interface InputEncoding
        permits InputEncoding.OneHot, InputEncoding.Embedding, InputEncoding.Projection, InputEncoding.Dense {

    /** Features per step handed to the first recurrent layer. */
    int outputSize();

    /** Whether the input is token ids (else real-valued features). */
    boolean tokens();

    /** The trainable parameters, named as PyTorch would name the module's. */
    List<NamedParameter> parameters();

    /** A runner with a workspace for {@code rows = maxSteps * batch} rows. */
    EncoderRunner bind(Backend backend, Parameters parameters, int rows);

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

    private static void positive(String what, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(what + " must be >= 1, got " + v);
        }
    }
}
