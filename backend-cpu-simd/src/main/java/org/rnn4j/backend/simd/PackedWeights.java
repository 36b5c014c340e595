package org.rnn4j.backend.simd;

import static org.rnn4j.backend.simd.GemmKernels.NR;

/**
 * Packed copies of the B operands of small-m products: the recurrent weights, which a sequence
 * multiplies by at every step, forward ({@code h W_hh^T}) and backward ({@code dGates W_hh}).
 * Packing costs as much as a product with a few rows, so packing once per sequence instead of
 * once per step is worth about a third of the time on RNN shapes (PLATFORM.md).
 *
 * <p>An entry is keyed by the tensor (identity), offset, leading dimension, transpose, k and n,
 * and remembers the tensor's {@link SimdTensor#version()}: any kernel that writes the tensor
 * (an optimiser step, upload, copy, fill) bumps the version and so invalidates the entry. Callers
 * need no new API and cannot see stale weights.
 *
 * <p>A matrix is packed in panels of {@link GemmKernels#NR} columns for the register-blocked
 * kernels, or of {@link GemmKernels#WIDE} columns for the matrix-vector kernel of batch-1
 * sampling ({@link #packedWide}); the two layouts are separate entries.
 *
 * <p>A few entries (two per layer of a deep stack) are kept, least recently used evicted; their
 * buffers are reused, so a steady state allocates nothing. A matrix larger than
 * {@link #MAX_FLOATS} is not cached (it is packed per call, as in any other product).
 */
final class PackedWeights {

    /**
     * Entries kept: for up to eight LSTM layers, the four per-gate blocks the sequence kernels
     * read forward, the whole matrix they read backward, and the whole transposed matrix the
     * per-step products read (batch-1 sampling, in the wide layout).
     */
    static final int ENTRIES = 48;
    /** Bytes of each row of B that one pack chunk reads as a run (eight NR panels of 512 bits). */
    private static final int GROUP_BYTES = 1024;
    /** Pack chunks per thread below which a chunk takes fewer panels. */
    private static final int CHUNKS_PER_THREAD = 4;
    /** Largest packed matrix cached, in floats (64 MiB). */
    static final int MAX_FLOATS = 1 << 24;

    private final WorkerPool pool;
    private final Entry[] entries = new Entry[ENTRIES];
    private long clock;
    private long hits;
    private long misses;

    // The matrix being packed, read by the job.
    private boolean transB;
    private int k;
    private int n;
    private float[] b;
    private int bOff;
    private int ldb;
    private float[] dst;
    private int width;
    private int nPanels;
    private int kBlocks;
    private int group;
    private int groups;
    private final ParallelJob packJob = this::packChunk;

    PackedWeights(WorkerPool pool) {
        this.pool = pool;
        for (int i = 0; i < ENTRIES; i++) {
            entries[i] = new Entry();
        }
    }

    private static final class Entry {
        SimdTensor tensor;
        long version;
        int offset;
        int ld;
        boolean trans;
        int k;
        int n;
        int width;
        long lastUse;
        float[] packed = new float[0];

        boolean matches(SimdTensor t, int offset, int ld, boolean trans, int k, int n, int width) {
            return tensor == t && version == t.version() && sameRegion(offset, ld, trans, k, n, width);
        }

        boolean sameRegion(int offset, int ld, boolean trans, int k, int n, int width) {
            return this.offset == offset && this.ld == ld && this.trans == trans && this.k == k && this.n == n
                    && this.width == width;
        }
    }

    /**
     * The whole {@code op(B)} ({@code k x n}) packed in k blocks of {@link Gemm#KC} by NR panels,
     * from the cache or packed now; null when the matrix is too large to cache.
     */
    float[] packed(boolean transB, int k, int n, SimdTensor tensor, int bOff, int ldb, boolean parallel) {
        return packed(transB, k, n, tensor, bOff, ldb, parallel, NR);
    }

    /**
     * The whole {@code op(B)} in panels of {@link GemmKernels#WIDE} columns, for
     * {@link GemmKernels#kernelRow}; null when the matrix is too large to cache.
     */
    float[] packedWide(boolean transB, int k, int n, SimdTensor tensor, int bOff, int ldb, boolean parallel) {
        return packed(transB, k, n, tensor, bOff, ldb, parallel, GemmKernels.WIDE);
    }

