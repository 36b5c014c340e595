package org.rnn4j.it.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.core.backend.Backends;
import org.rnn4j.core.optim.Optimizers;
import org.rnn4j.core.train.GradientClipping;
import org.rnn4j.core.train.LearningRateSchedule;
import org.rnn4j.core.train.Trainer;
import org.rnn4j.models.build.Models;
import org.rnn4j.models.seq.ModelFolder;
import org.rnn4j.models.seq.SequenceModel;
import org.rnn4j.models.seq.SequenceSession;
import org.rnn4j.models.text.CharBatches;
import org.rnn4j.models.text.Vocabulary;

/**
 * Models and training on the SIMD backend, through the kernels only: a character model learns,
 * the same seed and threads give the same bits, and a resumed truncated-BPTT run with dropout
 * continues bit-identically. (The models module's own tests run on the reference backend; the
 * SIMD module runs the parity cases at every vector width.)
 */
class SimdTrainingTest {

    @TempDir
    Path tmp;

    private static final String TEXT = ("First Citizen:\nBefore we proceed any further, hear me speak.\n\n"
            + "All:\nSpeak, speak.\n\nFirst Citizen:\nYou are all resolved rather to die than to famish?\n\n").repeat(12);

    private static Backend simd() {
        Backend b = Backends.discover().select();
        assertThat(b.name()).as("auto picks the SIMD backend when the Vector API is enabled").isEqualTo("cpu-simd");
        return b;
    }

    private static Trainer trainer(long steps) {
        return Trainer.builder(Optimizers.discover().create("adam", Map.of()))
                .schedule(LearningRateSchedule.constant(5e-3)).clipping(GradientClipping.byNorm(5)).maxSteps(steps)
                .build();
    }

    private static float[] weights(SequenceModel m) {
        return m.parameters().snapshot();
    }

    @Test
    void aCharacterModelLearnsAndResumesBitIdentically() throws IOException {
        Backend backend = simd();
        Vocabulary vocab = Vocabulary.of(TEXT);
        int[] ids = vocab.encode(TEXT);
        var builder = Models.characterLanguageModel(vocab.size()).embedding(16).lstm(64).gru(48).dropout(0.2f);
        float[] uninterrupted;
        double before;
        double after;
        try (SequenceModel m = builder.create(backend, 7); SequenceSession s = m.session(32, 8, true)) {
            before = Trainer.evaluate(s, new CharBatches(ids, 8, 32)).mean();
            trainer(120).fit(s, new CharBatches(ids, 8, 32), null);
            after = Trainer.evaluate(s, new CharBatches(ids, 8, 32)).mean();
            uninterrupted = weights(m);
        }
        assertThat(before).isGreaterThan(3.0);
        assertThat(after).isLessThan(1.5);

        try (SequenceModel m = builder.create(backend, 7); SequenceSession s = m.session(32, 8, true)) {
            trainer(120).fit(s, new CharBatches(ids, 8, 32), null);
            assertThat(weights(m)).as("same seed, backend and threads: same bits").containsExactly(uninterrupted);
        }

        Path dir = tmp.resolve("half.model");
        try (SequenceModel m = builder.create(backend, 7); SequenceSession s = m.session(32, 8, true)) {
            var adam = Optimizers.discover().create("adam", Map.of());
            Trainer first = Trainer.builder(adam).schedule(LearningRateSchedule.constant(5e-3))
                    .clipping(GradientClipping.byNorm(5)).maxSteps(53).build();
            first.fit(s, new CharBatches(ids, 8, 32), null);
            ModelFolder.saveCheckpoint(dir, s, null, adam.state(), first.state());
        }
        ModelFolder.Loaded loaded = ModelFolder.load(dir, backend);
        try (SequenceModel m = loaded.model(); SequenceSession s = m.session(32, 8, true)) {
            loaded.restoreRecurrentState(s);
            Trainer second = trainer(120);
            second.resume(loaded.optimizer().orElseThrow(), loaded.trainer().orElseThrow());
            second.fit(s, new CharBatches(ids, 8, 32), null);
            assertThat(weights(m)).as("resumed at step 53").containsExactly(uninterrupted);
        }
    }
}
