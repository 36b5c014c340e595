package org.rnn4j.bench;

import java.util.Arrays;

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
 * }</pre>
 */
public final class RepTimer {

    private final Protocol protocol;
    private final double itemsPerTick;
    private final double[] rates;
    private int finished;
    private boolean warm;
    private long phaseStart;
    private long phaseTicks;

    /** A timer whose ticks each stand for {@code itemsPerTick} items (characters). */
    public RepTimer(Protocol protocol, double itemsPerTick) {
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
                phaseStart = now;
                phaseTicks = 0;
            }
        } else if (finished < rates.length && phaseTicks >= protocol.repSteps() && seconds >= protocol.repSeconds()) {
            rates[finished++] = phaseTicks * itemsPerTick / seconds;
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
}
