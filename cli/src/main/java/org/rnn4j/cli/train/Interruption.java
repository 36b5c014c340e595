package org.rnn4j.cli.train;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.rnn4j.core.train.TrainingListener;

/**
 * Ctrl-C handling for a training run: the first SIGINT asks the trainer to stop after the
 * current step, and the JVM's shutdown waits (up to a minute) until the run has written its
 * final checkpoint, so an interrupted run never leaves a half-written model.
 *
 * <pre>{@code
 * try (Interruption ctrlC = Interruption.install()) {
 *     trainer.fit(session, train, validation, ctrlC);
 *     save();
 * }
 * }</pre>
 */
public final class Interruption implements TrainingListener, AutoCloseable {

    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private volatile boolean requested;

    private Interruption() {
        hook = new Thread(() -> {
            requested = true;
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "rnn4j-ctrl-c");
    }

    /** Registers the shutdown hook. */
    public static Interruption install() {
        Interruption i = new Interruption();
        Runtime.getRuntime().addShutdownHook(i.hook);
        return i;
    }

    @Override
    public boolean stopRequested() {
        return requested;
    }

    /** Whether Ctrl-C was pressed. */
    public boolean wasRequested() {
        return requested;
    }

    /** Lets a pending shutdown proceed and removes the hook when there is none. */
    @Override
    public void close() {
        finished.countDown();
        if (!requested) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the JVM is already shutting down: the hook runs and returns at once
            }
        }
    }
}
