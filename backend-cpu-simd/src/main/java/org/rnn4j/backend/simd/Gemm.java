package org.rnn4j.backend.simd;

import static org.rnn4j.backend.simd.GemmKernels.MR;
import static org.rnn4j.backend.simd.GemmKernels.NR;

/**
 * The GEMM driver: {@code C = alpha op(A) op(B) + beta C} in the GotoBLAS/BLIS structure.
 *
 * <p>For each block of {@link #KC} steps of {@code k} (so that one packed B panel, KC x NR, stays
 * in the 48 KiB L1 while it meets every A panel of a block): pack that slice of {@code op(A)}
 * (all rows) and of {@code op(B)} (all columns) in parallel, then compute C in tiles of
 * {@link #MC} rows (an A block of MC x KC, 128 KiB, in L2) by a run of B panels. Tiles are the
 * parallel unit: a tall product splits over row blocks, a wide and short one (the recurrent step
 * at batch 64: 64 x 2048) over column panels, with no special casing. The first k block applies
 * beta, the later ones add to C, so every element is summed in a fixed order whatever the
 * thread count: results are bit-identical for any number of threads.
 *
 * <p>When {@code m} is small (a recurrent step, sampling), packing B would cost as much as the
 * product; then the whole packed {@code op(B)} comes from {@link PackedWeights}, which packs a
 * weight matrix once and reuses it until the tensor is written again.
 *
 * <p>All workspaces are grown on demand and kept: after the first call of a shape nothing is
 * allocated.
 */
final class Gemm {

    /** Steps of k per block. */
    static final int KC = 256;
    /** Rows per tile. */
    static final int MC = 128;
    /** Below this many multiply-adds a product runs on the calling thread. */
    private static final long PARALLEL_FLOPS = 1L << 20;
    /** A products with at most this many rows use the packed-weight cache. */
    static final int CACHE_MAX_ROWS = 256;

    private final WorkerPool pool;
    private final PackedWeights cache;
    private final float[][] tiles;
    private float[] packedA = new float[0];
    private float[] packedB = new float[0];

    // The current call, read by the jobs (set before each dispatch; no allocation per call).
    private boolean transA;
    private boolean transB;
    private int m;
    private int n;
    private float alpha;
    private float beta;
    private float[] a;
    private int aOff;
    private int lda;
    private float[] b;
    private int bOff;
    private int ldb;
    private float[] c;
    private int cOff;
    private int ldc;
    private int k0;
    private int kc;
    private int mPanels;
    private int nPanels;
    private int aPanelsPerChunk;
    private int bPanelsPerChunk;
    private int aChunks;
    private float[] bPacked;
    private int bBase;
    private int bStride;
    private int mBlocks;
    private int panelsPerTile;
    private int nTiles;

    private final ParallelJob packJob = this::packChunk;
    private final ParallelJob computeJob = this::computeTile;

    Gemm(WorkerPool pool) {
        this.pool = pool;
        this.cache = new PackedWeights(pool);
        this.tiles = new float[pool.threads()][MR * NR];
    }

    /** Forgets every packed weight matrix. */
    void clearCache() {
        cache.clear();
    }

