package org.rnn4j.core.train;

/**
 * An endless, repeatable sequence of batches in epochs, filled into reusable batch objects so
 * the training loop allocates nothing. Its position is part of a checkpoint, so a resumed run
 * sees exactly the batches the interrupted one would have.
 *
 * <pre>{@code
 * B batch = source.newBatch();
 * while (source.next(batch)) { ... }   // one epoch
 * source.rewind();
 * }</pre>
 *
 * @param <B> the batch type
 */
public interface BatchSource<B> {

    /** A batch object sized for this source. */
    B newBatch();

    /** Fills {@code batch} with the next batch of the current epoch; false at the end of the epoch. */
    boolean next(B batch);

    /** Starts the next epoch (and, for shuffling sources, its order). */
    void rewind();

    /** Number of batches per epoch. */
    long batchesPerEpoch();

    /** The position within the data (epoch and batch), for checkpoints. */
    long position();

    /** Continues from a position returned by {@link #position()}. */
    void seek(long position);

    /**
     * Goes to the start of epoch {@code epoch} (counting from 0): a source whose order changes
     * every epoch takes that epoch's order, so a run resumed in a later epoch sees the batches
     * the interrupted one would have. The default does nothing but {@code seek(0)}: the order
     * never changes.
     */
    default void startEpoch(long epoch) {
        seek(0);
    }
}
