package org.rnn4j.core.backend;

/**
 * Choosing a backend failed: the requested name is unknown, the backend is unavailable here, or
 * it could not be created. The message says what was asked for, what is wrong, and which
 * backends could be used instead; the CLI prints it as is.
 *
 * <pre>{@code
 * try {
 *     backend = backends.select("cuda");
 * } catch (BackendSelectionException e) {
 *     System.err.println(e.getMessage());   // "backend 'cuda' is unavailable: ..."
 * }
 * }</pre>
 *
 * @see UnknownBackendException
 * @see BackendUnavailableException
 * @see BackendCreationException
 */
public class BackendSelectionException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final String requested;

    /**
     * @param requested the name asked for ({@code "auto"} for automatic selection)
     * @param message   the full explanation
     * @param cause     the underlying failure, or {@code null}
     */
    public BackendSelectionException(String requested, String message, Throwable cause) {
        super(message, cause);
        this.requested = requested;
    }

    /** The backend name that was asked for, normalised (trimmed, lower case), or {@code "auto"}. */
    public String requested() {
        return requested;
    }
}
