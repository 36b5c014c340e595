package org.rnn4j.core.train;

/**
 * Why a training run ended.
 *
 * <pre>{@code
 * if (result.stopReason() == StopReason.EARLY_STOPPING) { ... }
 * }</pre>
 */
public enum StopReason {
    /** The step budget was reached. */
    MAX_STEPS,
    /** The epoch budget was reached. */
    MAX_EPOCHS,
    /** The wall-time budget was reached. */
    TIME_LIMIT,
    /** The validation loss stopped improving for the configured patience. */
    EARLY_STOPPING,
    /** A listener asked to stop (e.g. Ctrl-C). */
    REQUESTED
}
