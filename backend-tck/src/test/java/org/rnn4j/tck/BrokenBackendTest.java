package org.rnn4j.tck;

import org.rnn4j.core.backend.Backends;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;
import org.junit.platform.testkit.engine.Events;
import org.rnn4j.api.backend.Backend;

/**
 * The kit must fail a broken backend, and point at the broken kernel: each contract below runs
 * the whole kit against the reference backend with one kernel corrupted (see
 * {@link BrokenBackends}); its failures must all be checks of that kernel, and the rest of the
 * kit must still pass.
 *
 * <p>The contracts are static nested classes, which surefire does not pick up on its own
 * (it excludes {@code *$*}): they run only here, through the JUnit Platform test kit.
 */
class BrokenBackendTest {

    static class GemmOffByAThousandth extends BackendContract {
        @Override
        protected Backend backend() {
            return BrokenBackends.gemmOffByAThousandth(Backends.discover().select("reference"));
        }
    }

    static class GruGatesSwapped extends BackendContract {
        @Override
        protected Backend backend() {
            return BrokenBackends.gruGatesSwapped(Backends.discover().select("reference"));
        }
    }

    static class DropoutCounterShifted extends BackendContract {
        @Override
        protected Backend backend() {
            return BrokenBackends.dropoutCounterShifted(Backends.discover().select("reference"));
        }
    }

    @Test
    void gemmOffByAThousandthFailsTheGemmChecks() {
        // GEMM bounds grow with k, so a few large-k cases may tolerate 1e-3; most must not.
        assertCaught(GemmOffByAThousandth.class, "gemm ", n -> !n.contains("refuses"));
    }

    @Test
    void swappedGruGatesFailTheGruForwardChecks() {
        assertCaught(GruGatesSwapped.class, "gruForward ", n -> !n.contains("refuses"));
    }

    @Test
    void dropoutMasksThatAreNotBitExactFail() {
        // With p = 0 every multiplier is 1, so a shifted counter cannot show there.
        assertCaught(DropoutCounterShifted.class, "dropoutMask ", n -> n.startsWith("dropoutMask p=")
                && !n.contains("p=0.0 "));
    }

    /**
     * Runs {@code contract}: every failure must be a check named {@code prefix...}, at least 70% of
     * the comparisons {@code noticing} selects among them must fail, and the rest of the kit
     * must pass.
     */
    private static void assertCaught(Class<? extends BackendContract> contract, String prefix,
                                     Predicate<String> noticing) {
        Events tests = EngineTestKit.engine("junit-jupiter").selectors(selectClass(contract)).execute().testEvents();
        List<String> failed = names(tests.failed());
        List<String> wronglyFailed = failed.stream().filter(n -> !n.startsWith(prefix)).collect(Collectors.toList());
        List<String> shouldNotice = names(tests.started()).stream()
                .filter(n -> n.startsWith(prefix) && noticing.test(n)).collect(Collectors.toList());
        long noticed = shouldNotice.stream().filter(failed::contains).count();

        assertThat(wronglyFailed).as("checks of intact kernels that failed").isEmpty();
        assertThat(tests.aborted().count()).as("aborted checks").isZero();
        assertThat(tests.succeeded().count()).as("checks that passed").isGreaterThan(1000);
        assertThat(shouldNotice).as("comparisons of the corrupted kernel").isNotEmpty();
        assertThat((double) noticed).as("%s of %s comparisons of the corrupted kernel failed", noticed,
                shouldNotice.size()).isGreaterThanOrEqualTo(0.7 * shouldNotice.size());
    }

    private static List<String> names(Events events) {
        return events.stream().map(BrokenBackendTest::name).collect(Collectors.toList());
    }

    private static String name(Event event) {
        return event.getTestDescriptor().getDisplayName();
    }
}
