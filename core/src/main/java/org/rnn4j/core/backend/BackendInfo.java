package org.rnn4j.core.backend;

import java.util.Objects;
import org.rnn4j.api.backend.Availability;

/**
 * What discovery knows about one backend: its name, its rank for automatic selection, a
 * description for listings, and the answer of its probe.
 *
 * <pre>{@code
 * for (BackendInfo info : Backends.discover().list()) {
 *     System.out.println(info.name() + " " + info.priority() + " " + info.availability());
 * }
 * // cuda 200 unavailable: libcuda.so.1 not found
 * // reference 0 available
 * }</pre>
 *
 * @param name         the name the backend is selected by (as the provider spells it)
 * @param priority     rank for {@code auto}: higher wins, ties broken by name
 * @param description  a one-line description; empty when the provider gives none
 * @param availability the probe's answer; a probe that threw is reported as unavailable with
 *                     reason {@code "probe failed: ..."}
 * @param provider     the provider's class name, to tell which jar a backend came from
 */
public record BackendInfo(String name, int priority, String description, Availability availability,
                          String provider) {

    /** Rejects nulls, so listings never print "null". */
    public BackendInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(availability, "availability");
        description = description == null ? "" : description;
        provider = provider == null ? "" : provider;
    }

    /** Whether the probe answered available. */
    public boolean isAvailable() {
        return availability.isAvailable();
    }
}
