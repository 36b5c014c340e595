package org.rnn4j.models.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.kernel.Activation;
import org.rnn4j.core.backend.Backends;
import org.rnn4j.core.optim.Optimizers;
import org.rnn4j.core.train.LearningRateSchedule;
import org.rnn4j.core.train.Trainer;
import org.rnn4j.core.train.TrainingDivergedException;
import org.rnn4j.models.build.Models;
import org.rnn4j.models.seq.SequenceBatch;
import org.rnn4j.models.seq.SequenceModel;
import org.rnn4j.models.seq.SequenceSession;
import org.rnn4j.models.text.CharBatches;
import org.rnn4j.models.text.Vocabulary;

/** Bad input to builders and trainers fails before any work, saying what and how to fix it. */
class TrainingBadInputTest {

    private final Backend backend = Backends.discover().select("reference");

    @Test
    void buildersNameTheMissingOrWrongPart() {
        assertThatThrownBy(() -> Models.characterLanguageModel(65).projection(8).build())
                .hasMessageContaining("needs at least one recurrent layer");
        assertThatThrownBy(() -> Models.sequenceRegressor(3, 1).embedding(8))
                .hasMessageContaining("reads real-valued features; token encodings do not apply");
        assertThatThrownBy(() -> Models.characterLanguageModel(65).lstm(0))
                .hasMessageContaining("lstm layer hidden size must be >= 1, got 0");
        assertThatThrownBy(() -> Models.characterLanguageModel(65).dropout(1f))
                .hasMessageContaining("dropout must be in [0, 1), got 1.0");
        assertThatThrownBy(() -> Models.characterLanguageModel(1).lstm(4).build())
                .hasMessageContaining("at least 2 classes");
        assertThatThrownBy(() -> Models.characterLanguageModel(65).layer("lsmt", 8))
                .hasMessageContaining("unknown cell type 'lsmt'");
        assertThatThrownBy(() -> Models.sequenceTagger(65, 3).mlpHead(8, Activation.IDENTITY))
                .hasMessageContaining("needs a non-linear activation");
    }

    @Test
    void dataThatCannotFillABatchIsRefusedWithTheSizeNeeded() {
        assertThatThrownBy(() -> new CharBatches(new int[0], 4, 10)).hasMessageContaining("the text is empty");
        assertThatThrownBy(() -> new CharBatches(new int[30], 4, 10))
                .hasMessageContaining("the text has 30 characters, too few for one batch of 4 sequences of 10 steps")
                .hasMessageContaining("it needs at least 41");
        assertThatThrownBy(() -> new CharBatches(new int[100], 4, 0)).hasMessageContaining("sequence length must be >= 1");
        assertThatThrownBy(() -> new CharBatches(new int[100], 0, 4)).hasMessageContaining("batch size must be >= 1");
        assertThatThrownBy(() -> Vocabulary.of("")).hasMessageContaining("empty text");
    }

    @Test
    void aVocabularyMismatchBetweenModelAndDataIsNamed() {
        Vocabulary vocab = Vocabulary.of("abc");
        assertThatThrownBy(() -> vocab.encode("abz"))
                .hasMessageContaining("character 'z' (U+007A) at position 2 is not in the model's vocabulary of 3");
        try (SequenceModel model = Models.characterLanguageModel(3).lstm(4).create(backend, 1);
             SequenceSession session = model.session(2, 1, false)) {
            SequenceBatch b = SequenceBatch.tokens(2, 1);
            b.tokens()[1] = 7;
            assertThatThrownBy(() -> session.evaluate(b))
                    .hasMessageContaining("token 7 at position 1 is outside the vocabulary of 3 tokens");
            assertThatThrownBy(() -> session.evaluate(SequenceBatch.tokens(2, 2)))
                    .hasMessageContaining("this session runs batches of 1 sequences, got 2");
            assertThatThrownBy(() -> session.evaluate(SequenceBatch.values(2, 1, 1, 1)))
                    .hasMessageContaining("this model reads token ids but the batch holds features");
        }
    }

    @Test
    void trainersNeedABudgetAndStopOnDivergenceBeforeTheUpdate() {
        assertThatThrownBy(() -> Trainer.builder(Optimizers.discover().create("sgd", Map.of())).build())
                .hasMessageContaining("set at least one budget");
        int[] ids = new int[200];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i % 3;
        }
        try (SequenceModel model = Models.characterLanguageModel(3).elman(8, Activation.RELU).create(backend, 1);
             SequenceSession session = model.session(10, 2, false)) {
            Trainer trainer = Trainer.builder(Optimizers.discover().create("sgd", Map.of()))
                    .schedule(LearningRateSchedule.constant(1e12)).maxSteps(50).build();
            assertThatThrownBy(() -> trainer.fit(session, new CharBatches(ids, 2, 10), null))
                    .isInstanceOf(TrainingDivergedException.class)
                    .hasMessageContaining("the update was refused")
                    .hasMessageContaining("Lower the learning rate");
            float[] w = model.parameters().snapshot();
            for (float v : w) {
                assertThat(Float.isNaN(v)).isFalse();
            }
        }
    }
}
