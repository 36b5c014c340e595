package org.rnn4j.models.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.kernel.Activation;
import org.rnn4j.api.tensor.Tensor;
import org.rnn4j.core.backend.Backends;
import org.rnn4j.core.optim.Optimizers;
import org.rnn4j.core.train.GradientClipping;
import org.rnn4j.core.train.LearningRateSchedule;
import org.rnn4j.core.train.Trainer;
import org.rnn4j.core.train.TrainingResult;
import org.rnn4j.models.encode.InputEncoding;
import org.rnn4j.models.head.OutputHead;
import org.rnn4j.models.seq.LayerConfig;
import org.rnn4j.models.seq.Objective;
import org.rnn4j.models.seq.SequenceBatch;
import org.rnn4j.models.seq.SequenceModel;
import org.rnn4j.models.seq.SequenceModelConfig;
import org.rnn4j.models.seq.SequenceSession;
import org.rnn4j.models.text.CharBatches;
import org.rnn4j.models.text.Vocabulary;

/**
 * Learning works: thresholds a broken gradient, optimiser or data pipeline would miss. Each runs
 * on the automatically chosen backend in a few seconds.
 */
class LearningTest {

    private static Backend backend;

    @BeforeAll
    static void open() {
        backend = Backends.discover().select();
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    @Test
    void characterLstmLearnsShakespeareText() throws IOException {
        String text;
        try (InputStream in = LearningTest.class.getResourceAsStream("/text/shakespeare-6k.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        Vocabulary vocab = Vocabulary.of(text);
        int[] ids = vocab.encode(text);
        SequenceModelConfig config = new SequenceModelConfig(new InputEncoding.Projection(vocab.size(), 8),
                List.of(LayerConfig.lstm(64)), 0f, new OutputHead.Dense(vocab.size()), Objective.CLASSIFICATION);
        CharBatches train = new CharBatches(ids, 8, 32);
        try (SequenceModel model = SequenceModel.create(backend, config, 1);
             SequenceSession session = model.session(32, 8, true)) {
            double before = Trainer.evaluate(session, train).mean();
            Trainer trainer = Trainer.builder(Optimizers.discover().create("adam", Map.of()))
                    .schedule(LearningRateSchedule.constant(1e-2)).clipping(GradientClipping.byNorm(5))
                    .maxEpochs(12).build();
            TrainingResult result = trainer.fit(session, train, null);
            double after = Trainer.evaluate(session, train).mean();
            // ln(vocab) ~ 3.9 nats is chance; unigram frequencies alone give about 3.1.
            assertThat(before).isGreaterThan(3.5);
            assertThat(after).as("training loss after %d steps", result.steps()).isLessThan(2.2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"elman", "jordan", "lstm", "gru"})
    void everyCellLearnsTheDelayedEcho(String type) {
        int vocab = 4;
        LayerConfig layer = type.equals("jordan") ? LayerConfig.jordan(32, 16, Activation.TANH) : LayerConfig.of(type, 32);
        SequenceModelConfig config = new SequenceModelConfig(new InputEncoding.OneHot(vocab), List.of(layer), 0f,
                new OutputHead.Dense(vocab), Objective.CLASSIFICATION);
        try (SequenceModel model = SequenceModel.create(backend, config, 3);
             SequenceSession session = model.session(12, 16, false)) {
            Trainer trainer = Trainer.builder(Optimizers.discover().create("adam", Map.of()))
                    .schedule(LearningRateSchedule.constant(1e-2)).clipping(GradientClipping.byNorm(5))
                    .maxSteps(500).build();
            trainer.fit(session, new EchoBatches(vocab, 2, 12, 16, 50, 11), null);
            EchoBatches test = new EchoBatches(vocab, 2, 12, 16, 4, 99);
            assertThat(accuracy(session, test)).as("%s echo accuracy", type).isGreaterThan(0.97);
        }
    }

    @Test
    void regressorFitsANoisySineWave() {
        SequenceModelConfig config = new SequenceModelConfig(new InputEncoding.Dense(1), List.of(LayerConfig.gru(16)),
                0f, new OutputHead.Dense(1), Objective.REGRESSION);
        SineBatches train = new SineBatches(16, 24, 40, 5);
        try (SequenceModel model = SequenceModel.create(backend, config, 5);
             SequenceSession session = model.session(24, 16, false)) {
            double before = Trainer.evaluate(session, new SineBatches(16, 24, 4, 77)).mean();
            Trainer trainer = Trainer.builder(Optimizers.discover().create("adam", Map.of()))
                    .schedule(LearningRateSchedule.constant(1e-2)).maxSteps(400).build();
            trainer.fit(session, train, null);
            double after = Trainer.evaluate(session, new SineBatches(16, 24, 4, 77)).mean();
            // Inputs carry noise of std 0.1 (variance 0.01); the target is the clean next value.
            assertThat(before).isGreaterThan(0.1);
            assertThat(after).isLessThan(0.01);
        }
    }

    @Test
    void sameSeedSameBackendSameThreadsGiveBitIdenticalWeights() {
        SequenceModelConfig config = new SequenceModelConfig(new InputEncoding.Embedding(4, 6),
                List.of(LayerConfig.lstm(12), LayerConfig.gru(10)), 0.3f, new OutputHead.Dense(4),
                Objective.CLASSIFICATION);
        float[][] weights = new float[2][];
        for (int run = 0; run < 2; run++) {
            try (SequenceModel model = SequenceModel.create(backend, config, 21);
                 SequenceSession session = model.session(10, 8, false)) {
                Trainer.builder(Optimizers.discover().create("adamw", Map.of())).maxSteps(15).build()
                        .fit(session, new EchoBatches(4, 1, 10, 8, 20, 4), null);
                weights[run] = model.parameters().snapshot();
            }
        }
        assertThat(weights[1]).containsExactly(weights[0]);
    }

    private static double accuracy(SequenceSession session, EchoBatches source) {
        SequenceBatch b = source.newBatch();
        long right = 0;
        long total = 0;
        int classes = session.model().config().head().outputSize();
        float[] logits = new float[b.maxSteps() * b.batch() * classes];
        while (source.next(b)) {
            Tensor out = session.predict(b);
            int rows = b.rows();
            session.model().backend().download(out, 0, logits, 0, rows * classes);
            for (int r = 0; r < rows; r++) {
                if (b.classes()[r] < 0) {
                    continue;
                }
                int best = 0;
                for (int c = 1; c < classes; c++) {
                    if (logits[r * classes + c] > logits[r * classes + best]) {
                        best = c;
                    }
                }
                right += best == b.classes()[r] ? 1 : 0;
                total++;
            }
        }
        return (double) right / total;
    }

    /** Noisy sine inputs, clean next-step targets, random phase and frequency per sequence. */
    private static final class SineBatches extends GeneratedBatches {
        private final int batch;
        private final int steps;
        private final long seed;

        SineBatches(int batch, int steps, int perEpoch, long seed) {
        super(perEpoch);
            this.batch = batch;
            this.steps = steps;
            this.seed = seed;
        }

        @Override
        public SequenceBatch newBatch() {
            return SequenceBatch.values(steps, batch, 1, 1);
        }

        @Override
        void fill(SequenceBatch b, int position) {
            SplittableRandom random = new SplittableRandom(seed * 7919 + position);
            for (int s = 0; s < batch; s++) {
                double phase = random.nextDouble() * 2 * Math.PI;
                double freq = 0.2 + 0.2 * random.nextDouble();
                for (int t = 0; t < steps; t++) {
                    int r = t * batch + s;
                    b.features()[r] = (float) (Math.sin(phase + freq * t) + 0.1 * random.nextGaussian());
                    b.values()[r] = (float) Math.sin(phase + freq * (t + 1));
                    b.mask()[r] = t < 3 ? 0f : 1f;   // the first steps cannot know the frequency yet
                }
            }
            b.setSteps(steps);
        }
    }

}
