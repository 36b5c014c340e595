package org.rnn4j.bench;

import java.util.List;
import java.util.Locale;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.models.build.Models;
import org.rnn4j.models.build.SequenceModelBuilder;
import org.rnn4j.models.seq.SequenceModel;

/**
 * One benchmark configuration: a character language model and the work done with it. The
 * PyTorch script ({@code benchmarks/pytorch/throughput.py}) defines the same list under the same
 * names; keep the two in step.
 *
 * <p>Architecture, identical on both sides: tokens one-hot encoded ({@code vocabulary} inputs),
 * optionally through a linear projection with bias ({@code projection} features), then
 * {@code layers} recurrent layers of {@code hidden} units (PyTorch's {@code nn.LSTM}/{@code GRU}/
 * {@code RNN(tanh)} conventions), then a linear head with bias to {@code vocabulary} logits,
 * softmax cross-entropy averaged over all {@code batch * steps} targets.
 *
 * <pre>{@code
 * ModelSpec spec = ModelSpec.named("lstm-2x256");
 * SequenceModel model = spec.create(backend, 42);
 * }</pre>
 *
 * @param name       the name on the command line and in the table
 * @param cell       {@code lstm}, {@code gru} or {@code elman}
 * @param layers     number of stacked recurrent layers
 * @param hidden     units per layer
 * @param vocabulary classes in and out
 * @param projection features of the linear input projection, 0 for plain one-hot input
 * @param batch      sequences per training batch (1 when sampling)
 * @param steps      time steps per training batch (truncated BPTT length)
 * @param sample     characters sampled per call; 0 for a training configuration
 */
public record ModelSpec(String name, String cell, int layers, int hidden, int vocabulary, int projection, int batch,
                        int steps, int sample) {

    /** Characters generated per sampling call, as in the issue. */
    public static final int SAMPLE_LENGTH = 2000;
    /** Sampling temperature. */
    public static final double TEMPERATURE = 0.8;

    /** Every configuration of the issue, in table order. */
    public static final List<ModelSpec> ALL = List.of(
            new ModelSpec("seed", "lstm", 1, 128, 84, 8, 32, 64, 0),
            new ModelSpec("lstm-2x256", "lstm", 2, 256, 65, 0, 64, 100, 0),
            new ModelSpec("lstm-2x512", "lstm", 2, 512, 65, 0, 64, 100, 0),
            new ModelSpec("gru-2x256", "gru", 2, 256, 65, 0, 64, 100, 0),
            new ModelSpec("elman-2x256", "elman", 2, 256, 65, 0, 64, 100, 0),
            new ModelSpec("sample-lstm-2x256", "lstm", 2, 256, 65, 0, 1, 1, SAMPLE_LENGTH),
            new ModelSpec("sample-lstm-2x512", "lstm", 2, 512, 65, 0, 1, 1, SAMPLE_LENGTH));

    /** Small configurations for smoke tests; run only when named. */
    public static final List<ModelSpec> TINY = List.of(
            new ModelSpec("tiny", "lstm", 1, 16, 65, 0, 4, 8, 0),
            new ModelSpec("sample-tiny", "gru", 1, 16, 65, 0, 1, 1, 50));

    /**
     * The configuration called {@code name}.
     *
     * @throws IllegalArgumentException listing the known names
     */
    public static ModelSpec named(String name) {
        for (List<ModelSpec> list : List.of(ALL, TINY)) {
            for (ModelSpec s : list) {
                if (s.name.equals(name)) {
                    return s;
                }
            }
        }
        StringBuilder known = new StringBuilder();
        ALL.forEach(s -> known.append(' ').append(s.name));
        TINY.forEach(s -> known.append(' ').append(s.name));
        throw new IllegalArgumentException("unknown configuration '" + name + "'; known:" + known);
    }

    /** True for a sampling configuration. */
    public boolean sampling() {
        return sample > 0;
    }

    /** Characters processed per training step. */
    public int charactersPerStep() {
        return batch * steps;
    }

    /** A one-line description for the table, e.g. {@code LSTM 2x256, one-hot 65, B64 T100}. */
    public String describe() {
        String input = projection > 0 ? "one-hot " + vocabulary + "->linear " + projection : "one-hot " + vocabulary;
        String net = cell.toUpperCase(Locale.ROOT) + " " + layers + "x" + hidden + ", " + input;
        return sampling() ? net + ", sample " + sample + " @T=" + TEMPERATURE : net + ", B" + batch + " T" + steps;
    }

    /** The model, initialised from {@code seed} on {@code backend}. */
    public SequenceModel create(Backend backend, long seed) {
        SequenceModelBuilder b = Models.characterLanguageModel(vocabulary);
        if (projection > 0) {
            b.projection(projection);
        } else {
            b.oneHot();
        }
        for (int i = 0; i < layers; i++) {
            switch (cell) {
                case "lstm":
                    b.lstm(hidden);
                    break;
                case "gru":
                    b.gru(hidden);
                    break;
                case "elman":
                    b.elman(hidden);
                    break;
                default:
                    throw new IllegalStateException("unknown cell " + cell);
            }
        }
        return b.create(backend, seed);
    }
}
