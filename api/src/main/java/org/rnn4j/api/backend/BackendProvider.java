package org.rnn4j.api.backend;

/**
 * The service-provider interface through which backends are found: each backend module lists
 * its implementation in {@code META-INF/services/org.rnn4j.api.backend.BackendProvider} (and in
 * {@code provides ... with ...} where modules are used).
 *
 * <p><b>Lifecycle.</b> A provider must be cheap to construct: its no-argument constructor and
 * {@link #name()}, {@link #priority()} and {@link #probe()} must not load native libraries
 * eagerly into the JVM in a way that can fail, start threads, or change global state. The
 * selector calls {@link #probe()} at most once per discovery and {@link #create()} at most once,
 * and only for the backend actually chosen (a CUDA context is costly and can fail).
 *
 * <pre>{@code
 * public final class MyProvider implements BackendProvider {
 *     public String name() { return "my-backend"; }
 *     public int priority() { return 50; }
 *     public Availability probe() { return Availability.available(); }
 *     public Backend create() { return new MyBackend(); }
 * }
 * }</pre>
 */
public interface BackendProvider {

    /**
     * The unique, lower-case name users select this backend by (system property
     * {@code rnn4j.backend}, CLI flag {@code --backend}).
     */
    String name();

    /**
     * Rank for automatic selection: the available backend with the highest priority wins, ties
     * broken by name. Conventions: reference 0, CPU SIMD 100, GPU 200, oracles below 0.
     */
    int priority();

    /** A one-line description for listings, e.g. "plain Java, float32". */
    default String description() {
        return "";
    }

    /**
     * Whether this backend can run here. Must never throw: any failure is caught and answered
     * as {@link Availability#unavailable(String)} with a reason that says how to fix it.
     */
    Availability probe();

    /**
     * Creates the backend. Called at most once, and only after {@link #probe()} answered
     * available.
     *
     * @throws IllegalStateException if creation fails despite the probe, with the reason
     */
    Backend create();
}
