package org.rnn4j.core.train;

/**
 * Training produced a NaN or infinite loss or gradient. The trainer stops before the optimiser
 * step, so the parameters (and any checkpoint) still hold the last finite values.
 *
 * <pre>{@code
 * try { trainer.fit(...); } catch (TrainingDivergedException e) { System.err.println(e.getMessage()); }
 * }</pre>
 */
public final class TrainingDivergedException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final long step;

    /** A divergence at {@code step} (the step that would have been taken). */
    public TrainingDivergedException(long step, String message) {
        super(message);
        this.step = step;
    }

    /** The step whose update was refused. */
    public long step() {
        return step;
    }
}
