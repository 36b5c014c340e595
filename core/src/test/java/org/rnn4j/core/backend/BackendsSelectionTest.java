package org.rnn4j.core.backend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.backend.Backend;

class BackendsSelectionTest {

    private final FakeProvider cuda = FakeProvider.unavailable("cuda", 200, "libcuda.so.1 not found");
    private final FakeProvider simd = FakeProvider.available("cpu-simd", 100);
    private final FakeProvider reference = FakeProvider.available("reference", 0);
    private final FakeProvider f64 = FakeProvider.available("reference-f64", -100);

    private Backends all() {
        return Backends.of(reference, f64, cuda, simd);
    }

    @Test
    void autoPicksTheAvailableBackendOfHighestPriority() {
        Backend chosen = all().select("auto");

        assertThat(chosen.name()).isEqualTo("cpu-simd");
        assertThat(simd.creates).hasValue(1);
    }

    @Test
    void autoPassesOverAHigherUnavailableBackendAndSaysWhy() {
        Backends backends = Backends.of(reference, cuda);

        assertThat(backends.resolve("auto").name()).isEqualTo("reference");
        assertThat(SelectionMessages.autoChose(candidate("reference", 0), List.of(candidate(cuda))))
                .isEqualTo("rnn4j backend 'reference' chosen automatically (priority 0); "
                        + "passed over: cuda (priority 200): libcuda.so.1 not found");
        assertThat(cuda.creates).hasValue(0);
    }

    @Test
    void aNamedBackendIsUsedEvenWhenABetterOneIsAvailable() {
        Backends backends = all();

        assertThat(backends.select("reference").name()).isEqualTo("reference");
        assertThat(backends.select("  Reference-F64 ").name()).isEqualTo("reference-f64");
        assertThat(simd.creates).hasValue(0);
    }

    @Test
    void anUnknownNameIsAnErrorThatListsTheKnownNames() {
        assertThatThrownBy(() -> all().select("cdua"))
                .isInstanceOf(UnknownBackendException.class)
                .hasMessage("unknown backend 'cdua'; known backends: cpu-simd, cuda, reference, reference-f64;"
                        + " use one of them or 'auto'")
                .extracting(e -> ((BackendSelectionException) e).requested()).isEqualTo("cdua");
    }

    @Test
    void anUnknownNameWithNoBackendsAtAllSaysWhatToPutOnTheClassPath() {
        assertThatThrownBy(() -> Backends.of(List.of()).select("reference"))
                .isInstanceOf(UnknownBackendException.class)
                .hasMessageContaining("no backends were found")
                .hasMessageContaining("class path");
    }

    @Test
    void namingAnUnavailableBackendFailsWithItsReasonAndNeverFallsBack() {
        Backends backends = all();

        assertThatThrownBy(() -> backends.select("cuda"))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageStartingWith("backend 'cuda' is unavailable: libcuda.so.1 not found; other backends: ")
                .hasMessageContaining("cpu-simd (available)")
                .hasMessageContaining("reference (available)")
                .hasMessageContaining("reference-f64 (available)")
                .hasMessageContaining("-Drnn4j.backend=");
        assertThat(List.of(cuda, simd, reference, f64)).allSatisfy(p -> assertThat(p.creates).hasValue(0));
    }

    @Test
    void autoWithNothingAvailableListsEveryReason() {
        Backends backends = Backends.of(cuda, FakeProvider.unavailable("cpu-simd", 100,
                "module jdk.incubator.vector not resolved; run with --add-modules jdk.incubator.vector"));

        assertThatThrownBy(backends::select)
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("no backend is available")
                .hasMessageContaining("cuda: libcuda.so.1 not found")
                .hasMessageContaining("cpu-simd: module jdk.incubator.vector not resolved");
    }

    @Test
    void aProbeThatThrowsMakesItsBackendUnavailableAndIsAskedOnlyOnce() {
        FakeProvider flaky = FakeProvider.available("flaky", 500)
                .probeThrows(new IllegalStateException("driver exploded"));
        Backends backends = Backends.of(flaky, reference);

        assertThat(backends.select().name()).isEqualTo("reference");
        assertThat(backends.list()).first().satisfies(info -> {
            assertThat(info.name()).isEqualTo("flaky");
            assertThat(info.isAvailable()).isFalse();
            assertThat(info.availability().reason())
                    .isEqualTo("probe failed: IllegalStateException: driver exploded");
        });
        assertThatThrownBy(() -> backends.select("flaky"))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("probe failed: IllegalStateException: driver exploded");
        backends.report();
        assertThat(flaky.probes).hasValue(1);
        assertThat(flaky.creates).hasValue(0);
    }

