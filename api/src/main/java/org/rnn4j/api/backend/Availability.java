package org.rnn4j.api.backend;

/**
 * The answer of a backend's probe: available, or unavailable with a reason a user can act on.
 *
 * <pre>{@code
 * Availability.unavailable("libcuda.so.1 not found; install an NVIDIA driver")
 *     .toString();   // "unavailable: libcuda.so.1 not found; install an NVIDIA driver"
 * }</pre>
 *
 * @param isAvailable whether the backend can be created here
 * @param reason    why not (or a short note when available); never null
 */
public record Availability(boolean isAvailable, String reason) {

    /** Rejects a null reason and an unavailable answer without one. */
    public Availability {
        if (reason == null) {
            reason = "";
        }
        if (!isAvailable && reason.isBlank()) {
            throw new IllegalArgumentException("an unavailable backend must say why");
        }
    }

    /** The backend can be created. */
    public static Availability available() {
        return new Availability(true, "");
    }

    /** The backend cannot be created, because of {@code reason}. */
    public static Availability unavailable(String reason) {
        return new Availability(false, reason);
    }

    @Override
    public String toString() {
        return isAvailable ? (reason.isEmpty() ? "available" : "available (" + reason + ")")
                : "unavailable: " + reason;
    }
}
