package org.rnn4j.models.train;

import java.util.SplittableRandom;
import org.rnn4j.models.seq.SequenceBatch;

/**
 * The delayed-echo task: random tokens in, and at step t the target is the token of step
 * t - delay (the first {@code delay} steps are ignored). Solving it needs memory of exactly
 * {@code delay} steps, so every cell type must use its recurrence to learn it.
 */
final class EchoBatches extends GeneratedBatches {

    private final int vocabulary;
    private final int delay;
    private final int steps;
    private final int batch;
    private final long seed;

    EchoBatches(int vocabulary, int delay, int steps, int batch, int perEpoch, long seed) {
        super(perEpoch);
        this.vocabulary = vocabulary;
        this.delay = delay;
        this.steps = steps;
        this.batch = batch;
        this.seed = seed;
    }

    @Override
    public SequenceBatch newBatch() {
        return SequenceBatch.tokens(steps, batch);
    }

    @Override
    void fill(SequenceBatch b, int position) {
        SplittableRandom random = new SplittableRandom(seed * 1_000_003L + position);
        for (int s = 0; s < batch; s++) {
            for (int t = 0; t < steps; t++) {
                b.tokens()[t * batch + s] = random.nextInt(vocabulary);
            }
            for (int t = 0; t < steps; t++) {
                b.classes()[t * batch + s] = t < delay ? -1 : b.tokens()[(t - delay) * batch + s];
            }
        }
        b.setSteps(steps);
    }
}
