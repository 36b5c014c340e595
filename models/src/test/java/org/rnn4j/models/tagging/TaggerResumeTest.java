package org.rnn4j.models.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.core.backend.Backends;
import org.rnn4j.core.train.TrainingListener;

/**
 * A tagger run stopped part-way (as Ctrl-C stops it), saved and resumed ends exactly where the
 * same run without the stop ends: same weights, same steps, same best epoch. The resumed run
 * must get the same sentences; a finished run continues only when given more epochs.
 */
class TaggerResumeTest {

    @TempDir
    Path tmp;

    /** Asks the trainer to stop once {@code steps} steps are done. */
    private static TrainingListener stopAfter(long steps) {
        return new TrainingListener() {
            private long done;

            @Override
            public void onStep(StepReport r) {
                done = r.step();
            }

            @Override
            public boolean stopRequested() {
                return done >= steps;
            }
        };
    }

    private static float[] readAll(Tagger t) {
        return t.model().parameters().snapshot();
    }

    @Test
    void aStoppedAndResumedRunEndsBitIdenticalToAnUninterruptedOne() throws Exception {
        Backend backend = Backends.discover().select();
        List<TaggedSentence> train = TaggerTest.sentences(120, 1);
        List<TaggedSentence> dev = TaggerTest.sentences(30, 2);
        TaggerSettings settings = TaggerSettings.defaults().withEmbedding(8).withHidden(8).withEpochs(4)
                .withOptimisation(16, 1e-2).withCharacters(new CharacterFeatures(4, 6)).withPatience(0).withSeed(9);
        float[] expected;
        long expectedSteps;
        try (Tagger whole = Tagger.train(train, dev, settings, backend)) {
            expected = readAll(whole);
            expectedSteps = whole.training().get("steps").asLong();
            assertThat(whole.training().get("stop_reason").asText()).isEqualTo("max_epochs");
        }
        // 8 batches per epoch: stop in the middle of the second epoch, after the first dev score.
        Path dir = tmp.resolve("stopped.model");
        try (Tagger stopped = Tagger.train(train, dev, settings, backend, stopAfter(11))) {
            assertThat(stopped.training().get("stop_reason").asText()).isEqualTo("requested");
            assertThat(stopped.training().get("steps").asLong()).isEqualTo(11);
            assertThat(stopped.resumable()).isTrue();
            stopped.saveCheckpoint(dir);
        }
        assertThat(dir.resolve("optimizer.safetensors")).exists();
        assertThat(dir.resolve("resume.safetensors")).exists();
        try (Tagger loaded = Tagger.load(dir, backend)) {
            assertThat(loaded.resumable()).isTrue();
            assertThat(loaded.evaluate(dev).accuracy()).isGreaterThan(0);   // the folder is a usable tagger too
        }
        try (Tagger resumed = Tagger.resume(dir, train, dev, 0, null, backend)) {
            assertThat(resumed.training().get("steps").asLong()).isEqualTo(expectedSteps);
            assertThat(resumed.training().get("epochs_done").asLong()).isEqualTo(4);
            assertThat(readAll(resumed)).as("weights after resuming").isEqualTo(expected);
            resumed.saveCheckpoint(dir);
        }

        // Finished: only more epochs continue it, and only on the same sentences.
        assertThatThrownBy(() -> Tagger.resume(dir, train, dev, 0, null, backend))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has finished")
                .hasMessageContaining("more epochs");
        assertThatThrownBy(() -> Tagger.resume(dir, train.subList(0, 100), dev, 1, null, backend))
                .hasMessageContaining("training sentences (100) are not those the run was trained with (120");
        assertThatThrownBy(() -> Tagger.resume(dir, train, null, 1, null, backend))
                .hasMessageContaining("development sentences");
        try (Tagger more = Tagger.resume(dir, train, dev, 1, null, backend)) {
            assertThat(more.training().get("epochs_done").asLong()).isEqualTo(5);
            assertThat(more.training().get("steps").asLong()).isEqualTo(expectedSteps + expectedSteps / 4);
        }
    }

    @Test
    void onlyCheckpointsResume() throws IOException {
        Backend backend = Backends.discover().select();
        List<TaggedSentence> train = TaggerTest.sentences(40, 1);
        TaggerSettings settings = TaggerSettings.defaults().withEmbedding(4).withHidden(4).withEpochs(1);
        Path dir = tmp.resolve("weights-only.model");
        try (Tagger t = Tagger.train(train, null, settings, backend)) {
            t.save(dir);
        }
        assertThatThrownBy(() -> Tagger.resume(dir, train, null, 1, null, backend)).isInstanceOf(IOException.class)
                .hasMessageContaining("without its training state");
        try (Tagger loaded = Tagger.load(dir, backend)) {
            assertThatThrownBy(() -> loaded.saveCheckpoint(tmp.resolve("x"))).hasMessageContaining("use save(dir)");
        }
        assertThat(Files.exists(tmp.resolve("x"))).isFalse();
    }
}
