package org.rnn4j.core.backend;

import java.util.Comparator;
import java.util.Locale;
import org.rnn4j.api.backend.Availability;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.backend.BackendProvider;

/**
 * One usable provider with the facts read from it once: name, priority, description. Its probe
 * and its {@code create()} run lazily, at most once each, and their outcome is kept, so a CUDA
 * probe or context is never attempted twice and never for a backend nobody asked for.
 */
final class Candidate {

    /** Highest priority first, then name, then class name: never the class-path order. */
    static final Comparator<Candidate> RANKING = (a, b) -> {
        int byPriority = Integer.compare(b.priority, a.priority);
        if (byPriority != 0) {
            return byPriority;
        }
        int byName = a.key.compareTo(b.key);
        return byName != 0 ? byName : a.providerClass.compareTo(b.providerClass);
    };

    final BackendProvider provider;
    final String name;
    final String key;
    final int priority;
    final String description;
    final String providerClass;

    private Availability availability;
    private boolean createAttempted;
    private Backend backend;
    private Throwable creationFailure;

    Candidate(BackendProvider provider, String name, int priority, String description) {
        this.provider = provider;
        this.name = name;
        this.key = key(name);
        this.priority = priority;
        this.description = description == null ? "" : description.strip();
        this.providerClass = provider.getClass().getName();
    }

    /** How names are compared: trimmed, lower case, locale-independent. */
    static String key(String name) {
        return name.strip().toLowerCase(Locale.ROOT);
    }

    /** The probe's answer, asked once; a probe that throws or answers null counts as unavailable. */
    synchronized Availability availability() {
        if (availability == null) {
            Availability answer;
            try {
                answer = provider.probe();
                if (answer == null) {
                    answer = Availability.unavailable("probe failed: " + providerClass
                            + ".probe() returned null");
                }
            } catch (Throwable e) {
                // Probes must never throw, but a broken one must not break selection either.
                answer = Availability.unavailable("probe failed: " + Failures.describe(e));
            }
            availability = answer;
        }
        return availability;
    }

    BackendInfo info() {
        return new BackendInfo(name, priority, description, availability(), providerClass);
    }

    /** Whether {@link #create()} has been called before. */
    synchronized boolean created() {
        return createAttempted;
    }

    /**
     * The backend, created on the first call; later calls return the same instance, or rethrow
     * the first failure without calling the provider again.
     *
     * @throws CreationFailed when {@code create()} threw or returned null
     */
    synchronized Backend create() throws CreationFailed {
        if (!createAttempted) {
            createAttempted = true;
            try {
                backend = provider.create();
                if (backend == null) {
                    creationFailure = new IllegalStateException(providerClass + ".create() returned null");
                }
            } catch (Throwable e) {
                creationFailure = e;
            }
        }
        if (creationFailure != null) {
            throw new CreationFailed(creationFailure);
        }
        return backend;
    }

    /** Internal signal carrying what {@code create()} threw, so the caller can word the message. */
    static final class CreationFailed extends Exception {
        private static final long serialVersionUID = 1L;

        CreationFailed(Throwable cause) {
            super(cause);
        }
    }
}
