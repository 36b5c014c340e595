package org.rnn4j.models.text;

import org.rnn4j.core.train.BatchSource;
import org.rnn4j.models.seq.SequenceBatch;

/**
 * Character batches the char-rnn way: the id sequence is cut into {@code batch} contiguous
 * streams, and batch {@code i} holds steps {@code [i*T, (i+1)*T)} of every stream with the next
 * character as target. Consecutive batches continue each stream, so a session that carries its
 * state trains by truncated BPTT over the whole text.
 *
 * <pre>{@code
 * CharBatches train = new CharBatches(ids, 32, 64);
 * SequenceBatch b = train.newBatch();
 * while (train.next(b)) { ... }
 * }</pre>
 */
public final class CharBatches implements BatchSource<SequenceBatch> {

    private final int[] ids;
    private final int batch;
    private final int steps;
    private final int streamLength;
    private final int batchesPerEpoch;
    private int position;

    /**
     * Batches of {@code batch} streams and {@code steps} steps over {@code ids}.
     *
     * @throws IllegalArgumentException when the text is too short for even one batch, saying
     *                                  how long it must be
     */
    public CharBatches(int[] ids, int batch, int steps) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch size must be >= 1, got " + batch);
        }
        if (steps < 1) {
            throw new IllegalArgumentException("sequence length must be >= 1, got " + steps);
        }
        if (ids == null || ids.length == 0) {
            throw new IllegalArgumentException("the text is empty; give at least " + (batch * steps + 1) + " characters");
        }
        this.ids = ids;
        this.batch = batch;
        this.steps = steps;
        this.streamLength = (ids.length - 1) / batch;
        this.batchesPerEpoch = streamLength / steps;
        if (batchesPerEpoch < 1) {
            throw new IllegalArgumentException("the text has " + ids.length + " characters, too few for one batch of "
                    + batch + " sequences of " + steps + " steps: it needs at least " + (batch * steps + 1)
                    + "; use a smaller batch or sequence length, or more text");
        }
    }

    @Override
    public SequenceBatch newBatch() {
        return SequenceBatch.tokens(steps, batch);
    }

    @Override
    public boolean next(SequenceBatch b) {
        if (position >= batchesPerEpoch) {
            return false;
        }
        int[] in = b.tokens();
        int[] out = b.classes();
        b.setSteps(steps);
        for (int t = 0; t < steps; t++) {
            for (int s = 0; s < batch; s++) {
                int at = s * streamLength + position * steps + t;
                in[t * batch + s] = ids[at];
                out[t * batch + s] = ids[at + 1];
            }
        }
        position++;
        return true;
    }

    @Override
    public void rewind() {
        position = 0;
    }

    @Override
    public long batchesPerEpoch() {
        return batchesPerEpoch;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void seek(long pos) {
        if (pos < 0 || pos > batchesPerEpoch) {
            throw new IllegalArgumentException("data position " + pos + " is outside [0, " + batchesPerEpoch + "]");
        }
        position = (int) pos;
    }
}
