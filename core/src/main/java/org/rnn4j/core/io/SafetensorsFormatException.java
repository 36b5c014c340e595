package org.rnn4j.core.io;

import java.io.IOException;

/**
 * A file is not a valid safetensors file of float32 tensors. Checked, like the
 * {@link IOException} it extends, because a bad file is an expected condition the caller must
 * report. The message names the file, then the tensor or field, then what is wrong.
 *
 * <pre>{@code
 * try {
 *     Safetensors.read(path);
 * } catch (SafetensorsFormatException e) {
 *     // "model.safetensors: tensor 'rnn.weight_ih_l0': dtype 'BF16' is not supported; ..."
 *     System.err.println(e.getMessage());
 * }
 * }</pre>
 */
public class SafetensorsFormatException extends IOException {

    private static final long serialVersionUID = 1L;

    private final String source;

    /**
     * @param source  the file (or other source) that was read
     * @param problem what is wrong, naming the tensor or field
     */
    public SafetensorsFormatException(String source, String problem) {
        this(source, problem, null);
    }

    /**
     * @param source  the file (or other source) that was read
     * @param problem what is wrong, naming the tensor or field
     * @param cause   the underlying parse error, or {@code null}
     */
    public SafetensorsFormatException(String source, String problem, Throwable cause) {
        super(source + ": " + problem, cause);
        this.source = source;
    }

    /** The file (or other source) that was read. */
    public String source() {
        return source;
    }
}
