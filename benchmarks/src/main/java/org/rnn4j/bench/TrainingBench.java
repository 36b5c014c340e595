package org.rnn4j.bench;

import java.util.Map;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.optim.Optimizer;
import org.rnn4j.core.optim.Optimizers;
import org.rnn4j.core.train.GradientClipping;
import org.rnn4j.core.train.LearningRateSchedule;
import org.rnn4j.core.train.Trainer;
import org.rnn4j.core.train.TrainingListener;
import org.rnn4j.models.seq.SequenceModel;
import org.rnn4j.models.seq.SequenceSession;
import org.rnn4j.models.text.CharBatches;

/**
 * Training throughput of one configuration through the public API, the way an application trains:
 * {@link Trainer} with Adam (PyTorch's defaults, learning rate 2e-3), gradient clipping by global
 * norm 5, char-rnn batches with the state carried between consecutive batches (truncated BPTT).
 * Characters per second = {@code batch * steps} per optimiser step over the wall time between
 * step ends.
 *
 * <pre>{@code
 * Measurement m = TrainingBench.run(backend, ModelSpec.named("lstm-2x256"), corpus, Protocol.STANDARD);
 * }</pre>
 */
public final class TrainingBench {

    /** Model initialisation seed, the same on every run. */
    static final long SEED = 42;

    private TrainingBench() {
    }

    /** Trains {@code spec} until the protocol's repetitions are timed; memory is left to the caller. */
    public static Measurement run(Backend backend, ModelSpec spec, Corpus corpus, Protocol protocol) {
        int[] ids = corpus.ids(spec.vocabulary());
        CharBatches batches = new CharBatches(ids, spec.batch(), spec.steps());
        try (SequenceModel model = spec.create(backend, SEED);
             SequenceSession session = model.session(spec.steps(), spec.batch(), true);
             Optimizer adam = Optimizers.discover().create("adam", Map.of())) {
            Trainer trainer = Trainer.builder(adam)
                    .schedule(LearningRateSchedule.constant(2e-3))
                    .clipping(GradientClipping.byNorm(5))
                    .maxSteps(Long.MAX_VALUE / 2) // the listener ends the run
                    .build();
            RepTimer timer = new RepTimer(protocol, spec.charactersPerStep());
            TrainingListener listener = new TrainingListener() {
                @Override
                public void onStep(StepReport report) {
                    timer.tick();
                }

                @Override
                public boolean stopRequested() {
                    return timer.done();
                }
            };
            timer.restart();
            trainer.fit(session, batches, null, listener);
            return Measurement.of(timer).withLive(MemoryProbe.liveHeapMiB());
        }
    }
}
