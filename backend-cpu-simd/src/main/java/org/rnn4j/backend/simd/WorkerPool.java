package org.rnn4j.backend.simd;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;

/**
 * A small persistent pool: {@code threads - 1} daemon workers, started lazily at the first
 * parallel job, plus the calling thread, which always takes a share.
 *
 * <p><b>Dispatch without allocation or locks, in few cache-line transfers.</b> Between two
 * cores of this project's machine one cache line takes about 250 ns to move, so a dispatch costs
 * what its chain of line transfers costs (batch-1 sampling makes three dispatches per character).
 * The pool therefore keeps everything an idle worker polls on one line, the {@link Board}: the
 * ticket (the job's generation, whether it is pinned, the next unclaimed chunk and the chunk
 * count) and the job, which the caller writes before the ticket. A
 * worker that sees a new ticket has the whole job with that one transfer. A shared job's chunks
 * are claimed with one CAS on the ticket that also checks the generation, so a worker that wakes
 * late can never run a chunk of a newer job with an older one's index; the job is read only after
 * a successful claim. Each worker reports the chunks it has finished in a line of its own
 * ({@code done}), which only the caller reads, so completion costs one transfer per worker and
 * the caller never writes a line that a worker writes. Idle workers spin briefly (back-to-back
 * kernels of a training step keep them hot) and then park.
 *
 * <p>Not reentrant: a job must not dispatch another job. One backend instance is used by one
 * thread at a time (the {@code Backend} contract), so one pool per backend suffices.
 *
 * <pre>{@code
 * try (WorkerPool pool = new WorkerPool(2)) {
 *     pool.run(job, 64);          // chunks 0..63, claimed by whichever thread is free
 *     pool.runPinned(sharesJob);  // chunk i on thread i, e.g. a core's fixed share of a matrix
 * }
 * }</pre>
 */
