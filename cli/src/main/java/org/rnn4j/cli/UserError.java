package org.rnn4j.cli;

/**
 * A problem with what the user asked for or gave (a file, a model, a combination of flags),
 * reported as one line and exit code 1.
 */
final class UserError extends RuntimeException {

    private static final long serialVersionUID = 1L;

    UserError(String message) {
        super(message);
    }

    UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
