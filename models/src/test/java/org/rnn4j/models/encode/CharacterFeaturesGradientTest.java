package org.rnn4j.models.encode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.backend.Precision;
import org.rnn4j.core.backend.Backends;
import org.rnn4j.core.param.NamedParameter;
import org.rnn4j.core.train.LossValue;
import org.rnn4j.models.build.Models;
import org.rnn4j.models.seq.SequenceBatch;
import org.rnn4j.models.seq.SequenceModel;
import org.rnn4j.models.seq.SequenceSession;

/**
 * The character-feature path of a tagger against float64 central differences: word embedding,
 * character embedding and character BiLSTM (variable word lengths, one spelling used by several
 * tokens, padding steps and a one-character word) through a word-level BiLSTM and a softmax
 * cross-entropy. Every parameter element is checked, so the gradients that flow back through the
 * gathers of the final states and the de-duplicated spellings are all covered.
 */
class CharacterFeaturesGradientTest {

    private static final double EPS = 1e-6;
    private static final double TOLERANCE = 1e-7;
    private static final int STEPS = 3;
    private static final int BATCH = 2;
    private static final int MAX_LENGTH = 4;

    private static Backend f64;

    @BeforeAll
    static void oracle() {
        f64 = Backends.discover().select("reference-f64");
        assertThat(f64.precision()).isEqualTo(Precision.FLOAT64);
    }

    @AfterAll
    static void close() {
        f64.close();
    }

    /** Sentence 0: "ab", "cadd", "ab" (the same spelling twice); sentence 1: "d", "bcc", then padding. */
    private static SequenceBatch batch() {
        SequenceBatch b = SequenceBatch.tokensWithCharacters(STEPS, BATCH, MAX_LENGTH);
        b.setSteps(STEPS);
        b.clearTargets();
        int[][][] words = {{{1, 2}, {3, 1, 4, 4}, {1, 2}}, {{4}, {2, 3, 3}}};
        int[][] ids = {{2, 3, 2}, {1, 4}};
        int[][] tags = {{0, 2, 1}, {1, 0}};
        for (int s = 0; s < BATCH; s++) {
            b.setLength(s, words[s].length);
            for (int t = 0; t < STEPS; t++) {
                int row = t * BATCH + s;
                if (t < words[s].length) {
                    b.setWord(row, ids[s][t], words[s][t]);
                    b.classes()[row] = tags[s][t];
                } else {
                    b.setWord(row, 0, new int[0]);
                }
            }
        }
        return b;
    }

    @Test
    void everyParameterGradientMatchesCentralDifferences() {
        check(0f);
    }

    /**
     * With dropout on the stack's input the training loss is checked in training mode: the same
     * step draws the same mask, so the loss of {@code computeGradients} is a fixed function.
     */
    @Test
    void gradientsThroughInputDropoutMatchCentralDifferences() {
        check(0.4f);
    }

    private static double loss(SequenceSession session, SequenceBatch b, boolean training) {
        if (!training) {
            return session.evaluate(b).mean();
        }
        session.beginStep(0);
        return session.computeGradients(b).mean();
    }

    private static void check(float inputDropout) {
        boolean training = inputDropout > 0;
        try (SequenceModel model = Models.sequenceTagger(5, 3).embedding(2).characters(5, 3, 2, MAX_LENGTH).biLstm(2)
                .inputDropout(inputDropout).create(f64, 11);
             SequenceSession session = model.session(STEPS, BATCH, false)) {
            if (training) {
                // Training mode differs from evaluation: some inputs were dropped.
                assertThat(loss(session, batch(), true)).isNotEqualTo(loss(session, batch(), false));
            }
            assertThat(model.parameters().names()).contains("char_embedding.weight", "char_rnn.weight_ih_l0",
                    "char_rnn.weight_hh_l0_reverse", "embedding.weight", "rnn.weight_ih_l0");
            SequenceBatch b = batch();
            model.parameters().zeroGradients();
            session.beginStep(0);
            LossValue loss = session.computeGradients(b);
            assertThat(loss.count()).isEqualTo(5);
            double[] analytic = new double[model.parameters().size()];
            f64.download(model.parameters().gradients(), 0, analytic, 0, analytic.length);
            double[] values = new double[analytic.length];
            f64.download(model.parameters().values(), 0, values, 0, values.length);
            for (NamedParameter p : model.parameters().parameters()) {
                int offset = model.parameters().value(p.name()).offset();
                int size = p.spec().shape().size();
                double largest = 0;
                for (int i = offset; i < offset + size; i++) {
                    largest = Math.max(largest, Math.abs(analytic[i]));
                }
                if (!p.name().equals("embedding.weight")) {
                    assertThat(largest).as("some gradient of %s is non-zero", p.name()).isGreaterThan(1e-4);
                }
                for (int i = offset; i < offset + size; i++) {
                    double saved = values[i];
                    values[i] = saved + EPS;
                    f64.upload(values, i, model.parameters().values(), i, 1);
                    double plus = loss(session, b, training);
                    values[i] = saved - EPS;
                    f64.upload(values, i, model.parameters().values(), i, 1);
                    double minus = loss(session, b, training);
                    values[i] = saved;
                    f64.upload(values, i, model.parameters().values(), i, 1);
                    double numeric = (plus - minus) / (2 * EPS);
                    double scale = Math.max(1, Math.max(Math.abs(numeric), Math.abs(analytic[i])));
                    assertThat(Math.abs(numeric - analytic[i]))
                            .as("%s[%d]: analytic %s vs numeric %s", p.name(), i - offset, analytic[i], numeric)
                            .isLessThanOrEqualTo(TOLERANCE * scale);
                }
            }
        }
    }

    @Test
    void aSpellingGetsTheSameFeaturesWhereverItStandsAndBatchesMustCarryCharacters() {
        try (SequenceModel model = Models.sequenceTagger(5, 3).embedding(2).characters(5, 3, 2, MAX_LENGTH).biLstm(2)
                .create(f64, 11);
             SequenceSession session = model.session(STEPS, BATCH, false)) {
            assertThat(model.config().input().outputSize()).isEqualTo(2 + 2 * 2);
            session.predict(batch());
            SequenceBatch words = SequenceBatch.tokens(STEPS, BATCH);
            assertThatThrownBy(() -> session.predict(words)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("reads the characters of every word")
                    .hasMessageContaining("tokensWithCharacters");
            SequenceBatch tooLong = SequenceBatch.tokensWithCharacters(STEPS, BATCH, 6);
            tooLong.setWord(0, 1, new int[] {1, 1, 1, 1, 1, 1});
            assertThatThrownBy(() -> session.predict(tooLong)).hasMessageContaining("words of up to 6 characters")
                    .hasMessageContaining("up to 4");
            SequenceBatch badChar = batch();
            badChar.setWord(0, 1, new int[] {9});
            assertThatThrownBy(() -> session.predict(badChar)).hasMessageContaining("character id 9")
                    .hasMessageContaining("character vocabulary of 5");
        }
        assertThatThrownBy(() -> Models.sequenceTagger(5, 3).oneHot().characters(5, 3, 2, 4))
                .hasMessageContaining("call embedding(...) first");
        assertThat(List.of(new InputEncoding.WordsAndCharacters(5, 2, 5, 3, 2, 4).parameters().stream()
                .map(NamedParameter::name).toArray())).contains("char_rnn.bias_hh_l0_reverse");
    }
}
