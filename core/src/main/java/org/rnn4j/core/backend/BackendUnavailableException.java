package org.rnn4j.core.backend;

/**
 * The requested backend exists but cannot run here (its probe said why), or, for {@code auto},
 * no backend at all is available. Never followed by a silent fallback to another backend.
 *
 * <pre>{@code
 * backends.select("cuda");
 * // BackendUnavailableException: backend 'cuda' is unavailable: libcuda.so.1 not found; other
 * //   backends: reference (available), reference-f64 (available); ...
 * }</pre>
 */
public class BackendUnavailableException extends BackendSelectionException {

    private static final long serialVersionUID = 1L;

    /**
     * @param requested the name asked for, or {@code "auto"}
     * @param message   the explanation with every reason
     */
    public BackendUnavailableException(String requested, String message) {
        super(requested, message, null);
    }
}