    PackedWeights cache() {
        return cache;
    }

    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
              float[] a, int aOff, int lda, SimdTensor bTensor, int bOff, int ldb,
              float beta, float[] c, int cOff, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0 || alpha == 0f) {
            scale(m, n, beta, c, cOff, ldc);
            return;
        }
        this.transA = transA;
        this.transB = transB;
        this.m = m;
        this.n = n;
        this.alpha = alpha;
        this.a = a;
        this.aOff = aOff;
        this.lda = lda;
        this.b = bTensor.data();
        this.bOff = bOff;
        this.ldb = ldb;
        this.c = c;
        this.cOff = cOff;
        this.ldc = ldc;
        mPanels = (m + MR - 1) / MR;
        nPanels = (n + NR - 1) / NR;
        boolean parallel = (long) m * n * k >= PARALLEL_FLOPS && pool.threads() > 1;
        int threads = parallel ? pool.threads() : 1;

        float[] whole = m <= CACHE_MAX_ROWS ? cache.packed(transB, k, n, bTensor, bOff, ldb, parallel) : null;

        int kcMax = Math.min(KC, k);
        int aSize = mPanels * MR * kcMax;
        if (packedA.length < aSize) {
            packedA = new float[aSize];
        }
        if (whole == null && packedB.length < nPanels * NR * kcMax) {
            packedB = new float[nPanels * NR * kcMax];
        }
        // Chunk sizes: enough chunks to balance the threads, big enough to amortise a claim.
        aPanelsPerChunk = Math.max(1, Math.min(16, mPanels / (4 * threads)));
        bPanelsPerChunk = whole != null ? 0 : Math.max(1, Math.min(16, nPanels / (4 * threads)));
        aChunks = (mPanels + aPanelsPerChunk - 1) / aPanelsPerChunk;
        int bChunks = whole != null ? 0 : (nPanels + bPanelsPerChunk - 1) / bPanelsPerChunk;
        mBlocks = (m + MC - 1) / MC;
        int wanted = 4 * threads;
        panelsPerTile = mBlocks >= wanted ? nPanels : Math.max(1, Math.min(nPanels, nPanels * mBlocks / wanted));
        nTiles = (nPanels + panelsPerTile - 1) / panelsPerTile;

        for (int k0 = 0; k0 < k; k0 += KC) {
            this.k0 = k0;
            this.kc = Math.min(KC, k - k0);
            this.beta = k0 == 0 ? beta : 1f;
            if (whole != null) {
                bPacked = whole;
                bBase = k0 * nPanels * NR;
            } else {
                bPacked = packedB;
                bBase = 0;
            }
            bStride = kc * NR;
            run(packJob, aChunks + bChunks, parallel);
            run(computeJob, mBlocks * nTiles, parallel);
        }
        this.a = null;
        this.b = null;
        this.c = null;
        this.bPacked = null;
    }

    private void run(ParallelJob job, int chunks, boolean parallel) {
        if (parallel) {
            pool.run(job, chunks);
        } else {
            for (int i = 0; i < chunks; i++) {
                job.run(i, 0);
            }
        }
    }

    /** Chunks below {@code aChunks} pack A panels, the rest pack B panels of this k block. */
    private void packChunk(int chunk, int worker) {
        if (chunk < aChunks) {
            int first = chunk * aPanelsPerChunk;
            int last = Math.min(mPanels, first + aPanelsPerChunk);
            for (int ip = first; ip < last; ip++) {
                int i0 = ip * MR;
                GemmKernels.packA(transA, a, aOff, lda, i0, Math.min(MR, m - i0), k0, kc, packedA, ip * MR * kc);
            }
        } else {
            int first = (chunk - aChunks) * bPanelsPerChunk;
            int last = Math.min(nPanels, first + bPanelsPerChunk);
            for (int jp = first; jp < last; jp++) {
                int j0 = jp * NR;
                GemmKernels.packB(transB, b, bOff, ldb, j0, Math.min(NR, n - j0), k0, kc, packedB, jp * NR * kc);
            }
        }
    }

    /** Tile {@code chunk}: rows of one MC block by a run of B panels. */
    private void computeTile(int chunk, int worker) {
        int mb = chunk % mBlocks;
        int nt = chunk / mBlocks;
        int iStart = mb * MC;
        int iEnd = Math.min(m, iStart + MC);
        int jpFirst = nt * panelsPerTile;
        int jpLast = Math.min(nPanels, jpFirst + panelsPerTile);
        float[] tile = tiles[worker];
        float[] ap = packedA;
        float[] bp = bPacked;
        int kc = this.kc;
        float alpha = this.alpha;
        float beta = this.beta;
        int ldc = this.ldc;
        int fullRowsEnd = iStart + (iEnd - iStart) / MR * MR;
        for (int jp = jpFirst; jp < jpLast; jp++) {
            int j0 = jp * NR;
            int cols = Math.min(NR, n - j0);
            int bAt = bBase + jp * bStride;
            int i = iStart;
            for (; i < fullRowsEnd; i += MR) {
                GemmKernels.kernel8(kc, ap, i * kc, bp, bAt, c, cOff + i * ldc + j0, ldc, MR, cols,
                        alpha, beta, tile);
            }
            int rest = iEnd - i;
            if (rest > 4) {
                GemmKernels.kernel8(kc, ap, i * kc, bp, bAt, c, cOff + i * ldc + j0, ldc, rest, cols,
                        alpha, beta, tile);
            } else if (rest > 1) {
                GemmKernels.kernel4(kc, ap, i * kc, bp, bAt, c, cOff + i * ldc + j0, ldc, rest, cols,
                        alpha, beta, tile);
            } else if (rest == 1 && fullRowsEnd > iStart) {
                GemmKernels.kernel1(kc, ap, i * kc, bp, bAt, bStride, 1, c, cOff + i * ldc + j0, cols,
                        alpha, beta, tile);
            }
        }
        // A block of a single row (a matrix-vector product): four panels per kernel call.
        if (iEnd - iStart == 1) {
            int jp = jpFirst;
            for (; jp + 4 <= jpLast; jp += 4) {
                int j0 = jp * NR;
                GemmKernels.kernel1(kc, ap, iStart * kc, bp, bBase + jp * bStride, bStride, 4, c,
                        cOff + iStart * ldc + j0, Math.min(4 * NR, n - j0), alpha, beta, tile);
            }
            for (; jp < jpLast; jp++) {
                int j0 = jp * NR;
                GemmKernels.kernel1(kc, ap, iStart * kc, bp, bBase + jp * bStride, bStride, 1, c,
                        cOff + iStart * ldc + j0, Math.min(NR, n - j0), alpha, beta, tile);
            }
        }
    }

    /** {@code C = beta C}, zeros when beta is 0 (old C ignored, even NaN). */
    private static void scale(int m, int n, float beta, float[] c, int cOff, int ldc) {
        for (int i = 0; i < m; i++) {
            int row = cOff + i * ldc;
            if (beta == 0f) {
                java.util.Arrays.fill(c, row, row + n, 0f);
            } else if (beta != 1f) {
                for (int j = 0; j < n; j++) {
                    c[row + j] *= beta;
                }
            }
        }
    }
}
