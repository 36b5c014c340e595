package org.rnn4j.core.backend;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.backend.BackendProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the compute backends on the class path and picks one, as the system property
 * {@value #PROPERTY} says: {@code auto} (the default) takes the available backend of highest
 * priority, ties broken by name, so the choice never depends on class-path order; any other value
 * names exactly one backend, and naming one that is unknown or unavailable is an error that says
 * why and lists the others, never a silent fallback. No environment variable is consulted.
 *
 * <pre>{@code
 * Backends backends = Backends.discover();          // ServiceLoader, once
 * Backend backend = backends.select();              // honours -Drnn4j.backend=...
 * Backend cpu = backends.select("cpu-simd");        // or by name
 * System.out.print(backends.report());              // the listing of `rnn4j backends`
 * }</pre>
 *
 * <p><b>What runs when.</b> Discovery instantiates every provider and reads its name and
 * priority; a provider that fails there is reported ({@link #brokenProviders()}) and skipped, never
 * fatal to the others. A provider's {@code probe()} runs at most once per {@code Backends}
 * instance, only when its answer is needed, and a probe that throws counts as unavailable. Only the
 * chosen backend's {@code create()} is called, at most once per instance: later selections of the
 * same backend return the same {@link Backend} (or the same failure). The caller owns the returned
 * backends and closes them when done.
 *
 * <p><b>Logging.</b> Through SLF4J, logger {@code org.rnn4j.core.backend.Backends}: INFO when a
 * backend is created (for {@code auto}, with why each better-ranked backend was passed over), WARN
 * for each skipped provider at discovery.
 *
 * <p>Instances are thread-safe. Nothing here is static or JVM-global except the read of the
 * system property.
 */
public final class Backends {

    /** The system property that chooses the backend: {@code auto} or a backend name. */
    public static final String PROPERTY = "rnn4j.backend";

    /** The value that asks for automatic selection, also the default. */
    public static final String AUTO = "auto";

    private static final Logger LOG = LoggerFactory.getLogger(Backends.class);

    /** Usable backends, highest priority first, then by name; names unique. */
    private final List<Candidate> candidates;
    private final List<BrokenProvider> broken;

    private Backends(List<BackendProvider> providers, List<BrokenProvider> loadFailures) {
        List<BrokenProvider> skipped = new ArrayList<>(loadFailures);
        List<Candidate> usable = new ArrayList<>();
        for (BackendProvider provider : providers) {
            Candidate candidate = inspect(provider, skipped);
            if (candidate != null) {
                usable.add(candidate);
            }
        }
        usable.sort(Candidate.RANKING);
        Map<String, Candidate> byName = new LinkedHashMap<>();
        for (Candidate c : usable) {
            Candidate kept = byName.putIfAbsent(c.key, c);
            if (kept != null) {
                skipped.add(new BrokenProvider(c.providerClass, c.name, "duplicate backend name '"
                        + c.name + "' (priority " + c.priority + "); " + kept.providerClass + " (priority "
                        + kept.priority + ") provides it and is used; remove one of the two from the class path"));
            }
        }
        skipped.sort(Comparator.comparing(BrokenProvider::provider).thenComparing(BrokenProvider::reason));
        this.candidates = List.copyOf(byName.values());
        this.broken = List.copyOf(skipped);
        for (BrokenProvider b : broken) {
            LOG.warn("skipped rnn4j backend provider {}", b);
        }
    }

    /**
     * Discovers the providers visible to the thread's context class loader (or, when it has none,
     * to the loader of this class).
     *
     * <pre>{@code Backends backends = Backends.discover();}</pre>
     */
    public static Backends discover() {
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return discover(loader != null ? loader : Backends.class.getClassLoader());
    }

    /**
     * Discovers the providers that {@link java.util.ServiceLoader} finds through {@code loader}.
     *
     * <pre>{@code Backends backends = Backends.discover(pluginLoader);}</pre>
     */
    public static Backends discover(ClassLoader loader) {
        ProviderScan scan = ProviderScan.of(loader);
        return new Backends(scan.providers, scan.broken);
    }

    /**
     * Uses exactly the given providers, without {@link java.util.ServiceLoader}: for tests and
     * for applications that assemble their backends themselves.
     *
     * <pre>{@code Backends backends = Backends.of(List.of(new ReferenceProvider()));}</pre>
     */
    public static Backends of(List<? extends BackendProvider> providers) {
        if (providers == null) {
            throw new IllegalArgumentException("providers must not be null");
        }
        List<BrokenProvider> nulls = new ArrayList<>();
        List<BackendProvider> given = new ArrayList<>();
        for (int i = 0; i < providers.size(); i++) {
            BackendProvider p = providers.get(i);
            if (p == null) {
                nulls.add(new BrokenProvider("providers[" + i + "]", null, "is null"));
            } else {
                given.add(p);
            }
        }
        return new Backends(given, nulls);
    }

    /** As {@link #of(List)}. <pre>{@code Backends.of(new ReferenceProvider(), new CudaProvider())}</pre> */
    public static Backends of(BackendProvider... providers) {
        return of(Arrays.asList(providers));
    }

    /**
     * The value of {@value #PROPERTY}, trimmed and in lower case; {@code "auto"} when unset or
     * blank.
     *
     * <pre>{@code String wanted = Backends.requestedBackend();   // "auto" by default}</pre>
     */
    public static String requestedBackend() {
        return normalise(System.getProperty(PROPERTY));
    }

    /**
     * Every usable backend with its probe's answer, highest priority first, then by name. Probes
     * every backend not probed yet (once).
     *
     * <pre>{@code backends.list().forEach(b -> System.out.println(b.name() + ": " + b.availability()));}</pre>
     */
    public List<BackendInfo> list() {
        return candidates.stream().map(Candidate::info).toList();
    }

    /**
     * The providers discovery skipped, with the reason: not loadable, not constructible, a
     * {@code name()} or {@code priority()} that threw, a duplicate name. Sorted by provider.
     *
     * <pre>{@code backends.brokenProviders().forEach(b -> log.warn("{}", b));}</pre>
     */
    public List<BrokenProvider> brokenProviders() {
        return broken;
    }

    /**
     * The backend {@code requested} would select, without creating it.
     *
     * <pre>{@code BackendInfo info = backends.resolve("auto");   // e.g. cpu-simd}</pre>
     *
     * @param requested {@code "auto"} or a backend name; trimmed, case-insensitive; null or blank means auto
     * @throws UnknownBackendException      no backend has that name
     * @throws BackendUnavailableException  it (or, for auto, every backend) cannot run here
     */
    public BackendInfo resolve(String requested) {
        return choose(normalise(requested)).info();
    }

    /**
     * The backend that {@value #PROPERTY} selects (default {@code auto}), created on first use.
     *
     * <pre>{@code Backend backend = Backends.discover().select();}</pre>
     *
     * @throws BackendSelectionException as {@link #select(String)}
     */
    public Backend select() {
        return select(requestedBackend());
    }

    /**
     * The backend named {@code requested}, or for {@code "auto"} the available one of highest
     * priority, ties broken by name. Created on the first call; the same instance afterwards.
     *
     * <pre>{@code Backend backend = backends.select("reference");}</pre>
     *
     * @param requested {@code "auto"} or a backend name; trimmed, case-insensitive; null or blank means auto
     * @throws UnknownBackendException     no backend has that name; the message lists the known ones
     * @throws BackendUnavailableException it cannot run here; the message gives its reason and the
     *                                     others' availability
     * @throws BackendCreationException    its {@code create()} failed
     */
    public synchronized Backend select(String requested) {
        String wanted = normalise(requested);
        Candidate chosen = choose(wanted);
        boolean first = !chosen.created();
        Backend backend;
        try {
            backend = chosen.create();
        } catch (Candidate.CreationFailed e) {
            throw new BackendCreationException(chosen.name,
                    SelectionMessages.creationFailed(chosen, e.getCause(), candidates), e.getCause());
        }
        if (first) {
            LOG.info(AUTO.equals(wanted)
                    ? SelectionMessages.autoChose(chosen, candidates.subList(0, candidates.indexOf(chosen)))
                    : SelectionMessages.namedChose(chosen));
        }
        return backend;
    }

    /**
     * A multi-line listing for people (the {@code rnn4j backends} command): every backend with
     * priority, description and availability, the one {@code auto} picks marked {@code *}, what
     * the current {@value #PROPERTY} selects, and the skipped providers. Probes every backend;
     * creates none.
     *
     * <pre>{@code
     * System.out.print(Backends.discover().report());
     * //   NAME       PRIORITY  DESCRIPTION         AVAILABILITY
     * //   cuda            200  JCuda, float32      unavailable: libcuda.so.1 not found
     * // * reference         0  plain Java, float32 available
     * // * = chosen by auto: reference
     * // rnn4j.backend=auto -> reference
     * }</pre>
     */
    public String report() {
        List<BackendInfo> infos = list();
        String autoChoice = infos.stream().filter(BackendInfo::isAvailable).map(BackendInfo::name)
                .findFirst().orElse(null);
        String property = requestedBackend();
        String outcome;
        try {
            outcome = resolve(property).name();
        } catch (BackendSelectionException e) {
            outcome = "error: " + e.getMessage();
        }
        return Report.render(infos, broken, autoChoice, property, outcome);
    }

    @Override
    public String toString() {
        return "Backends" + candidates.stream().map(c -> c.name).toList()
                + (broken.isEmpty() ? "" : " (" + broken.size() + " skipped)");
    }

    private Candidate choose(String wanted) {
        if (AUTO.equals(wanted)) {
            for (Candidate c : candidates) {
                if (c.availability().isAvailable()) {
                    return c;
                }
            }
            throw new BackendUnavailableException(AUTO, SelectionMessages.noneAvailable(candidates, broken));
        }
        Optional<Candidate> named = candidates.stream().filter(c -> c.key.equals(wanted)).findFirst();
        if (named.isEmpty()) {
            Optional<BrokenProvider> failed = broken.stream()
                    .filter(b -> b.name() != null && Candidate.key(b.name()).equals(wanted)).findFirst();
            if (failed.isPresent()) {
                throw new BackendUnavailableException(wanted,
                        SelectionMessages.brokenByName(wanted, failed.get(), candidates));
            }
            throw new UnknownBackendException(wanted, SelectionMessages.unknown(wanted, candidates, broken));
        }
        Candidate c = named.get();
        if (!c.availability().isAvailable()) {
            throw new BackendUnavailableException(c.name, SelectionMessages.unavailable(c, candidates));
        }
        return c;
    }

    /** Reads name(), priority() and description() once; a failure skips the provider. */
    private static Candidate inspect(BackendProvider provider, List<BrokenProvider> skipped) {
        String providerClass = provider.getClass().getName();
        String name;
        try {
            name = provider.name();
        } catch (Throwable e) {
            skipped.add(new BrokenProvider(providerClass, null, "name() failed: " + Failures.describe(e)));
            return null;
        }
        if (name == null || name.isBlank()) {
            skipped.add(new BrokenProvider(providerClass, null, "name() returned no name"));
            return null;
        }
        if (Candidate.key(name).equals(AUTO)) {
            skipped.add(new BrokenProvider(providerClass, name,
                    "the name '" + AUTO + "' is reserved for automatic selection; rename the backend"));
            return null;
        }
        int priority;
        try {
            priority = provider.priority();
        } catch (Throwable e) {
            skipped.add(new BrokenProvider(providerClass, name, "priority() failed: " + Failures.describe(e)));
            return null;
        }
        String description;
        try {
            description = provider.description();
        } catch (Throwable e) {
            // Cosmetic only: the backend still works, so it is listed with the failure as its text.
            description = "(description() failed: " + Failures.describe(e) + ")";
        }
        return new Candidate(provider, name.strip(), priority, description);
    }

    private static String normalise(String requested) {
        if (requested == null || requested.isBlank()) {
            return AUTO;
        }
        return Candidate.key(requested);
    }
}
