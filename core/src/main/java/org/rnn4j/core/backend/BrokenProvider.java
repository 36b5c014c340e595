package org.rnn4j.core.backend;

import java.util.Objects;

/**
 * A backend provider that discovery had to skip: its class could not be loaded or instantiated,
 * its {@code name()} or {@code priority()} threw, or another provider already claimed its name.
 * Skipping one provider never stops the others from being found.
 *
 * <pre>{@code
 * for (BrokenProvider broken : Backends.discover().brokenProviders()) {
 *     log.warn("{}: {}", broken.provider(), broken.reason());
 * }
 * }</pre>
 *
 * @param provider the provider's class name, or a description of the service entry when even the
 *                 class could not be named
 * @param name     the backend name the provider reported, or {@code null} when it never said
 * @param reason   what went wrong, in words a user can act on
 */
public record BrokenProvider(String provider, String name, String reason) {

    /** Rejects a null provider or reason. */
    public BrokenProvider {
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String toString() {
        return (name == null ? "" : "'" + name + "' ") + "(" + provider + "): " + reason;
    }
}
