package org.rnn4j.bench;

import java.lang.management.ManagementFactory;

/**
 * Bytes allocated on the heap so far by all live threads of this JVM, the calling thread and a
 * backend's worker threads together: what a benchmark divides by its units of work to show a JVM
 * whose vectors are boxed (a healthy training step allocates next to nothing, a boxed one
 * gigabytes a second; see "allocated per character" in docs/benchmarks.md).
 *
 * <pre>{@code
 * long before = AllocatedBytes.allThreads();
 * trainSomeSteps();
 * long bytes = AllocatedBytes.allThreads() - before;
 * }</pre>
 *
 * <p>A thread that ends between two readings takes its count with it, so a difference is a lower
 * bound when threads come and go; the harness's threads (the caller, the pool workers) live for
 * the whole measurement.
 */
public final class AllocatedBytes {

    private AllocatedBytes() {
    }

    /** The sum over live threads, or -1 where the JVM does not count allocation per thread. */
    public static long allThreads() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads)
                || !threads.isThreadAllocatedMemorySupported() || !threads.isThreadAllocatedMemoryEnabled()) {
            return -1;
        }
        long sum = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) {
            if (bytes > 0) { // -1 for a thread that ended while being read
                sum += bytes;
            }
        }
        return sum;
    }
}
