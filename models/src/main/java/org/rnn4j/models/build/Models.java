package org.rnn4j.models.build;

import org.rnn4j.models.encode.InputEncoding;
import org.rnn4j.models.seq.Objective;

/**
 * The three ready model families, all built from the same parts. Each factory takes what the
 * task cannot do without; the returned builder's methods are the options.
 *
 * <pre>{@code
 * Models.characterLanguageModel(vocab.size()).projection(8).lstm(128).build();      // the lecture's model
 * Models.sequenceTagger(words.size(), tags.size()).embedding(100).biLstm(128).build();
 * Models.sequenceRegressor(3, 1).gru(32).build();
 * }</pre>
 */
public final class Models {

    private Models() {
    }

    /**
     * A character (or any token) language model: tokens in (one-hot unless
     * {@code embedding}/{@code projection} is chosen), a softmax over the next token out.
     */
    public static SequenceModelBuilder characterLanguageModel(int vocabulary) {
        return new SequenceModelBuilder("character language model", new InputEncoding.OneHot(vocabulary), vocabulary,
                Objective.CLASSIFICATION);
    }

    /**
     * A sequence tagger: tokens in (an embedding of 64 unless chosen otherwise), a softmax over
     * {@code tags} per token out. Usually with bidirectional layers.
     */
    public static SequenceModelBuilder sequenceTagger(int vocabulary, int tags) {
        return new SequenceModelBuilder("sequence tagger", new InputEncoding.Embedding(vocabulary, 64), tags,
                Objective.CLASSIFICATION);
    }

    /** A sequence regressor: {@code features} values in, {@code outputs} values out per step, MSE loss. */
    public static SequenceModelBuilder sequenceRegressor(int features, int outputs) {
        return new SequenceModelBuilder("sequence regressor", new InputEncoding.Dense(features), outputs,
                Objective.REGRESSION);
    }
}
