package org.rnn4j.models.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.tensor.Tensor;
import org.rnn4j.core.backend.Backends;
import org.rnn4j.core.optim.Optimizers;
import org.rnn4j.core.train.GradientClipping;
import org.rnn4j.core.train.LearningRateSchedule;
import org.rnn4j.core.train.Trainer;
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

/** Sampling from a small character model trained for a moment on Shakespeare. */
class GeneratorTest {

    private static Backend backend;
    private static SequenceModel model;
    private static Vocabulary vocab;

    @BeforeAll
    static void train() throws IOException {
        backend = Backends.discover().select();
        String text;
        try (InputStream in = GeneratorTest.class.getResourceAsStream("/text/shakespeare-6k.txt")) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        vocab = Vocabulary.of(text);
        model = SequenceModel.create(backend, new SequenceModelConfig(new InputEncoding.Projection(vocab.size(), 8),
                List.of(LayerConfig.lstm(48)), 0f, new OutputHead.Dense(vocab.size()), Objective.CLASSIFICATION), 2);
        try (SequenceSession session = model.session(32, 8, true)) {
            Trainer.builder(Optimizers.discover().create("adam", Map.of()))
                    .schedule(LearningRateSchedule.constant(1e-2)).clipping(GradientClipping.byNorm(5)).maxEpochs(6)
                    .build().fit(session, new CharBatches(vocab.encode(text), 8, 32), null);
        }
    }

    @AfterAll
    static void close() {
        model.close();
        backend.close();
    }

    private static int[] prime() {
        return vocab.encode("First Citizen:\n");
    }

    @Test
    void higherTemperatureGivesMoreDiverseText() {
        int cold;
        int warm;
        int hot;
        try (Generator g = new Generator(model)) {
            cold = distinctTrigrams(g.sample(prime(), 600, SamplingSettings.temperature(0.3, 1), null));
            warm = distinctTrigrams(g.sample(prime(), 600, SamplingSettings.temperature(1.0, 1), null));
            hot = distinctTrigrams(g.sample(prime(), 600, SamplingSettings.temperature(2.0, 1), null));
        }
        assertThat(cold).isLessThan(warm);
        assertThat(warm).isLessThan(hot);
    }

    @Test
    void sameSeedSameTextAndTokensStreamInOrder() {
        try (Generator g = new Generator(model)) {
            SamplingSettings s = SamplingSettings.temperature(0.8, 5).withTopK(10).withTopP(0.9);
            List<Integer> streamed = new ArrayList<>();
            int[] a = g.sample(prime(), 100, s, streamed::add);
            int[] b = g.sample(prime(), 100, s, null);
            int[] c = g.sample(prime(), 100, SamplingSettings.temperature(0.8, 6).withTopK(10).withTopP(0.9), null);
            assertThat(a).containsExactly(b);
            assertThat(a).isNotEqualTo(c);
            assertThat(streamed).containsExactly(java.util.Arrays.stream(a).boxed().toArray(Integer[]::new));
        }
    }

    @Test
    void topKOfOneAndATinyNucleusAreGreedy() {
        try (Generator g = new Generator(model)) {
            int[] greedy = g.sample(prime(), 80, SamplingSettings.mostLikely(), null);
            assertThat(g.sample(prime(), 80, SamplingSettings.temperature(1.5, 3).withTopK(1), null))
                    .containsExactly(greedy);
            assertThat(g.sample(prime(), 80, SamplingSettings.temperature(1.0, 3).withTopP(1e-6), null))
                    .containsExactly(greedy);
            assertThat(g.beamSearch(prime(), 80, 1, null)).containsExactly(greedy);
        }
    }

    @Test
    void beamSearchFindsAtLeastAsLikelyAContinuationAsGreedy() {
        try (Generator g = new Generator(model)) {
            int[] greedy = g.sample(prime(), 30, SamplingSettings.mostLikely(), null);
            int[] beam = g.beamSearch(prime(), 30, 5, null);
            assertThat(logProbability(beam)).isGreaterThanOrEqualTo(logProbability(greedy) - 1e-4);
        }
    }

    @Test
    void invalidSettingsAreRefusedWithWhatIsAllowed() {
        assertThatThrownBy(() -> SamplingSettings.temperature(0, 1)).hasMessageContaining("temperature must be > 0");
        assertThatThrownBy(() -> SamplingSettings.temperature(-1, 1)).hasMessageContaining("got -1.0");
        assertThatThrownBy(() -> SamplingSettings.temperature(1, 1).withTopP(0)).hasMessageContaining("top-p must be in (0, 1]");
        assertThatThrownBy(() -> SamplingSettings.temperature(1, 1).withTopP(1.5)).hasMessageContaining("got 1.5");
        assertThatThrownBy(() -> SamplingSettings.temperature(1, 1).withTopK(0)).hasMessageContaining("top-k must be >= 1");
        try (Generator g = new Generator(model)) {
            assertThatThrownBy(() -> g.beamSearch(prime(), 5, 0, null)).hasMessageContaining("beam width must be >= 1");
            assertThatThrownBy(() -> g.sample(new int[0], 5, SamplingSettings.mostLikely(), null))
                    .hasMessageContaining("at least one token");
            assertThatThrownBy(() -> g.sample(new int[] {999}, 5, SamplingSettings.mostLikely(), null))
                    .hasMessageContaining("prime token 999 at position 0 is outside the vocabulary");
        }
    }

    private static int distinctTrigrams(int[] ids) {
        Set<String> seen = new HashSet<>();
        String text = vocab.decode(ids);
        for (int i = 0; i + 3 <= text.length(); i++) {
            seen.add(text.substring(i, i + 3));
        }
        return seen.size();
    }

    /** log P(continuation | prime) under the model, summed on the host. */
    private static double logProbability(int[] continuation) {
        int[] prime = prime();
        int n = prime.length + continuation.length;
        int v = vocab.size();
        try (SequenceSession session = model.session(n, 1, false)) {
            SequenceBatch batch = SequenceBatch.tokens(n, 1);
            System.arraycopy(prime, 0, batch.tokens(), 0, prime.length);
            System.arraycopy(continuation, 0, batch.tokens(), prime.length, continuation.length);
            Tensor out = session.predict(batch);
            float[] logits = new float[n * v];
            backend.download(out, 0, logits, 0, logits.length);
            double total = 0;
            for (int i = 0; i < continuation.length; i++) {
                int row = prime.length - 1 + i;
                double max = Double.NEGATIVE_INFINITY;
                for (int c = 0; c < v; c++) {
                    max = Math.max(max, logits[row * v + c]);
                }
                double sum = 0;
                for (int c = 0; c < v; c++) {
                    sum += Math.exp(logits[row * v + c] - max);
                }
                total += logits[row * v + continuation[i]] - max - Math.log(sum);
            }
            return total;
        }
    }
}
