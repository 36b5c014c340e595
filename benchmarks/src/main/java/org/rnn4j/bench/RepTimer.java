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
 * <p>The timer also reads the heap allocation of all threads ({@link AllocatedBytes}) when the
 * warm-up ends and when the last repetition ends, so that {@link #allocatedPerItem()} says what
 * the timed work allocated per item: next to nothing in a healthy steady state, megabytes where
 * a JVM boxes its vectors.
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
    private long allocatedAtWarm = -1;
    private long allocatedAtEnd = -1;
    private double timedItems;

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
                allocatedAtWarm = allocated.getAsLong();
                phaseStart = now;
                phaseTicks = 0;
            }
        } else if (finished < rates.length && phaseTicks >= protocol.repSteps() && seconds >= protocol.repSeconds()) {
            rates[finished++] = phaseTicks * itemsPerTick / seconds;
            timedItems += phaseTicks * itemsPerTick;
            phaseStart = now;
            phaseTicks = 0;
            if (done()) {
                allocatedAtEnd = allocated.getAsLong();
            }
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
     * Heap bytes allocated by all threads per item over the timed repetitions, or -1 before they
     * are done or where allocation is not counted.
     */
    public double allocatedPerItem() {
        if (allocatedAtWarm < 0 || allocatedAtEnd < 0 || timedItems == 0) {
            return -1;
        }
        return Math.max(0, allocatedAtEnd - allocatedAtWarm) / timedItems;
    }
}
