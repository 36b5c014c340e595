package org.rnn4j.models.head;

import java.util.ArrayList;
import java.util.List;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.kernel.Activation;
import org.rnn4j.core.param.NamedParameter;
import org.rnn4j.core.param.Parameters;

/**
 * What turns the top layer's output at every step into predictions: scores over classes (for
 * a softmax) or values (for regression).
 *
 * <pre>{@code
 * OutputHead chars = new OutputHead.Dense(84);                          // head.weight, head.bias
 * OutputHead mlp = new OutputHead.Mlp(64, Activation.RELU, 1);          // head.0.*, head.2.*
 * }</pre>
 */
public sealed interface OutputHead permits OutputHead.Dense, OutputHead.Mlp {

    /** Values per step produced. */
    int outputSize();

    /** The parameters for an input of {@code in} features, named as PyTorch would. */
    List<NamedParameter> parameters(int in);

    /** A runner over {@code maxRows} rows of {@code in} features. */
    HeadRunner bind(Backend backend, Parameters parameters, int in, int maxRows);

    /**
     * One linear layer: {@code head.weight [O, H]}, {@code head.bias [O]}.
     *
     * @param outputs values per step
     */
    record Dense(int outputs) implements OutputHead {
        /** Validates the size. */
        public Dense {
            if (outputs < 1) {
                throw new IllegalArgumentException("head outputs must be >= 1, got " + outputs);
            }
        }

        @Override
        public int outputSize() {
            return outputs;
        }

        @Override
        public List<NamedParameter> parameters(int in) {
            return Linear.parameters("head.", in, outputs);
        }

        @Override
        public HeadRunner bind(Backend backend, Parameters parameters, int in, int maxRows) {
            return new HeadRunner(backend, new Linear(backend, parameters, "head.", in, outputs, maxRows), null, null,
                    null);
        }
    }

    /**
     * A small MLP: linear, activation, linear, named as {@code nn.Sequential(Linear, act, Linear)}:
     * {@code head.0.weight [M, H]}, {@code head.0.bias}, {@code head.2.weight [O, M]}, {@code head.2.bias}.
     *
     * @param hidden     units of the hidden layer
     * @param activation its activation (tanh, relu or sigmoid)
     * @param outputs    values per step
     */
    record Mlp(int hidden, Activation activation, int outputs) implements OutputHead {
        /** Validates the sizes. */
        public Mlp {
            if (hidden < 1 || outputs < 1) {
                throw new IllegalArgumentException("MLP head sizes must be >= 1, got hidden " + hidden + ", outputs "
                        + outputs);
            }
            if (activation == null || activation == Activation.IDENTITY) {
                throw new IllegalArgumentException("an MLP head needs a non-linear activation, got " + activation);
            }
        }

        @Override
        public int outputSize() {
            return outputs;
        }

        @Override
        public List<NamedParameter> parameters(int in) {
            List<NamedParameter> all = new ArrayList<>(Linear.parameters("head.0.", in, hidden));
            all.addAll(Linear.parameters("head.2.", hidden, outputs));
            return all;
        }

        @Override
        public HeadRunner bind(Backend backend, Parameters parameters, int in, int maxRows) {
            Linear first = new Linear(backend, parameters, "head.0.", in, hidden, maxRows);
            Linear second = new Linear(backend, parameters, "head.2.", hidden, outputs, maxRows);
            return new HeadRunner(backend, first, activation, second, backend.allocate(maxRows, hidden));
        }
    }
}