    @Test
    void onlyTheChosenBackendIsCreatedAndOnlyOnce() {
        Backends backends = all();

        Backend first = backends.select("auto");
        Backend again = backends.select("cpu-simd");

        assertThat(again).isSameAs(first);
        assertThat(simd.creates).hasValue(1);
        assertThat(List.of(cuda, reference, f64)).allSatisfy(p -> assertThat(p.creates).hasValue(0));
    }

    @Test
    void aNamedAvailableBackendIsChosenWithoutProbingTheOthers() {
        Backends backends = all();

        backends.select("reference");

        assertThat(List.of(cuda, simd, f64)).allSatisfy(p -> assertThat(p.probes).hasValue(0));
        assertThat(reference.probes).hasValue(1);
    }

    @Test
    void aFailingCreateIsWrappedNamingTheBackendAndNotRetried() {
        IllegalStateException boom = new IllegalStateException("CUDA_ERROR_OUT_OF_MEMORY");
        FakeProvider gpu = FakeProvider.available("cuda", 200).createThrows(boom);
        Backends backends = Backends.of(gpu, reference);

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(backends::select)
                    .isInstanceOf(BackendCreationException.class)
                    .hasMessageStartingWith("backend 'cuda' could not be created although its probe said available: "
                            + "IllegalStateException: CUDA_ERROR_OUT_OF_MEMORY")
                    .hasMessageContaining("reference")
                    .hasCause(boom);
        }
        assertThat(gpu.creates).hasValue(1);
    }

    @Test
    void equalPrioritiesAreOrderedByNameWhateverTheProviderOrder() {
        Backends one = Backends.of(FakeProvider.available("beta", 7), FakeProvider.available("alpha", 7));
        Backends other = Backends.of(FakeProvider.available("alpha", 7), FakeProvider.available("beta", 7));

        assertThat(one.select().name()).isEqualTo("alpha");
        assertThat(other.select().name()).isEqualTo("alpha");
        assertThat(one.list()).extracting(BackendInfo::name).containsExactly("alpha", "beta");
        assertThat(other.list()).isEqualTo(one.list().stream()
                .map(i -> new BackendInfo(i.name(), i.priority(), i.description(), i.availability(), i.provider()))
                .toList());
    }

    @Test
    void listIsSortedByPriorityThenName() {
        assertThat(all().list()).extracting(BackendInfo::name)
                .containsExactly("cuda", "cpu-simd", "reference", "reference-f64");
    }

    @Test
    void aDuplicateNameKeepsTheBetterRankedProviderAndReportsTheOther() {
        FakeProvider low = FakeProvider.available("twin", 1);
        FakeProvider high = FakeProvider.available("twin", 2);
        Backends backends = Backends.of(low, high);

        assertThat(backends.list()).singleElement().extracting(BackendInfo::priority).isEqualTo(2);
        assertThat(backends.brokenProviders()).singleElement().satisfies(b -> {
            assertThat(b.name()).isEqualTo("twin");
            assertThat(b.reason()).contains("duplicate backend name 'twin' (priority 1)");
        });
        backends.select("twin");
        assertThat(high.creates).hasValue(1);
        assertThat(low.creates).hasValue(0);
    }

    @Test
    void aProviderWhoseNameOrPriorityThrowsIsSkippedAndReported() {
        FakeProvider nameless = new FakeProvider.Throwing("name");
        FakeProvider rankless = new FakeProvider.Throwing("priority");
        Backends backends = Backends.of(nameless, rankless, reference);

        assertThat(backends.list()).extracting(BackendInfo::name).containsExactly("reference");
        assertThat(backends.brokenProviders()).extracting(BrokenProvider::reason).containsExactlyInAnyOrder(
                "name() failed: IllegalStateException: name broke",
                "priority() failed: IllegalStateException: priority broke");
        assertThatThrownBy(() -> backends.select("throws-in-priority"))
                .isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("priority() failed: IllegalStateException: priority broke")
                .hasMessageContaining("reference (available)");
    }

    @Test
    void theNameAutoIsReserved() {
        Backends backends = Backends.of(FakeProvider.available("AUTO", 5), reference);

        assertThat(backends.select("auto").name()).isEqualTo("reference");
        assertThat(backends.brokenProviders()).singleElement()
                .extracting(BrokenProvider::reason).asString().contains("reserved");
    }

    @Test
    void nullAndBlankMeanAuto() {
        Backends backends = all();

        assertThat(backends.resolve(null).name()).isEqualTo("cpu-simd");
        assertThat(backends.resolve("  ").name()).isEqualTo("cpu-simd");
        assertThat(backends.resolve(" AUTO ").name()).isEqualTo("cpu-simd");
    }

    private static Candidate candidate(String name, int priority) {
        return new Candidate(FakeProvider.available(name, priority), name, priority, "");
    }

    private static Candidate candidate(FakeProvider p) {
        return new Candidate(p, p.name(), p.priority(), "");
    }
}
