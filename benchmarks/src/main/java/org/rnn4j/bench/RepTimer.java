package org.rnn4j.bench;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Turns a stream of finished units of work (training steps, sampling calls) into timed
 * repetitions under a {@link Protocol}: the first ticks are warm-up, then each repetition runs
 * until its minimum time and count are reached. Timestamps are taken at tick time, on the thread
 * that does the work, so everything between two ticks (batch filling included) is measured.
 *
 * <pre>{@code
 * RepTimer timer = new RepTimer(Protocol.STANDARD, 64 * 100);
 * while (!timer.done()) {
 *     trainOneStep();
 *     timer.tick();
 * }
 * double[] charsPerSecond = timer.rates();
 * double bytesPerChar = timer.allocatedPerItem();
 * }</pre>
 *
 * <p>The timer also reads the heap allocation of all threads ({@link AllocatedBytes}) at the
 * start and end of each repetition, so that {@link #allocatedPerItem()} says what the timed work
 * allocated per item in its leanest repetition: next to nothing in a healthy steady state,
 * hundreds of bytes or more in every repetition where a JVM boxes its vectors. The leanest, not
 * the mean: a slow configuration (a training step of half a second) may still compile a kernel
 * or two after the warm-up, and its first repetition then carries the interpreter's garbage.
 */
public final class RepTimer {

    private final Protocol protocol;
    private final double itemsPerTick;
    private final double[] rates;
    private int finished;
    private boolean warm;
    private long phaseStart;
    private long phaseTicks;
    private final LongSupplier allocated;
    /** The counter at the start of the current repetition (-1: not counted). */
    private long allocatedAtStart = -1;
    /** The least bytes per item of a finished repetition so far; -1 before one. */
    private double leanest = -1;

    /** A timer whose ticks each stand for {@code itemsPerTick} items (characters). */
    public RepTimer(Protocol protocol, double itemsPerTick) {
        this(protocol, itemsPerTick, AllocatedBytes::allThreads);
    }

    /** As above, reading allocated bytes from {@code allocated} (-1: not counted). */
    RepTimer(Protocol protocol, double itemsPerTick, LongSupplier allocated) {
        this.allocated = allocated;
        this.protocol = protocol;
        this.itemsPerTick = itemsPerTick;
        this.rates = new double[protocol.reps()];
        this.phaseStart = System.nanoTime();
    }

    /** Marks the start of the work, when construction came earlier. */
    public void restart() {
        phaseStart = System.nanoTime();
        phaseTicks = 0;
    }

    /** Records one finished unit of work; returns {@link #done()}. */
    public boolean tick() {
        long now = System.nanoTime();
        phaseTicks++;
        double seconds = (now - phaseStart) / 1e9;
        if (!warm) {
            if (phaseTicks >= protocol.warmupSteps() && seconds >= protocol.warmupSeconds()) {
                warm = true;
                allocatedAtStart = allocated.getAsLong();
                phaseStart = now;
                phaseTicks = 0;
            }
        } else if (finished < rates.length && phaseTicks >= protocol.repSteps() && seconds >= protocol.repSeconds()) {
            rates[finished++] = phaseTicks * itemsPerTick / seconds;
            long bytes = allocated.getAsLong();
            if (allocatedAtStart >= 0 && bytes >= 0) {
                double perItem = Math.max(0, bytes - allocatedAtStart) / (phaseTicks * itemsPerTick);
                leanest = leanest < 0 ? perItem : Math.min(leanest, perItem);
            }
            allocatedAtStart = bytes;
            phaseStart = now;
            phaseTicks = 0;
        }
        return done();
    }

    /** True once every repetition is timed. */
    public boolean done() {
        return finished == rates.length;
    }

    /** Items per second of each finished repetition. */
    public double[] rates() {
        return Arrays.copyOf(rates, finished);
    }

    /**
     * Heap bytes allocated by all threads per item in the timed repetition that allocated least,
     * or -1 before the repetitions are done or where allocation is not counted.
     */
    public double allocatedPerItem() {
        return done() ? leanest : -1;
    }
}
