package org.rnn4j.tck;

import org.rnn4j.core.backend.Backends;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectMethod;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.rnn4j.api.backend.Backend;

/**
 * What {@link BackendContract}'s Javadoc promises a backend module: the backend is created once
 * and closed once; aborting in {@code backend()} skips the kit instead of failing it; tolerances
 * looser than the kit's are refused. (Static nested contracts run only through the test kit.)
 */
class ContractLifecycleTest {

    static final AtomicInteger CREATED = new AtomicInteger();
    static final AtomicInteger CLOSED = new AtomicInteger();

    static class CountingContract extends BackendContract {
        @Override
        protected Backend backend() {
            CREATED.incrementAndGet();
            return BrokenBackends.corrupt(Backends.discover().select("reference"), "close", (real, args) -> {
                CLOSED.incrementAndGet();
                real.close();
                return null;
            });
        }
    }

    static class UnavailableContract extends BackendContract {
        @Override
        protected Backend backend() {
            Assumptions.abort("cuda: unavailable: libcuda.so.1 not found");
            return null;
        }
    }

    static class LooseContract extends BackendContract {
        @Override
        protected Backend backend() {
            return Backends.discover().select("reference");
        }

        @Override
        protected Tolerances tolerances() {
            Tolerances d = Tolerances.DEFAULT;
            return new Tolerances(d.elementwise(), new Tolerance(1e-3, 1e-3), d.reduction(), d.gemmFactor(),
                    d.gemmAbsolute());
        }
    }

    private static Events run(DiscoverySelector selector) {
        return EngineTestKit.engine("junit-jupiter").selectors(selector).execute().testEvents();
    }

    @Test
    void theBackendIsCreatedOnceAndClosedOnce() {
        CREATED.set(0);
        CLOSED.set(0);
        Events tests = run(selectClass(CountingContract.class));
        assertThat(tests.failed().count()).as("failed checks").isZero();
        assertThat(CREATED.get()).as("backend() calls").isEqualTo(1);
        assertThat(CLOSED.get()).as("close() calls").isEqualTo(1);
    }

    @Test
    void abortingInBackendSkipsTheKit() {
        // The abort happens when each nested group is set up, so the groups are reported skipped
        // (with the reason) and their dynamic tests are never generated.
        Events all = EngineTestKit.engine("junit-jupiter").selectors(selectClass(UnavailableContract.class))
                .execute().allEvents();
        assertThat(all.failed().count()).as("failures").isZero();
        assertThat(all.aborted().count()).as("skipped groups and tests").isGreaterThanOrEqualTo(8);
        assertThat(all.succeeded().filter(e -> e.getTestDescriptor().isTest()).count())
                .as("checks that ran against no backend").isLessThanOrEqualTo(1); // the tolerance check
    }

    @Test
    void looserTolerancesAreRefused() {
        Events tests = run(selectMethod(LooseContract.class, "statedTolerancesAreNoLooserThanTheKits"));
        assertThat(tests.failed().count()).as("failed checks").isEqualTo(1);
    }
}
