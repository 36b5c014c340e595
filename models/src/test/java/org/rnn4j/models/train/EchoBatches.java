package org.rnn4j.models.train;

import java.util.SplittableRandom;
import org.rnn4j.core.train.BatchSource;
import org.rnn4j.models.seq.SequenceBatch;

/**
 * The delayed-echo task: random tokens in, and at step t the target is the token of step
 * t - delay (the first {@code delay} steps are ignored). Solving it needs memory of exactly
 * {@code delay} steps, so every cell type must use its recurrence to learn it.
 */
final class EchoBatches implements BatchSource<SequenceBatch> {

    private final int vocabulary;
    private final int delay;
    private final int steps;
    private final int batch;
    private final int perEpoch;
    private final long seed;
    private int position;

    EchoBatches(int vocabulary, int delay, int steps, int batch, int perEpoch, long seed) {
        this.vocabulary = vocabulary;
        this.delay = delay;
        this.steps = steps;
        this.batch = batch;
        this.perEpoch = perEpoch;
        this.seed = seed;
    }

    @Override
    public SequenceBatch newBatch() {
        return SequenceBatch.tokens(steps, batch);
    }

    @Override
    public boolean next(SequenceBatch b) {
        if (position >= perEpoch) {
            return false;
        }
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
        position++;
        return true;
    }

    @Override
    public void rewind() {
        position = 0;
    }

    @Override
    public long batchesPerEpoch() {
        return perEpoch;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void seek(long pos) {
        position = (int) pos;
    }
}
