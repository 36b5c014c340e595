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
    private void window(long perWindow) {
        bytes += perWindow;
        now += TimeUnit.SECONDS.toNanos(1);
        for (int i = 0; i < BoxingWatch.JOBS_PER_CHECK; i++) {
            watch.jobDone();
        }
    }

    /** {@code count} such seconds. */
    private void windows(int count, long perWindow) {
        for (int i = 0; i < count; i++) {
            window(perWindow);
        }
    }

    @Test
    void kernelsThatAllocateNothingNeverWarn() {
        windows(200, 0);
        assertThat(warnings).isEmpty();
    }

    @Test
    void boxingDuringWarmUpIsNotTheFault() {
        windows(29, 100L << 20);
        windows(100, 0);
        assertThat(warnings).isEmpty();
    }

    @Test
    void boxingThatPersistsAfterWarmUpWarnsOnce() {
        windows(200, 50L << 20);
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("boxed").contains("Restart the JVM").contains("MB");
        assertThat(watch.warned()).isTrue();
    }

    @Test
    void aLateCodePathWarmingUpForAFewSecondsIsNotTheFault() {
        windows(60, 0);
        // a path used for the first time boxes until C2 compiles it, then stops
        for (int round = 0; round < 10; round++) {
            windows(10, 50L << 20);
            window(0);
        }
        assertThat(warnings).isEmpty();
    }

    @Test
    void smallAllocationsStayUnderTheBar() {
        windows(200, BoxingWatch.BYTES_PER_WINDOW / 2);
        assertThat(warnings).isEmpty();
    }
}
