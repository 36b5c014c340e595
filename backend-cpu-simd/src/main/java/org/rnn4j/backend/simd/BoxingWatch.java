package org.rnn4j.backend.simd;

import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Notices, from a worker thread's own allocation counter, that the JIT has left this JVM's
 * vector kernels boxed, and says so once.
 *
 * <p><b>Why.</b> Compiled by C2, the kernels allocate nothing. In a JVM that runs with the
 * default {@code -XX:PerMethodTrapLimit}, C2 sometimes compiles a kernel with a Vector API store
 * not intrinsified (PrintIntrinsics: {@code missing constant}, see {@link TrapLimit}); the kernel
 * then boxes its vectors on the heap, for the life of the JVM: training 2-30% slower, in rare
 * JVMs 15x slower (docs/benchmarks.md, sections "Session 10" and "Session 11"). Nothing else shows
 * it, so a worker, which runs nothing but kernels,
 * reads what it allocated about once a second ({@link #WINDOW_NANOS}) and warns when that stays
 * high for {@link #PERSIST_NANOS} after the first {@link #GRACE_NANOS} of the pool's life (before
 * C2 has compiled a kernel, the interpreter and C1 box too; that is warm-up, not this fault).
 *
 * <p>Cost: an int increment per job, a clock read every {@link #JOBS_PER_CHECK} jobs and one read
 * of the thread's counter a second (no allocation). Where the JVM has no per-thread counter the
 * watch does nothing.
 *
 * <pre>{@code
 * BoxingWatch watch = BoxingWatch.forCurrentThread(log::warn);   // on the worker thread
 * while (running) { runJob(); watch.jobDone(); }
 * }</pre>
 */
final class BoxingWatch {

    /** Jobs between two looks at the clock (a job is a kernel call of microseconds or more). */
    static final int JOBS_PER_CHECK = 16;
    /** How long a window lasts: the counter is read when a check finds one over. */
    static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** A window that allocated more than this counts as boxed (a boxed kernel allocates MBs a second). */
    static final long BYTES_PER_WINDOW = 4L << 20;
    /** No verdict before the pool has run this long: kernels not yet compiled box too. */
    static final long GRACE_NANOS = TimeUnit.SECONDS.toNanos(30);
    /**
     * Boxed windows must follow each other for this long: a code path used for the first time
     * late in a run (sampling after training) boxes for a few seconds until C2 compiles it.
     */
    static final long PERSIST_NANOS = TimeUnit.SECONDS.toNanos(20);

    private final LongSupplier allocatedBytes;
    private final LongSupplier clock;
    private final Consumer<String> warn;
    private final long start;
    private int jobs;
    private long windowStart;
    /** The counter at the start of the current window. */
    private long lastBytes;
    /** Clock time of the first boxed window of the current run of them; -1 when the last was clean. */
    private long boxedSince = -1;
    private boolean warned;

    BoxingWatch(LongSupplier allocatedBytes, LongSupplier clock, Consumer<String> warn) {
        this.allocatedBytes = allocatedBytes;
        this.clock = clock;
        this.warn = warn;
        this.start = clock.getAsLong();
        this.windowStart = start;
        this.lastBytes = allocatedBytes.getAsLong();
    }

    /**
     * A watch over the calling thread's allocations, or one that never warns where the JVM has
     * no per-thread allocation counter.
     */
    static BoxingWatch forCurrentThread(Consumer<String> warn) {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        if (bean instanceof com.sun.management.ThreadMXBean) {
            com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) bean;
            if (threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled()) {
                return new BoxingWatch(threads::getCurrentThreadAllocatedBytes, System::nanoTime, warn);
            }
        }
        return new BoxingWatch(() -> 0L, System::nanoTime, warn);
    }

    /** Called by the watched thread after each job. */
    void jobDone() {
        if (warned || ++jobs < JOBS_PER_CHECK) {
            return;
        }
        jobs = 0;
        long now = clock.getAsLong();
        if (now - windowStart < WINDOW_NANOS) {
            return;
        }
        long windowNanos = now - windowStart;
        windowStart = now;
        long bytes = allocatedBytes.getAsLong();
        long window = bytes - lastBytes;
        lastBytes = bytes;
        if (now - start < GRACE_NANOS || window <= BYTES_PER_WINDOW) {
            boxedSince = -1;
            return;
        }
        if (boxedSince < 0) {
            boxedSince = now;
        } else if (now - boxedSince >= PERSIST_NANOS) {
            warned = true;
            warn.accept(String.format("thread %s allocated %.1f MB in its last %.1f s of kernel jobs, and kept"
                    + " allocating for %d s: the JIT has left vector operations boxed in this JVM, which slows its"
                    + " kernels for the life of the JVM. Restart the JVM with " + TrapLimit.FLAG + " (rnn4j's"
                    + " launchers pass it, simd.jvm.args; docs/benchmarks.md, section \"Session 11\"); if it"
                    + " recurs with that, run with -XX:+UnlockDiagnosticVMOptions -XX:+PrintIntrinsics and report"
                    + " the 'missing constant' lines",
                    Thread.currentThread().getName(), window / 1e6, windowNanos / 1e9,
                    TimeUnit.NANOSECONDS.toSeconds(now - boxedSince)));
        }
    }

    /** Whether the warning was given. */
    boolean warned() {
        return warned;
    }
}
