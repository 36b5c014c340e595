package org.rnn4j.models.train;

import org.rnn4j.core.train.BatchSource;
import org.rnn4j.models.seq.SequenceBatch;

/**
 * A synthetic batch source: batch {@code i} of every epoch is generated from {@code i} alone, so
 * epochs repeat exactly and seeking is free. Subclasses say how to make a batch.
 */
abstract class GeneratedBatches implements BatchSource<SequenceBatch> {

    private final int perEpoch;
    private int position;

    GeneratedBatches(int perEpoch) {
        this.perEpoch = perEpoch;
    }

    /** Fills batch number {@code index} of the epoch. */
    abstract void fill(SequenceBatch batch, int index);

    @Override
    public final boolean next(SequenceBatch b) {
        if (position >= perEpoch) {
            return false;
        }
        fill(b, position++);
        return true;
    }

    @Override
    public final void rewind() {
        position = 0;
    }

    @Override
    public final long batchesPerEpoch() {
        return perEpoch;
    }

    @Override
    public final long position() {
        return position;
    }

    @Override
    public final void seek(long pos) {
        position = (int) pos;
    }
}