final class WorkerPool implements AutoCloseable {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WorkerPool.class);

    private static final int CHUNK_BITS = 20;
    private static final long CHUNK_MASK = (1L << CHUNK_BITS) - 1;
    /** Largest chunk count of one job. */
    static final int MAX_CHUNKS = (int) CHUNK_MASK;
    /** Ticket bit that marks a pinned job (chunk i on thread i; nothing to claim). */
    private static final long PINNED = 1L << (2 * CHUNK_BITS);
    /** Where the generation starts in a ticket: the 23 bits above the pinned bit. */
    private static final int GEN_SHIFT = 2 * CHUNK_BITS + 1;
    private static final long GEN_MASK = (1L << (64 - GEN_SHIFT)) - 1;
    /** A done slot holds the job's generation above this many bits of finished chunks. */
    private static final int DONE_COUNT_BITS = CHUNK_BITS;
    /** How long an idle worker spins before parking: about the gap between two kernels. */
    private static final long SPIN_NANOS = 100_000;
    /**
     * Slots of {@code long} arrays between two threads' entries: 128 bytes, so that no two
     * threads' entries share a line or the pair of lines that the adjacent-line prefetcher fetches.
     */
    private static final int LONG_STRIDE = 16;
    /** The same distance for {@code int} arrays. */
    private static final int INT_STRIDE = 32;

    private static final VarHandle TICKET;
    private static final VarHandle LONGS = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle INTS = MethodHandles.arrayElementVarHandle(int[].class);

    static {
        try {
            TICKET = MethodHandles.lookup().findVarHandle(BoardFields.class, "ticket", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int threads;
    private final Board board = new Board();
    /** Per worker: the generation of its last job and the chunks of it that it finished. */
    private final long[] done;
    /** Per thread: barriers passed, counted across jobs (see {@link #barrier}). */
    private final int[] passed;
    private volatile Throwable failure;
    private Worker[] workers;
    // Written by the calling thread only.
    private long generation;

    WorkerPool(int threads) {
        this.threads = threads;
        this.done = new long[(threads + 1) * LONG_STRIDE];
        this.passed = new int[(threads + 1) * INT_STRIDE];
    }

    /** Fields that no other object may share a cache line with: padding before. */
    abstract static class BoardPadding {
        // an int first, so that no field of a subclass is placed in a gap beside the header
        int p00;
        long p01;
        long p02;
        long p03;
        long p04;
        long p05;
        long p06;
        long p07;
        long p08;
    }

    /** What idle workers poll, written by the calling thread: one line. */
    abstract static class BoardFields extends BoardPadding {
        /** generation (23 bits) | pinned (1) | next chunk (20) | chunk count (20). */
        volatile long ticket;
        /** The job: written before the ticket; read after it (pinned) or after a claim (shared). */
        ParallelJob job;
        volatile boolean closed;
    }

    /** The board with padding after it too. */
    static final class Board extends BoardFields {
        long q01;
        long q02;
        long q03;
        long q04;
        long q05;
        long q06;
        long q07;
        long q08;
    }

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
        int own = drain(generation, 0);
        awaitWorkers(chunks - own);
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
        awaitWorkers(threads - 1);
    }

    /**
     * Inside a job run by {@link #runPinned}: returns when every thread has called it as often as
     * this one. Lets one pinned job run a sequence of dependent phases (the time steps of a
     * recurrence) with one meeting per phase instead of one dispatch. Every thread of the job
     * must call it the same number of times.
     *
     * <p>Each thread counts its passes in a line of its own and waits until every other count has
     * caught up: the threads' announcements cross in parallel, one line transfer per pair,
     * where one shared counter would move from core to core once per thread. The counts run on
     * across jobs (equal at every job's start, as every thread passes equally often) and are
     * compared by difference, so they may wrap.
     */
    void barrier(int worker) {
        if (threads == 1) {
            return;
        }
        int target = (int) INTS.getOpaque(passed, worker * INT_STRIDE) + 1;
        INTS.setRelease(passed, worker * INT_STRIDE, target);
        for (int other = 0; other < threads; other++) {
            if (other == worker) {
                continue;
            }
            int spins = 0;
            while ((int) INTS.getAcquire(passed, other * INT_STRIDE) - target < 0) {
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
    }

    /**
     * Makes {@code work} the current job of a new generation and wakes parked workers. A pinned
     * job's ticket has nothing left to claim (next == count), so only the pinned path runs it.
     */
    private void publish(ParallelJob work, int chunks, boolean pinned) {
        if (board.closed) {
            throw new IllegalStateException("the cpu-simd backend was closed");
        }
        if (workers == null) {
            start();
        }
        generation = (generation + 1) & GEN_MASK;
        if (generation == 0) {
            // Generations wrap after 2^23 jobs: forget the reports of the last cycle, so that a
            // worker's report of a job 2^23 jobs ago never counts for this one. Every report of
            // the last job is in (the caller waited for them) and no worker writes another
            // before it claims a chunk of this one.
            java.util.Arrays.fill(done, -1L);
        }
        board.job = work;
        long claimed = pinned ? chunks : 0;
        // the volatile write publishes the plain writes above with it
        board.ticket = (generation << GEN_SHIFT) | (pinned ? PINNED : 0) | (claimed << CHUNK_BITS) | chunks;
        for (Worker w : workers) {
            if (w.parked) {
                LockSupport.unpark(w);
            }
        }
    }

    /** Runs one chunk of the current job, keeping a failure for the caller. */
    private void runChunk(int chunk, int worker) {
        try {
            board.job.run(chunk, worker);
        } catch (Throwable e) {
            if (e != ABORTED) {
                failure = e;
            }
        }
    }

    /**
     * Waits until the workers have finished {@code chunks} chunks of the current job between
     * them, then rethrows the first failure of any chunk.
     */
    private void awaitWorkers(int chunks) {
        int spins = 0;
        while (finishedByWorkers(generation) != chunks) {
            if (++spins < 1 << 12) {
                Thread.onSpinWait();
            } else {
                // the last chunk is in flight on a worker whose core another process holds
                Thread.yield();
            }
        }
        Throwable t = failure;
        if (t != null) {
            failure = null;
            // A failed job may leave the threads' barrier counts unequal; every thread has left
            // it, so start them over (the next ticket publishes the zeros).
            java.util.Arrays.fill(passed, 0);
            if (t instanceof RuntimeException) {
                throw (RuntimeException) t;
            }
            if (t instanceof Error) {
                throw (Error) t;
            }
            throw new IllegalStateException(t);
        }
    }

    /** Chunks of generation {@code gen} that the workers have reported finished. */
    private int finishedByWorkers(long gen) {
        int sum = 0;
        for (int w = 1; w < threads; w++) {
            long d = (long) LONGS.getAcquire(done, w * LONG_STRIDE);
            if (d >>> DONE_COUNT_BITS == gen) {
                sum += (int) (d & CHUNK_MASK);
            }
        }
        return sum;
    }

    /**
     * Claims and runs chunks of generation {@code gen} until none is left; returns how many this
     * thread ran. A worker reports each one as it finishes.
     */
    private int drain(long gen, int worker) {
        int ran = 0;
        while (true) {
            long t = board.ticket;
            if ((t >>> GEN_SHIFT) != gen) {
                return ran;
            }
            int next = (int) ((t >>> CHUNK_BITS) & CHUNK_MASK);
            int count = (int) (t & CHUNK_MASK);
            if (next >= count) {
                return ran;
            }
            if (!TICKET.compareAndSet(board, t, t + (1L << CHUNK_BITS))) {
                continue;
            }
            runChunk(next, worker);
            ran++;
            if (worker != 0) {
                reportDone(worker, gen, ran);
            }
        }
    }

    /** Tells the caller that worker {@code worker} has finished {@code chunks} chunks of generation {@code gen}. */
    private void reportDone(int worker, long gen, int chunks) {
        LONGS.setRelease(done, worker * LONG_STRIDE, (gen << DONE_COUNT_BITS) | chunks);
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
        board.closed = true;
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
            while (!board.closed) {
                long t = board.ticket;
                long gen = t >>> GEN_SHIFT;
                if (gen != seen) {
                    seen = gen;
                    if ((t & PINNED) != 0) {
                        // a pinned job waits for this thread: its job is still the current one
                        runChunk(index, index);
                        reportDone(index, gen, 1);
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
                if ((board.ticket >>> GEN_SHIFT) != seen || board.closed) {
                    return;
                }
                Thread.onSpinWait();
            }
            parked = true;
            if ((board.ticket >>> GEN_SHIFT) == seen && !board.closed) {
                LockSupport.park(this);
            }
            parked = false;
        }
    }
}
