package org.rnn4j.backend.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.Test;

class WorkerPoolTest {

    @Test
    void pinnedJobsRunChunkIOnThreadIAndMixWithSharedJobs() {
        try (WorkerPool pool = new WorkerPool(3)) {
            String[] ranOn = new String[3];
            int[] sums = new int[1];
            AtomicIntegerArray hits = new AtomicIntegerArray(64);
            for (int round = 0; round < 2_000; round++) {
                pool.runPinned((chunk, worker) -> {
                    assertThat(chunk).isEqualTo(worker);
                    ranOn[chunk] = Thread.currentThread().getName();
                });
                assertThat(ranOn[0]).isEqualTo(Thread.currentThread().getName());
                assertThat(ranOn[1]).isEqualTo("rnn4j-cpu-simd-1");
                assertThat(ranOn[2]).isEqualTo("rnn4j-cpu-simd-2");
                pool.run((chunk, worker) -> hits.incrementAndGet(chunk), 64);
                sums[0]++;
            }
            for (int c = 0; c < 64; c++) {
                assertThat(hits.get(c)).as("chunk %d of the shared jobs", c).isEqualTo(sums[0]);
            }
        }
    }

    @Test
    void aFailingPinnedChunkIsRethrownToTheCaller() {
        try (WorkerPool pool = new WorkerPool(2)) {
            assertThatThrownBy(() -> pool.runPinned((chunk, worker) -> {
                if (chunk == 1) {
                    throw new IllegalStateException("chunk one failed");
                }
            })).hasMessage("chunk one failed");
            int[] ran = new int[2];
            pool.runPinned((chunk, worker) -> ran[chunk]++);
            assertThat(ran).containsExactly(1, 1);
        }
    }

    @Test
    void aBarrierHoldsEveryThreadUntilAllHaveArrived() {
        try (WorkerPool pool = new WorkerPool(3)) {
            int phases = 500;
            // each thread writes its slot of phase p, then after the barrier reads everybody's
            int[][] written = new int[phases][3];
            int[] mismatches = new int[3];
            for (int round = 0; round < 20; round++) {
                int base = round * phases;
                pool.runPinned((chunk, worker) -> {
                    for (int p = 0; p < phases; p++) {
                        written[p][worker] = base + p;
                        pool.barrier(worker);
                        for (int other = 0; other < 3; other++) {
                            if (written[p][other] != base + p) {
                                mismatches[worker]++;
                            }
                        }
                    }
                });
            }
            assertThat(mismatches).containsExactly(0, 0, 0);
        }
    }

    @Test
    void aFailureInsideABarrierJobReleasesTheWaitingThreads() {
        try (WorkerPool pool = new WorkerPool(2)) {
            assertThatThrownBy(() -> pool.runPinned((chunk, worker) -> {
                if (worker == 1) {
                    throw new IllegalStateException("worker one failed before the barrier");
                }
                pool.barrier(worker);
            })).hasMessage("worker one failed before the barrier");
            int[] ran = new int[2];
            pool.runPinned((chunk, worker) -> {
                pool.barrier(worker);
                ran[chunk]++;
            });
            assertThat(ran).containsExactly(1, 1);
        }
    }
}
