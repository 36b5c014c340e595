package org.rnn4j.models.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.tensor.Tensor;
import org.rnn4j.core.backend.Backends;
import org.rnn4j.core.optim.Optimizers;
import org.rnn4j.core.train.GradientClipping;
import org.rnn4j.core.train.LearningRateSchedule;
import org.rnn4j.core.train.Trainer;
import org.rnn4j.models.build.Models;
import org.rnn4j.models.seq.SequenceBatch;
import org.rnn4j.models.seq.SequenceModel;
import org.rnn4j.models.seq.SequenceSession;

/**
 * The lecture's name tagging ("Jon and Antonia gave deep learning lectures" -> 1 0 1 0 0 0 0)
 * made harder: an ambiguous word ("may") is a name only when the NEXT word is "said", so only a
 * model that reads right-to-left context can tag it. Sentences have different lengths, padded
 * and masked.
 */
class TaggingTest {

    private static final int NAMES = 6;        // tokens 1..6 are names
    private static final int AMBIGUOUS = 7;    // "may"
    private static final int SAID = 8;         // "said"
    private static final int VOCAB = 30;       // tokens 9..29 are other words; 0 is padding

    @Test
    void bidirectionalTaggerUsesContextFromBothSidesOverVariableLengths() {
        Backend backend = Backends.discover().select();
        try (SequenceModel model = Models.sequenceTagger(VOCAB, 2).embedding(16).biLstm(24).create(backend, 8);
             SequenceSession session = model.session(12, 16, false)) {
            Trainer.builder(Optimizers.discover().create("adam", Map.of()))
                    .schedule(LearningRateSchedule.constant(1e-2)).clipping(GradientClipping.byNorm(5)).maxSteps(300)
                    .build().fit(session, new Sentences(16, 12, 40, 1), null);
            double[] accuracy = accuracy(session, new Sentences(16, 12, 5, 2));
            assertThat(accuracy[0]).as("token accuracy").isGreaterThan(0.99);
            assertThat(accuracy[1]).as("accuracy on the ambiguous word").isGreaterThan(0.95);
        }
    }

    private static double[] accuracy(SequenceSession session, Sentences source) {
        SequenceBatch b = source.newBatch();
        float[] logits = new float[b.maxSteps() * b.batch() * 2];
        long right = 0;
        long total = 0;
        long ambiguousRight = 0;
        long ambiguous = 0;
        while (source.next(b)) {
            Tensor out = session.predict(b);
            session.model().backend().download(out, 0, logits, 0, b.rows() * 2);
            for (int r = 0; r < b.rows(); r++) {
                if (b.classes()[r] < 0) {
                    continue;
                }
                int predicted = logits[2 * r + 1] > logits[2 * r] ? 1 : 0;
                boolean ok = predicted == b.classes()[r];
                right += ok ? 1 : 0;
                total++;
                if (b.tokens()[r] == AMBIGUOUS) {
                    ambiguousRight += ok ? 1 : 0;
                    ambiguous++;
                }
            }
        }
        return new double[] {(double) right / total, (double) ambiguousRight / ambiguous};
    }

    /** Random sentences of 4 to 12 words with names, "may" and "said", padded to 12 steps. */
    private static final class Sentences extends GeneratedBatches {
        private final int batch;
        private final int steps;
        private final long seed;

        Sentences(int batch, int steps, int perEpoch, long seed) {
        super(perEpoch);
            this.batch = batch;
            this.steps = steps;
            this.seed = seed;
        }

        @Override
        public SequenceBatch newBatch() {
            return SequenceBatch.tokens(steps, batch);
        }

        @Override
        void fill(SequenceBatch b, int position) {
            SplittableRandom random = new SplittableRandom(seed * 31 + position);
            b.setSteps(steps);
            b.clearTargets();
            for (int s = 0; s < batch; s++) {
                int length = 4 + random.nextInt(steps - 3);
                b.setLength(s, length);
                for (int t = 0; t < steps; t++) {
                    b.tokens()[t * batch + s] = 0;
                }
                for (int t = 0; t < length; t++) {
                    double u = random.nextDouble();
                    int token = u < 0.2 ? 1 + random.nextInt(NAMES) : u < 0.4 ? AMBIGUOUS : u < 0.55 ? SAID
                            : SAID + 1 + random.nextInt(VOCAB - SAID - 1);
                    b.tokens()[t * batch + s] = token;
                }
                for (int t = 0; t < length; t++) {
                    int token = b.tokens()[t * batch + s];
                    boolean nextIsSaid = t + 1 < length && b.tokens()[(t + 1) * batch + s] == SAID;
                    boolean name = (token >= 1 && token <= NAMES) || (token == AMBIGUOUS && nextIsSaid);
                    b.classes()[t * batch + s] = name ? 1 : 0;
                }
            }
        }
    }
}
