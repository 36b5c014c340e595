package org.rnn4j.models.stack;

import java.util.ArrayList;
import java.util.List;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.cell.Cell;
import org.rnn4j.api.cell.ParameterSpec;
import org.rnn4j.api.kernel.Activation;
import org.rnn4j.core.param.NamedParameter;
import org.rnn4j.core.param.Parameters;
import org.rnn4j.models.cell.Cells;

/**
 * An immutable description of stacked recurrent layers: layer {@code k} reads the outputs of
 * layer {@code k-1}. Layer types may be mixed. Parameters are named as PyTorch names them,
 * {@code weight_ih_l0}, {@code bias_hh_l1}, ..., after an optional prefix.
 *
 * <pre>{@code
 * RecurrentStack stack = RecurrentStack.builder(4).lstm(8).gru(6).build();
 * try (RecurrentNetwork net = stack.instantiate(backend, 42L)) {
 *     float[] out = net.forward(input, steps, batch);
 * }
 * }</pre>
 */
public final class RecurrentStack {

    private final List<Cell> layers;
    private final String prefix;

    private RecurrentStack(List<Cell> layers, String prefix) {
        this.layers = List.copyOf(layers);
        this.prefix = prefix;
    }

    /**
     * A stack of the given cells, checking that each layer's input size equals the previous
     * layer's output size.
     *
     * @param prefix prepended to every parameter name (e.g. {@code "rnn."}), may be empty
     */
    public static RecurrentStack of(String prefix, List<Cell> layers) {
        if (layers == null || layers.isEmpty()) {
            throw new IllegalArgumentException("a recurrent stack needs at least one layer");
        }
        for (int k = 0; k < layers.size(); k++) {
            if (layers.get(k) == null) {
                throw new IllegalArgumentException("layer " + k + " is null");
            }
        }
        for (int k = 1; k < layers.size(); k++) {
            Cell below = layers.get(k - 1);
            Cell cell = layers.get(k);
            if (cell.inputSize() != below.outputSize()) {
                throw new IllegalArgumentException("layer " + k + " (" + cell.type() + ") expects input size "
                        + cell.inputSize() + " but layer " + (k - 1) + " (" + below.type() + ") outputs "
                        + below.outputSize() + "; make them equal");
            }
        }
        return new RecurrentStack(layers, prefix == null ? "" : prefix);
    }

    /** A stack without a name prefix. */
    public static RecurrentStack of(Cell... layers) {
        return of("", List.of(layers));
    }

    /** Starts a stack whose first layer reads {@code inputSize} features per step. */
    public static Builder builder(int inputSize) {
        return new Builder(inputSize);
    }

    /** The layers, bottom first. */
    public List<Cell> layers() {
        return layers;
    }

    /** The prefix of every parameter name. */
    public String prefix() {
        return prefix;
    }

    /** Features per input step. */
    public int inputSize() {
        return layers.get(0).inputSize();
    }

    /** Features per output step (the top layer's). */
    public int outputSize() {
        return layers.get(layers.size() - 1).outputSize();
    }

    /** The suffix that names layer {@code k}'s parameters. */
    public static String layerSuffix(int k) {
        return "_l" + k;
    }

    /**
     * The full name of a cell parameter in layer {@code k}, as PyTorch names it: {@code weight_ih}
     * becomes {@code <prefix>weight_ih_l<k>}, and a reverse direction's {@code weight_ih_reverse}
     * becomes {@code <prefix>weight_ih_l<k>_reverse}.
     */
    public static String parameterName(String prefix, String base, int k) {
        String reverse = org.rnn4j.models.cell.BidirectionalCell.REVERSE;
        if (base.endsWith(reverse)) {
            return prefix + base.substring(0, base.length() - reverse.length()) + layerSuffix(k) + reverse;
        }
        return prefix + base + layerSuffix(k);
    }

    /** Every parameter under its full name, layer by layer. */
    public List<NamedParameter> parameters() {
        List<NamedParameter> all = new ArrayList<>();
        for (int k = 0; k < layers.size(); k++) {
            for (ParameterSpec spec : layers.get(k).parameters()) {
                all.add(new NamedParameter(parameterName(prefix, spec.name(), k), spec));
            }
        }
        return all;
    }

