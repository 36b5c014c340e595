package org.rnn4j.it.readme;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.core.backend.Backends;
import org.rnn4j.core.optim.Optimizers;
import org.rnn4j.core.train.GradientClipping;
import org.rnn4j.core.train.LearningRateSchedule;
import org.rnn4j.core.train.Trainer;
import org.rnn4j.models.build.Models;
import org.rnn4j.models.sample.Generator;
import org.rnn4j.models.sample.SamplingSettings;
import org.rnn4j.models.seq.SequenceModel;
import org.rnn4j.models.seq.SequenceSession;
import org.rnn4j.models.text.CharBatches;
import org.rnn4j.models.text.Vocabulary;

/** The README's plain-API example, compiled and run by {@link ReadmeExamplesTest}. */
final class PlainApiExample {

    private PlainApiExample() {
    }

    static String trainAndSample(Path corpus, int hidden, int epochs) throws IOException {
        // README:plain
        Backend backend = Backends.discover().select();          // honours -Drnn4j.backend
        String text = Files.readString(corpus);
        Vocabulary vocab = Vocabulary.of(text);
        try (SequenceModel model = Models.characterLanguageModel(vocab.size())
                     .projection(8).lstm(hidden).create(backend, 42);
             SequenceSession session = model.session(64, 16, true)) {
            Trainer trainer = Trainer.builder(Optimizers.discover().create("adam", Map.of()))
                    .schedule(LearningRateSchedule.constant(2e-3))
                    .clipping(GradientClipping.byNorm(5))
                    .maxEpochs(epochs)
                    .build();
            trainer.fit(session, new CharBatches(vocab.encode(text), 16, 64), null);
            try (Generator generator = new Generator(model)) {
                int[] ids = generator.sample(vocab.encode("\n"), 200, SamplingSettings.temperature(0.8, 7), null);
                return vocab.decode(ids);
            }
        }
        // README:end
    }
}
