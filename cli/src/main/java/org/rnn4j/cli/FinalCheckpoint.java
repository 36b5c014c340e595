package org.rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import org.rnn4j.cli.train.Interruption;

/**
 * The end of a {@code tag train} or {@code forecast train} run: save the resumable checkpoint,
 * then say whether the run was interrupted (Ctrl-C, SIGTERM) and how to continue it.
 *
 * <pre>{@code
 * if (FinalCheckpoint.save(log, model, ctrlC, stopReason, "rnn4j tag train", tagger::saveCheckpoint)) {
 *     return Rnn4jCli.INTERRUPTED;
 * }
 * }</pre>
 */
final class FinalCheckpoint {

    /** Writes a model folder. */
    @FunctionalInterface
    interface Saver {
        void save(Path model) throws IOException;
    }

    private FinalCheckpoint() {
    }

    /**
     * Saves through {@code saver} and reports; returns true when the run was interrupted, so that
     * the caller exits with {@link Rnn4jCli#INTERRUPTED}.
     *
     * @param stopReason the trainer's stop reason; "requested" means interrupted
     * @param command    the command that resumes, e.g. {@code "rnn4j tag train"}
     */
    static boolean save(PrintWriter log, Path model, Interruption ctrlC, String stopReason, String command,
                        Saver saver) {
        try {
            saver.save(model);
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError("cannot save the model to " + model + ": " + Errors.describe(e), e);
        }
        if (ctrlC.wasRequested() || "requested".equals(stopReason)) {
            // Said before the shutdown hook is released: once it is, the JVM may halt at once.
            log.println("interrupted: the final checkpoint is saved in " + model + " (the best epoch's weights);"
                    + " continue with " + command + " --resume " + model);
            log.flush();
            return true;
        }
        log.println("saved " + model);
        log.flush();
        return false;
    }
}
