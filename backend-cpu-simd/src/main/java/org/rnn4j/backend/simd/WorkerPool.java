package org.rnn4j.backend.simd;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A small persistent pool: {@code threads - 1} daemon workers, started lazily at the first
 * parallel job, plus the calling thread, which always takes a share.
 *
 * <p><b>Dispatch without allocation or locks.</b> One {@link AtomicLong} holds the job's
 * generation, the next unclaimed chunk and the chunk count; a thread claims a chunk with one CAS
 * that also checks the generation, so a worker that wakes late can never run a chunk of a newer
 * job with an older one's index. The job itself is read only after a successful claim. Idle
 * workers spin briefly (back-to-back kernels of a training step keep them hot) and then park.
 *
 * <p>Not reentrant: a job must not dispatch another job. One backend instance is used by one
 * thread at a time (the {@code Backend} contract), so one pool per backend suffices.
 */
final class WorkerPool implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WorkerPool.class);

    private static final int CHUNK_BITS = 20;
    private static final long CHUNK_MASK = (1L << CHUNK_BITS) - 1;
    /** Largest chunk count of one job. */
    static final int MAX_CHUNKS = (int) CHUNK_MASK;
    /** How long an idle worker spins before parking: about the gap between two kernels. */
    private static final long SPIN_NANOS = 100_000;

    private final int threads;
    /** generation (24 bits) | next chunk (20 bits) | chunk count (20 bits). */
    private final AtomicLong ticket = new AtomicLong();
    private final AtomicInteger pending = new AtomicInteger();
    /** Arrivals at {@link #barrier} in the current pinned job. */
    private final AtomicInteger arrivals = new AtomicInteger();
    /** Barriers passed by each thread in the current pinned job, one cache line apart. */
    private final int[] passed;
    private volatile ParallelJob job;
    /** The generation whose job runs pinned: chunk i on thread i (see {@link #runPinned}). */
    private volatile long pinnedGeneration = -1;
    private volatile Throwable failure;
    private volatile boolean closed;
    private Worker[] workers;
    private long generation;

    WorkerPool(int threads) {
        this.threads = threads;
        this.passed = new int[threads * PAD];
    }

    /** Ints per cache line, so that no two threads' counters share one. */
    private static final int PAD = 16;

    /**
     * Thrown out of {@link #barrier} on the threads that wait for a thread whose chunk failed, so
     * that they leave the job instead of waiting forever; the failure itself is what the caller sees.
     */
    private static final RuntimeException ABORTED = new Aborted();

    private static final class Aborted extends RuntimeException {
        Aborted() {
            super("another thread of this job failed", null, false, false);
        }
    }

    /** Threads that run jobs, the caller included. */
    int threads() {
        return threads;
    }

    /**
     * Runs chunks {@code 0 .. chunks-1} of {@code work}, on the pool and the calling thread, and
     * returns when all are done. With one chunk or one thread it simply runs on the caller.
     */
    void run(ParallelJob work, int chunks) {
        if (chunks <= 0) {
            return;
        }
        if (threads == 1 || chunks == 1) {
            for (int c = 0; c < chunks; c++) {
                work.run(c, 0);
            }
            return;
        }
        if (chunks > MAX_CHUNKS) {
            throw new IllegalArgumentException("a job has at most " + MAX_CHUNKS + " chunks, got " + chunks);
        }
        publish(work, chunks, false);
        drain(generation, 0);
        // Spin, then yield: the last chunk is usually in flight on a worker and short.
        awaitPending();
    }

    /**
     * {@link #run(ParallelJob, int)} when {@code parallel}, else chunks {@code 0 .. chunks-1} in
     * order on the calling thread: for kernels that stay on the caller below a size threshold.
     */
    void run(ParallelJob work, int chunks, boolean parallel) {
        if (parallel) {
            run(work, chunks);
        } else {
            for (int c = 0; c < chunks; c++) {
                work.run(c, 0);
            }
        }
    }

    /**
     * Runs {@code work} once on every thread, chunk {@code i} on thread {@code i} (the caller is
     * thread 0), and returns when all are done. For work whose data should stay in one core's
     * cache from call to call: batch-1 sampling gives each core the same half of every weight
     * matrix at every step, so what of it fits stays in that core's L2 and never moves to the other.
     */
    void runPinned(ParallelJob work) {
        if (threads == 1) {
            work.run(0, 0);
            return;
        }
        publish(work, threads, true);
        runChunk(0, 0);
        try {
            awaitPending();
        } finally {
            // Generations wrap after 2^24 jobs: a stale mark must never make a later shared job pinned.
            pinnedGeneration = -1;
        }
    }

    /**
     * Inside a job run by {@link #runPinned}: returns when every thread has called it as often as
     * this one. Lets one pinned job run a sequence of dependent phases (the time steps of a
     * recurrence) with one meeting per phase instead of one dispatch. Every thread of the job
     * must call it the same number of times.
     */
    void barrier(int worker) {
        if (threads == 1) {
            return;
        }
        int target = ++passed[worker * PAD] * threads;
        if (arrivals.incrementAndGet() == target) {
            return;
        }
        int spins = 0;
        while (arrivals.get() < target) {
            if (failure != null) {
                throw ABORTED;
            }
            if (++spins < 1 << 14) {
                Thread.onSpinWait();
            } else {
                // another process holds the core the late thread needs
                Thread.yield();
            }
        }
    }

    /**
     * Makes {@code work} the current job of a new generation and wakes parked workers. A pinned
     * job's ticket has nothing left to claim (next == count), so only the pinned path runs it.
     */
    private void publish(ParallelJob work, int chunks, boolean pinned) {
        if (closed) {
            throw new IllegalStateException("the cpu-simd backend was closed");
        }
        if (workers == null) {
            start();
        }
        generation = (generation + 1) & 0xFFFFFF;
        job = work;
        failure = null;
        pending.set(chunks);
        if (pinned) {
            pinnedGeneration = generation;
            arrivals.set(0);
            java.util.Arrays.fill(passed, 0);
        }
        long claimed = pinned ? chunks : 0;
        ticket.set((generation << (2 * CHUNK_BITS)) | (claimed << CHUNK_BITS) | chunks);
        for (Worker w : workers) {
            if (w.parked) {
                LockSupport.unpark(w);
            }
        }
    }

    /** Runs one chunk of the current job, keeping a failure for the caller. */
    private void runChunk(int chunk, int worker) {
        try {
            job.run(chunk, worker);
        } catch (Throwable e) {
            if (e != ABORTED) {
                failure = e;
            }
        } finally {
            pending.decrementAndGet();
        }
    }

    /** Waits for the job's last chunk, then rethrows the first failure of any chunk. */
    private void awaitPending() {
        int spins = 0;
        while (pending.get() != 0) {
            if (++spins < 1 << 12) {
                Thread.onSpinWait();
            } else {
                Thread.yield();
            }
        }
        job = null;
        Throwable t = failure;
        if (t != null) {
            failure = null;
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            }
            if (t instanceof Error) {
                throw (Error) t;
            }
            throw new IllegalStateException(t);
        }
    }

    /** Claims and runs chunks of generation {@code gen} until none is left. */
    private void drain(long gen, int worker) {
        while (true) {
            long t = ticket.get();
            if ((t >>> (2 * CHUNK_BITS)) != gen) {
                return;
            }
            int next = (int) ((t >>> CHUNK_BITS) & CHUNK_MASK);
            int count = (int) (t & CHUNK_MASK);
            if (next >= count) {
                return;
            }
            if (!ticket.compareAndSet(t, t + (1L << CHUNK_BITS))) {
                continue;
            }
            runChunk(next, worker);
        }
    }

    private void start() {
        Worker[] ws = new Worker[threads - 1];
        for (int i = 0; i < ws.length; i++) {
            ws[i] = new Worker(i + 1);
            ws[i].start();
        }
        workers = ws;
    }

    @Override
    public void close() {
        closed = true;
        Worker[] ws = workers;
        if (ws != null) {
            for (Worker w : ws) {
                LockSupport.unpark(w);
            }
        }
    }

    /** Worker threads, so that tests can measure their allocations. */
    Thread[] workerThreads() {
        Worker[] ws = workers;
        return ws == null ? new Thread[0] : ws.clone();
    }

    private final class Worker extends Thread {
        private final int index;
        volatile boolean parked;

        Worker(int index) {
            super("rnn4j-cpu-simd-" + index);
            this.index = index;
            setDaemon(true);
        }

        @Override
        public void run() {
            // created here: it reads the allocation counter of the thread that creates it
            BoxingWatch watch = BoxingWatch.forCurrentThread(LOG::warn);
            long seen = 0;
            while (!closed) {
                long gen = ticket.get() >>> (2 * CHUNK_BITS);
                if (gen != seen) {
                    seen = gen;
                    if (pinnedGeneration == gen) {
                        runChunk(index, index);
                    } else {
                        drain(gen, index);
                    }
                    watch.jobDone();
                    continue;
                }
                waitForWork(seen);
            }
        }

        private void waitForWork(long seen) {
            long start = System.nanoTime();
            while (System.nanoTime() - start < SPIN_NANOS) {
                if ((ticket.get() >>> (2 * CHUNK_BITS)) != seen || closed) {
                    return;
                }
                Thread.onSpinWait();
            }
            parked = true;
            if ((ticket.get() >>> (2 * CHUNK_BITS)) == seen && !closed) {
                LockSupport.park(this);
            }
            parked = false;
        }
    }
}
