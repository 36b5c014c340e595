package org.rnn4j.core.backend;

/**
 * The chosen backend's probe said available but its {@code create()} failed (or returned
 * nothing). The cause carries the provider's own exception.
 *
 * <pre>{@code
 * try {
 *     backends.select("cuda");
 * } catch (BackendCreationException e) {
 *     // "backend 'cuda' could not be created: CUDA_ERROR_OUT_OF_MEMORY; ..."
 * }
 * }</pre>
 */
public class BackendCreationException extends BackendSelectionException {

    private static final long serialVersionUID = 1L;

    /**
     * @param requested the backend's name
     * @param message   the explanation
     * @param cause     what {@code create()} threw, or {@code null}
     */
    public BackendCreationException(String requested, String message, Throwable cause) {
        super(requested, message, cause);
    }
}
