package org.rnn4j.core.backend;

/**
 * Turns a throwable from a provider into one line a user can read: the exception's simple name
 * and the first line of its message, then the same for up to three causes. Stack traces stay in
 * the debug log; the listing and the error messages must stay short.
 */
final class Failures {

    private static final int MAX_CAUSES = 3;

    private Failures() {
    }

    static String describe(Throwable failure) {
        StringBuilder text = new StringBuilder(one(failure));
        Throwable cause = failure.getCause();
        for (int i = 0; cause != null && cause != failure && i < MAX_CAUSES; i++) {
            text.append("; caused by ").append(one(cause));
            failure = cause;
            cause = cause.getCause();
        }
        return text.toString();
    }

    private static String one(Throwable failure) {
        String message = failure.getMessage();
        if (message == null || message.isBlank()) {
            return failure.getClass().getSimpleName();
        }
        int newline = message.indexOf('\n');
        String firstLine = (newline < 0 ? message : message.substring(0, newline)).strip();
        return failure.getClass().getSimpleName() + ": " + firstLine;
    }
}