    /**
     * Allocates this stack's parameters on {@code backend}, initialised from {@code seed}.
     * The network owns them; close it to free them.
     */
    public RecurrentNetwork instantiate(Backend backend, long seed) {
        Parameters params = Parameters.allocate(backend, parameters());
        try {
            params.initialize(seed);
        } catch (RuntimeException e) {
            params.close();
            throw e;
        }
        return new RecurrentNetwork(this, params);
    }

    /**
     * Binds this stack to parameters that contain its names (they may hold other modules' too,
     * e.g. an encoder and a head) with a workspace for {@code (maxSteps, batch)} and dropout
     * {@code dropout} between layers during training.
     */
    public StackRunner bind(Parameters parameters, int maxSteps, int batch, float dropout) {
        return new StackRunner(this, parameters.backend(), parameters, maxSteps, batch, dropout);
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("RecurrentStack[");
        for (int k = 0; k < layers.size(); k++) {
            Cell c = layers.get(k);
            s.append(k == 0 ? "" : ", ").append(c.type()).append(' ').append(c.inputSize()).append("->")
                    .append(c.outputSize());
        }
        return s.append(']').toString();
    }

    /**
     * Builds a stack layer by layer; each layer's input size is the previous layer's output.
     *
     * <pre>{@code
     * RecurrentStack.builder(65).lstm(256).lstm(256).build();
     * }</pre>
     */
    public static final class Builder {
        private final int inputSize;
        private final List<Cell> layers = new ArrayList<>();
        private String prefix = "";

        private Builder(int inputSize) {
            if (inputSize < 1) {
                throw new IllegalArgumentException("input size must be >= 1, got " + inputSize);
            }
            this.inputSize = inputSize;
        }

        private int nextInput() {
            return layers.isEmpty() ? inputSize : layers.get(layers.size() - 1).outputSize();
        }

        /** Adds an LSTM layer. */
        public Builder lstm(int hidden) {
            return layer(Cells.lstm(nextInput(), hidden));
        }

        /** Adds a GRU layer. */
        public Builder gru(int hidden) {
            return layer(Cells.gru(nextInput(), hidden));
        }

        /** Adds an Elman layer with tanh. */
        public Builder elman(int hidden) {
            return layer(Cells.elman(nextInput(), hidden));
        }

        /** Adds an Elman layer with tanh or relu. */
        public Builder elman(int hidden, Activation activation) {
            return layer(Cells.elman(nextInput(), hidden, activation));
        }

        /** Adds a Jordan layer with identity output. */
        public Builder jordan(int hidden, int outputs) {
            return layer(Cells.jordan(nextInput(), hidden, outputs));
        }

        /** Adds a Jordan layer with identity or tanh output. */
        public Builder jordan(int hidden, int outputs, Activation outputActivation) {
            return layer(Cells.jordan(nextInput(), hidden, outputs, outputActivation));
        }

        /** Adds a bidirectional LSTM layer ({@code 2 * hidden} outputs). */
        public Builder biLstm(int hidden) {
            return layer(new org.rnn4j.models.cell.BidirectionalCell(Cells.lstm(nextInput(), hidden)));
        }

        /** Adds a bidirectional GRU layer ({@code 2 * hidden} outputs). */
        public Builder biGru(int hidden) {
            return layer(new org.rnn4j.models.cell.BidirectionalCell(Cells.gru(nextInput(), hidden)));
        }

        /** Adds a layer of a built-in type by name ({@code lstm}, {@code gru}, {@code elman}, {@code jordan}). */
        public Builder layer(String type, int hidden) {
            return layer(Cells.create(type, nextInput(), hidden));
        }

        /** Adds any cell, e.g. a user-defined one; its input size must match. */
        public Builder layer(Cell cell) {
            layers.add(cell);
            return this;
        }

        /** Sets the parameter-name prefix (default none). */
        public Builder prefix(String namePrefix) {
            this.prefix = namePrefix;
            return this;
        }

        /** The stack; fails when no layer was added or sizes do not chain. */
        public RecurrentStack build() {
            if (!layers.isEmpty() && layers.get(0).inputSize() != inputSize) {
                throw new IllegalArgumentException("layer 0 (" + layers.get(0).type() + ") expects input size "
                        + layers.get(0).inputSize() + " but the stack's input size is " + inputSize);
            }
            return of(prefix, layers);
        }
    }
}