    private float[] packed(boolean transB, int k, int n, SimdTensor tensor, int bOff, int ldb, boolean parallel,
                           int width) {
        int panels = (n + width - 1) / width;
        long size = (long) panels * width * k;
        if (size > MAX_FLOATS) {
            return null;
        }
        clock++;
        Entry victim = entries[0];
        Entry stale = null;
        for (Entry e : entries) {
            if (e.matches(tensor, bOff, ldb, transB, k, n, width)) {
                e.lastUse = clock;
                hits++;
                return e.packed;
            }
            if (e.tensor == tensor && e.sameRegion(bOff, ldb, transB, k, n, width)) {
                stale = e;
            }
            if (e.lastUse < victim.lastUse) {
                victim = e;
            }
        }
        misses++;
        if (stale != null) {
            // the same matrix, written since: repack it in place (its buffer has the right size)
            // rather than evict another entry and move buffers around
            victim = stale;
        }
        if (victim.packed.length < size) {
            victim.packed = new float[(int) size];
        }
        packInto(victim.packed, transB, k, n, tensor.data(), bOff, ldb, parallel, width);
        victim.tensor = tensor;
        victim.version = tensor.version();
        victim.offset = bOff;
        victim.ld = ldb;
        victim.trans = transB;
        victim.k = k;
        victim.n = n;
        victim.width = width;
        victim.lastUse = clock;
        return victim.packed;
    }

    /**
     * Packs the whole {@code op(B)} ({@code k x n}) into {@code dst}: k blocks of
     * {@link Gemm#KC}, each a run of NR panels; block {@code k0} starts at
     * {@code k0 * panels * NR}, its panel {@code jp} {@code jp * kc * NR} further.
     */
    void packInto(float[] dst, boolean transB, int k, int n, float[] b, int bOff, int ldb, boolean parallel) {
        packInto(dst, transB, k, n, b, bOff, ldb, parallel, NR);
    }

    /** {@link #packInto(float[], boolean, int, int, float[], int, int, boolean)} in panels of {@code width} columns. */
    private void packInto(float[] dst, boolean transB, int k, int n, float[] b, int bOff, int ldb, boolean parallel,
                          int width) {
        this.transB = transB;
        this.width = width;
        this.k = k;
        this.n = n;
        this.b = b;
        this.bOff = bOff;
        this.ldb = ldb;
        this.dst = dst;
        this.nPanels = (n + width - 1) / width;
        this.kBlocks = (k + Gemm.KC - 1) / Gemm.KC;
        // Panels per chunk: a chunk packs a run of panels of one k block, so that it reads each
        // row of B as one run (see packChunk), but there are enough chunks to share out.
        int group = transB ? 1 : Math.max(1, GROUP_BYTES / (width * Float.BYTES));
        int threads = parallel ? pool.threads() : 1;
        while (group > 1 && kBlocks * ((nPanels + group - 1) / group) < CHUNKS_PER_THREAD * threads) {
            group /= 2;
        }
        this.group = group;
        this.groups = (nPanels + group - 1) / group;
        pool.run(packJob, kBlocks * groups, parallel);
        this.b = null;
        this.dst = null;
    }

    /**
     * Chunk {@code chunk}: panels {@code [g * group, (g + 1) * group)} of one k block. Without a
     * transpose the whole panels are packed a row of B at a time ({@link GemmKernels#packBRows}),
     * so each row is read as one run of {@code group} panels; one panel at a time read 128
     * bytes per row, a page apart when B's rows are 4 KiB or more, and waited on a TLB miss and
     * an unprefetched line at every row (two threads, alternating in one JVM, three runs: 6400 x
     * 256, a weight gradient's B, 0.23-0.38 -> 0.16-0.28 ms; 6400 x 1024 1.71-1.92 -> 1.54-2.00;
     * 2048 x 2048 no gain). A transposed B reads its stored rows whole either way and is packed
     * panel by panel.
     */
    private void packChunk(int chunk, int worker) {
        int kb = chunk / groups;
        int g = chunk % groups;
        int k0 = kb * Gemm.KC;
        int kc = Math.min(Gemm.KC, k - k0);
        int first = g * group;
        int last = Math.min(nPanels, first + group);
        int blockBase = k0 * nPanels * width;
        int whole = transB ? first : Math.min(last, n / width);
        if (whole > first) {
            GemmKernels.packBRows(b, bOff, ldb, first * width, whole - first, k0, kc, dst,
                    blockBase + first * kc * width, width);
        }
        for (int jp = Math.max(first, whole); jp < last; jp++) {
            int j0 = jp * width;
            GemmKernels.packB(transB, b, bOff, ldb, j0, Math.min(width, n - j0), k0, kc, dst,
                    blockBase + jp * kc * width, width);
        }
    }

    /** Drops every entry (the buffers are released too). */
    void clear() {
        for (int i = 0; i < ENTRIES; i++) {
            entries[i] = new Entry();
        }
    }

    /** Packs avoided since creation, for tests. */
    long hits() {
        return hits;
    }

    /** Packs done since creation, for tests. */
    long misses() {
        return misses;
    }
}
