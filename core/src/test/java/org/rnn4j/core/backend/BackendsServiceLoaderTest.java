package org.rnn4j.core.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.api.backend.BackendProvider;
import org.rnn4j.core.backend.fakes.AlphaProvider;
import org.rnn4j.core.backend.fakes.BetaProvider;
import org.rnn4j.core.backend.fakes.ConstructorThrowsProvider;
import org.rnn4j.core.backend.fakes.NotAProvider;
import org.rnn4j.core.backend.fakes.ProbeThrowsProvider;

/** Discovery through a real {@link java.util.ServiceLoader} over service files written per test. */
class BackendsServiceLoaderTest {

    private static final String SERVICE_FILE = "META-INF/services/" + BackendProvider.class.getName();

    @TempDir
    Path temp;

    @Test
    void brokenEntriesAreReportedAndTheOthersStillFound() throws IOException {
        Path dir = serviceDir("one", ConstructorThrowsProvider.class.getName(), "com.example.DoesNotExist",
                NotAProvider.class.getName(), AlphaProvider.class.getName(), ProbeThrowsProvider.class.getName());

        try (URLClassLoader loader = isolated(dir)) {
            Backends backends = Backends.discover(loader);

            assertThat(backends.list()).extracting(BackendInfo::name).containsExactly("probe-throws", "alpha");
            assertThat(backends.list().get(0).availability().reason())
                    .startsWith("probe failed: UnsatisfiedLinkError: libfake.so");
            assertThat(backends.brokenProviders()).hasSize(3);
            assertThat(backends.brokenProviders()).anySatisfy(b -> {
                assertThat(b.provider()).isEqualTo(ConstructorThrowsProvider.class.getName());
                assertThat(b.reason()).contains("could not be instantiated")
                        .contains("constructor exploded on purpose");
            });
            assertThat(backends.brokenProviders()).anySatisfy(b -> {
                assertThat(b.provider()).isEqualTo("com.example.DoesNotExist");
                assertThat(b.reason()).contains("not found");
            });
            assertThat(backends.brokenProviders()).anySatisfy(b -> {
                assertThat(b.provider()).isEqualTo(NotAProvider.class.getName());
                assertThat(b.reason()).contains("not a subtype");
            });
            assertThat(backends.select().name()).isEqualTo("alpha");
        }
    }

    @Test
    void theChoiceDoesNotDependOnClassPathOrder() throws IOException {
        Path betaFirst = serviceDir("b", BetaProvider.class.getName());
        Path alphaFirst = serviceDir("a", AlphaProvider.class.getName());

        try (URLClassLoader ab = isolated(alphaFirst, betaFirst);
             URLClassLoader ba = isolated(betaFirst, alphaFirst)) {
            Backends one = Backends.discover(ab);
            Backends other = Backends.discover(ba);

            assertThat(one.select().name()).isEqualTo("alpha");
            assertThat(other.select().name()).isEqualTo("alpha");
            assertThat(one.list()).extracting(BackendInfo::name).containsExactly("alpha", "beta");
            assertThat(other.list()).isEqualTo(one.list());
        }
    }

    @Test
    void theOrderWithinOneServiceFileDoesNotMatterEither() throws IOException {
        Path ab = serviceDir("ab", AlphaProvider.class.getName(), BetaProvider.class.getName());
        Path ba = serviceDir("ba", BetaProvider.class.getName(), AlphaProvider.class.getName());

        try (URLClassLoader first = isolated(ab); URLClassLoader second = isolated(ba)) {
            assertThat(Backends.discover(first).resolve("auto").name()).isEqualTo("alpha");
            assertThat(Backends.discover(second).resolve("auto").name()).isEqualTo("alpha");
        }
    }

    @Test
    void providersOfTheParentLoaderAreFoundAlongsideAndNeverOutrankPositivePriorities() throws IOException {
        // Core's own service file (reference at 0, reference-f64 at -100) is visible here when present.
        Path dir = serviceDir("open", BetaProvider.class.getName(), AlphaProvider.class.getName());

        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, testLoader())) {
            Backends backends = Backends.discover(loader);

            assertThat(backends.list()).extracting(BackendInfo::name).contains("alpha", "beta");
            assertThat(backends.select().name()).isEqualTo("alpha");
        }
    }

    @Test
    void discoverUsesTheContextClassLoader() throws IOException {
        Path dir = serviceDir("ctx", BetaProvider.class.getName());
        Thread thread = Thread.currentThread();
        ClassLoader saved = thread.getContextClassLoader();
        try (URLClassLoader loader = isolated(dir)) {
            thread.setContextClassLoader(loader);
            assertThat(Backends.discover().list()).extracting(BackendInfo::name).containsExactly("beta");
        } finally {
            thread.setContextClassLoader(saved);
        }
    }

    @Test
    void noProvidersAtAllIsReportedOnSelection() throws IOException {
        try (URLClassLoader loader = isolated()) {
            Backends backends = Backends.discover(loader);

            assertThat(backends.list()).isEmpty();
            assertThat(backends.report()).contains("no rnn4j backends found");
        }
    }

    private Path serviceDir(String name, String... lines) throws IOException {
        Path dir = temp.resolve(name);
        Path file = dir.resolve(SERVICE_FILE);
        Files.createDirectories(file.getParent());
        Files.write(file, List.of(lines), StandardCharsets.UTF_8);
        return dir;
    }

    private static ClassLoader testLoader() {
        return BackendsServiceLoaderTest.class.getClassLoader();
    }

    /** Sees the fake classes through the test loader, but only the service files under {@code dirs}. */
    private static URLClassLoader isolated(Path... dirs) throws IOException {
        URL[] urls = new URL[dirs.length];
        for (int i = 0; i < dirs.length; i++) {
            urls[i] = dirs[i].toUri().toURL();
        }
        return new URLClassLoader(urls, testLoader()) {
            @Override
            public Enumeration<URL> getResources(String resource) throws IOException {
                return SERVICE_FILE.equals(resource) ? findResources(resource) : super.getResources(resource);
            }
        };
    }
}
