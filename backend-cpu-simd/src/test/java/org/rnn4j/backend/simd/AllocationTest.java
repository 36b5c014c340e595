package org.rnn4j.backend.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The steady state allocates nothing: after warm-up a training step of a 2-layer LSTM (hidden
 * 96, batch 16, 20 steps; forward, head GEMM, softmax cross-entropy, BPTT, Adam) allocates less
 * than 1 KiB, counted over the calling thread and every pool worker, fed a dense block or token
 * ids (the one-hot products of a character model).
 *
 * <p>Warm-up means until C2 has compiled the kernels: before that, the interpreter and C1 box
 * every vector in an object. So the test warms up in rounds of steps until a round stays under
 * the bound (at most {@link #WARM_UP_SECONDS}), then measures {@link #MEASURED} fresh steps.
 */
class AllocationTest {

    private static final int WARM_UP = 5;
    private static final int WARM_UP_SECONDS = 60;
    private static final int MEASURED = 20;

    @ParameterizedTest(name = "token input: {0}")
    @ValueSource(booleans = {false, true})
    void aTrainingStepAllocatesUnderOneKibibyte(boolean tokenInput) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(bean instanceof com.sun.management.ThreadMXBean, "no per-thread allocation counter");
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
        Assumptions.assumeTrue(threads.isThreadAllocatedMemorySupported(), "no per-thread allocation counter");
        threads.setThreadAllocatedMemoryEnabled(true);
        try (SimdBackend backend = new SimdBackend(2);
             TrainingLoop loop = new TrainingLoop(backend, 20, 16, 32, 96, 50, 3, tokenInput)) {
            for (int i = 0; i < WARM_UP; i++) {
                loop.step();
            }
            long deadline = System.nanoTime() + WARM_UP_SECONDS * 1_000_000_000L;
            int warmUpSteps = WARM_UP;
            while (System.nanoTime() < deadline) {
                long start = threads.getThreadAllocatedBytes(Thread.currentThread().getId());
                for (int i = 0; i < 10; i++) {
                    loop.step();
                }
                warmUpSteps += 10;
                if (threads.getThreadAllocatedBytes(Thread.currentThread().getId()) - start < 10 * 1024) {
                    break;
                }
            }
            Thread[] workers = backend.workerThreads();
            assertThat(workers).as("the pool ran parallel work during warm-up").isNotEmpty();
            long[] ids = new long[workers.length + 1];
            ids[0] = Thread.currentThread().getId();
            for (int i = 0; i < workers.length; i++) {
                ids[i + 1] = workers[i].getId();
            }
            long[] before = new long[ids.length];
            long[] after = new long[ids.length];
            // The measuring calls allocate their result arrays: take both readings the same way.
            threads.getThreadAllocatedBytes(ids);
            long[] probe = threads.getThreadAllocatedBytes(ids);
            long[] probe2 = threads.getThreadAllocatedBytes(ids);
            long readingCost = probe2[0] - probe[0];
            System.arraycopy(threads.getThreadAllocatedBytes(ids), 0, before, 0, ids.length);
            for (int i = 0; i < MEASURED; i++) {
                loop.step();
            }
            System.arraycopy(threads.getThreadAllocatedBytes(ids), 0, after, 0, ids.length);
            long total = -readingCost;
            StringBuilder perThread = new StringBuilder();
            for (int i = 0; i < ids.length; i++) {
                total += after[i] - before[i];
                perThread.append(i == 0 ? "caller" : workers[i - 1].getName()).append('=')
                        .append(after[i] - before[i]).append(' ');
            }
            double perStep = (double) total / MEASURED;
            System.out.printf("allocation per training step after %d warm-up steps: %.1f bytes (%s)%n",
                    warmUpSteps, perStep, perThread);
            assertThat(perStep).as("bytes allocated per training step (%s)", perThread).isLessThan(1024);
        }
    }
}
