package org.rnn4j.backend.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The watch over a worker's allocations, driven by a fake counter and a fake clock. */
class BoxingWatchTest {

    private long bytes;
    private long now;
    private final List<String> warnings = new ArrayList<>();
    private final BoxingWatch watch = new BoxingWatch(() -> bytes, () -> now, warnings::add);

    /** One second of jobs allocating {@code perWindow} bytes, then enough jobs to close the window. */
    private void window(long perWindow, double seconds) {
        bytes += perWindow;
        now += (long) (seconds * TimeUnit.SECONDS.toNanos(1));
        for (int i = 0; i < BoxingWatch.JOBS_PER_CHECK; i++) {
            watch.jobDone();
        }
    }

    @Test
    void kernelsThatAllocateNothingNeverWarn() {
        for (int i = 0; i < 200; i++) {
            window(0, 1);
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void boxingDuringWarmUpIsNotTheFault() {
        for (int i = 0; i < 29; i++) {
            window(100L << 20, 1);
        }
        for (int i = 0; i < 100; i++) {
            window(0, 1);
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void boxingThatPersistsAfterWarmUpWarnsOnce() {
        for (int i = 0; i < 200; i++) {
            window(50L << 20, 1);
        }
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("boxed").contains("Restart the JVM").contains("MB");
        assertThat(watch.warned()).isTrue();
    }

    @Test
    void aLateCodePathWarmingUpForAFewSecondsIsNotTheFault() {
        for (int i = 0; i < 60; i++) {
            window(0, 1);
        }
        // a path used for the first time boxes until C2 compiles it, then stops
        for (int round = 0; round < 10; round++) {
            for (int i = 0; i < 10; i++) {
                window(50L << 20, 1);
            }
            window(0, 1);
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void smallAllocationsStayUnderTheBar() {
        for (int i = 0; i < 200; i++) {
            window(BoxingWatch.BYTES_PER_WINDOW / 2, 1);
        }
        assertThat(warnings).isEmpty();
    }
}
