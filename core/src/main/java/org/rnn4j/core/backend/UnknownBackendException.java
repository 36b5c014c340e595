package org.rnn4j.core.backend;

/**
 * No backend of the requested name was found; the message lists the known names.
 *
 * <pre>{@code
 * backends.select("cdua");
 * // UnknownBackendException: unknown backend 'cdua'; known backends: cpu-simd, cuda, reference,
 * //   reference-f64; use one of them or 'auto'
 * }</pre>
 */
public class UnknownBackendException extends BackendSelectionException {

    private static final long serialVersionUID = 1L;

    /**
     * @param requested the unknown name
     * @param message   the explanation, listing the known names
     */
    public UnknownBackendException(String requested, String message) {
        super(requested, message, null);
    }
}
