package org.rnn4j.core.param;

import org.rnn4j.api.cell.RandomSource;

/**
 * rnn4j's own seeded generator (SplitMix64): the same seed gives the same numbers on every JVM
 * and platform, and its whole state is one {@code long}, so checkpoints can save and restore it.
 *
 * <pre>{@code
 * SeededRandom random = new SeededRandom(42);
 * double u = random.nextDouble();
 * long saved = random.state();
 * }</pre>
 */
public final class SeededRandom implements RandomSource {

    private long state;

    /** A generator starting from {@code seed}. */
    public SeededRandom(long seed) {
        this.state = seed;
    }

    /** The next 64 random bits. */
    public long nextLong() {
        state += org.rnn4j.api.kernel.CounterRandom.GOLDEN_GAMMA;
        long z = state;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform double in {@code [0, 1)} with 53 random bits. */
    @Override
    public double nextDouble() {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /** A uniform int in {@code [0, bound)}. */
    public int nextInt(int bound) {
        if (bound < 1) {
            throw new IllegalArgumentException("bound must be >= 1, got " + bound);
        }
        return (int) ((nextLong() >>> 33) * bound >>> 31);
    }

    /** The whole state, for checkpoints. */
    public long state() {
        return state;
    }

    /** Continues from a state returned by {@link #state()}. */
    public void restore(long savedState) {
        this.state = savedState;
    }
}
