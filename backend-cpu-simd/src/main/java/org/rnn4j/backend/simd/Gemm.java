package org.rnn4j.backend.simd;

import static org.rnn4j.backend.simd.GemmKernels.MR;
import static org.rnn4j.backend.simd.GemmKernels.NR;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The GEMM driver: {@code C = alpha op(A) op(B) + beta C} in the GotoBLAS/BLIS manner, arranged
 * so that each tile of C is finished in one visit.
 *
 * <p><b>Phases.</b> First the whole {@code op(B)} is packed into NR-column panels, in blocks of
 * {@link #KC} steps of k (in parallel; or taken ready-made from {@link PackedWeights} when
 * {@code m} is small, see below). Then C is cut into tiles of {@link #MC} rows by a run of
 * panels (at most {@link #TILE_COLS} columns; {@link #MC_TALL} by {@link #TILE_COLS_TALL} when
 * the packed B is too large for L2), and threads claim tiles, or whole row blocks of tiles when
 * there are enough of them (a thread out of row blocks then takes the tiles another has not
 * started). A tile packs its rows of {@code op(A)} for all of k into a
 * per-thread buffer (kept when the thread's next tile has the same rows); when one tile spans
 * the whole width, its kernels read A in place (or, for a tile with rows left over, from a copy
 * of one k block made just before using it); then it runs over k
 * blocks, panels and MR-row panels: one KC x NR panel of B (64 KiB, in L1 and L2) meets every
 * A panel of the tile (MC x KC, in L2), and the C tile (256 KiB with 8-row panels, 192 with 6) stays in L2 across all k
 * blocks instead of streaming through memory once per block.
 *
 * <p>A weight gradient with few rows and a long k ({@code A^T B}, an output layer's) is computed
 * as {@code (B^T A)^T} ({@link #productOfTransposes}), with the same bits.
 *
 * <p><b>Parallelism and determinism.</b> Tiles split a tall product over row blocks and a wide,
 * short one (the recurrent step at batch 64: 64 x 2048) over column panels. Every element of C
 * is computed by one tile, its k blocks added in order, each block's products in order: results
 * are bit-identical for any number of threads, whichever tile shape the thread count selects.
 *
 * <p><b>Packed weights.</b> When {@code m <= } {@link #CACHE_MAX_ROWS} (a recurrent step,
 * sampling) packing B would cost as much as the product, and when {@code k <= }
 * {@link #CACHE_MAX_K} B is a weight matrix that the next chunk of a sequence multiplies by
 * again; the packed {@code op(B)} then comes from {@link PackedWeights}, which packs a matrix
 * once and reuses it until the tensor is written again.
 *
 * <p><b>Matrix-vector products</b> ({@code m == 1}, batch-1 sampling; {@code n} a multiple of
 * {@link GemmKernels#WIDE}, as the gates of layers of usual widths are) take their B from the cache
 * in the {@link GemmKernels#WIDE} layout and run {@link GemmKernels#kernelRow} over it, each
 * thread over the same contiguous run of wide panels at every call (pinned, see
 * {@link WorkerPool#runPinned}): a thread then streams its share of the weights as one run.
 *
 * <p>Workspaces grow on demand and are kept: after the first call of a shape nothing is
 * allocated. The largest one is the packed {@code op(B)} of the largest uncached product.
 */
final class Gemm {

    /**
     * Steps of k per block. A B panel (KC x NR) is then 64 KiB with 512-bit vectors: more than
     * L1, but the kernel runs from L2 as fast (measured 245-251 GFLOP/s on one core against
     * 248-253 at KC 256), and a C tile is read and written half as often.
     */
    static final int KC = 512;
    /** Rows per tile of most products: 128 with 8-row panels (96 with 6), whole panels. */
    static final int MC = 16 * MR;
    /** Columns per tile of MC rows, so that the tile of C (MC x 512 floats: 256 KiB at MC 128) stays in L2. */
    static final int TILE_COLS = 512;
    /**
     * Rows per tile when the packed B is large (see {@link #TALL_TILE_B_FLOATS}): each B panel,
     * fetched from L3, then serves 32 A panels instead of 16 (measured with the kernel alone on
     * one core: 214 GFLOP/s at 16 uses per panel fetched from L3, 236 at 32, 244 from L1).
     */
    static final int MC_TALL = 32 * MR;
    /** Columns per tile of MC_TALL rows: the same size of C tile as MC by TILE_COLS. */
    static final int TILE_COLS_TALL = 256;
    /**
     * Packed B size ({@code k * n} floats, 4 MiB) from which tiles are MC_TALL rows high (when
     * there are enough rows to give each thread whole row blocks of them). Below it B mostly
     * stays in L2 and L3 is not the limit, while fewer, taller row blocks balance worse across
     * threads (m 6400, n 256, k 1024, NT: 330-358 GFLOP/s at 256 rows against 356-370 at 128).
     */
    static final long TALL_TILE_B_FLOATS = 1L << 20;
    /**
     * Row blocks per thread from which threads claim whole row blocks instead of tiles: each
     * row block of A is then packed by one thread only (claimed tile by tile, the two threads
     * alternate within a row block and both pack it).
     */
    private static final int ROW_BLOCKS_PER_THREAD = 2;
    /** Below this many multiply-adds a product runs on the calling thread. */
    private static final long PARALLEL_FLOPS = 1L << 20;
    /**
     * A matrix-vector product (batch-1 sampling: 1 x 1024 x 256 for an LSTM of 256) streams its
     * whole weight matrix for very few multiply-adds, so it is bound by memory bandwidth, which
     * two cores double: products of at most {@link #FEW_ROWS} rows go parallel from this size on
     * (measured: LSTM 2x256 sampling 23.6k -> 35.7k characters/s on 2 cores, 39.2k pinned; 2^15
     * was slower again, 31.8k: the dispatch then costs more than the smaller products save).
     */
    static final long PARALLEL_FLOPS_FEW_ROWS = 1L << 17;
    /** Rows up to which {@link #PARALLEL_FLOPS_FEW_ROWS} applies. */
    private static final int FEW_ROWS = 4;
    /**
     * Steps of k from which tiles are as wide as the threads allow (weight gradients, which sum
     * over all T*B rows; measured 256 x 256 x 6400 TN 222-242 -> 276-279 GFLOP/s, 512 x 128 x 2048
     * TN 291 -> 352-366, see docs/benchmarks.md).
     */
    static final int LONG_K = 2048;
    /**
     * Whether a tile that spans the whole width reads its full panels of A in place (see
     * {@link #computeTile}) rather than copying each k block first. With 8-row panels (cores with
     * 32 vector registers; measured on AVX-512, 48 KiB 12-way L1) skipping the copy wins. With
     * 6-row panels (16 registers: AVX2) the copy wins: measured on Zen 3 (32 KiB 8-way L1, where
     * the 32 KiB B panel fills L1 and rows of A 4 KiB apart all fall in one set), LSTM 2x256
     * profile, one JVM per setting, alternating, two rounds: TN 1024 x 256 x 6336 55-60 -> 66-69
     * GFLOP/s, NN 6400 x 256 x 1024 55-63 -> 79-89. It follows the tile height, as a proxy for the
     * kind of core (so forcing {@code -Drnn4j.simd.tileRows} switches it too); an AVX-512 core with
     * a 32 KiB L1 would read in place though copying might win there as well.
     */
    static final boolean A_IN_PLACE = MR == 8;
    /** Products with at most this many rows take B from the packed-weight cache. */
    static final int CACHE_MAX_ROWS = 256;
    /**
     * Products with a k of at most this many steps take B from the packed-weight cache too,
     * whatever their rows: k is then a layer's width and B a weight matrix that the next chunk
     * of a sequence multiplies by again (a layer's forward runs in chunks of about 1024 rows, each
     * an input projection against the same {@code W_ih}). A B with thousands of steps of k is a
     * block of activations (a weight gradient sums over all T*B rows), used once.
     */
    static final int CACHE_MAX_K = 1024;

    private final WorkerPool pool;
    private final PackedWeights cache;
    private final float[][] tiles;
    private final float[][] packedA;
    private final int[] packedRowBlock;
    private float[] packedB = new float[0];
    /** {@code B^T A} of {@link #productOfTransposes}, before it is copied transposed into C. */
    private float[] transposed = new float[0];

    // The current call, read by the tile job (set before dispatch; no allocation per call).
    private boolean transA;
    private int m;
    private int n;
    private int k;
    private float alpha;
    private float beta;
    private float[] a;
    private int aOff;
    private int lda;
    private float[] c;
    private int cOff;
    private int ldc;
    private int nPanels;
    private float[] bPacked;
    private int mBlocks;
    private int panelsPerTile;
    /** Rows per tile in this call: {@link #MC} or {@link #MC_TALL}. */
    private int mc;
    /**
     * Whether one tile spans the whole width, so that each k block of its rows of A serves once:
     * the kernels then read it in place (see {@link #computeTile}), or a copy of it made just
     * before its use, still in L2, where a row block packed for all of k (6.5 MB for a weight
     * gradient's 256 rows by 6400 steps) would be written to L3 and read back.
     */
    private boolean packPerBlock;

    private int tilesTotal;
    /**
     * Per row block of the row-block job, the next tile to claim, one cache line apart so that
     * the claims of two threads never share a line.
     */
    private int[] tileClaims = new int[0];
    private static final int CLAIM_STRIDE = 16;
    private static final VarHandle CLAIMS = MethodHandles.arrayElementVarHandle(int[].class);

    private final ParallelJob tileJob = this::computeTile;

    private final ParallelJob pinnedTiles = this::computeShare;

    private final ParallelJob rowBlockJob = this::computeRowBlock;

    private final ParallelJob rowShares = (chunk, worker) -> computeRowShare(worker, threads());

    Gemm(WorkerPool pool) {
        this.pool = pool;
        this.cache = new PackedWeights(pool);
        this.tiles = new float[pool.threads()][GemmKernels.TILE_FLOATS];
        this.packedA = new float[pool.threads()][0];
        this.packedRowBlock = new int[pool.threads()];
    }

    private int threads() {
        return pool.threads();
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
        boolean parallel = (long) m * n * k >= (m <= FEW_ROWS ? PARALLEL_FLOPS_FEW_ROWS : PARALLEL_FLOPS)
                && pool.threads() > 1;
        int threads = parallel ? pool.threads() : 1;
        if (fewRowGradient(transA, transB, m, n, k, threads)) {
            productOfTransposes(m, n, k, alpha, a, aOff, lda, bTensor.data(), bOff, ldb, beta, c, cOff, ldc, parallel,
                    threads);
            return;
        }
        nPanels = (n + NR - 1) / NR;

        boolean cached = m <= CACHE_MAX_ROWS || k <= CACHE_MAX_K;
        if (m == 1 && n % GemmKernels.WIDE == 0) {
            // (other widths keep the NR panels, whose padding is at most NR - 1 columns)
            float[] wide = cache.packedWide(transB, k, n, bTensor, bOff, ldb, parallel);
            if (wide != null) {
                // each thread takes the same contiguous run of wide panels at every call
                operands(transA, 1, n, k, alpha, a, aOff, lda, wide, beta, c, cOff, ldc);
                if (parallel) {
                    pool.runPinned(rowShares);
                } else {
                    computeRowShare(0, 1);
                }
                forgetOperands();
                return;
            }
        }
        float[] whole = cached ? cache.packed(transB, k, n, bTensor, bOff, ldb, parallel) : null;
        if (whole == null) {
            whole = packedBWorkspace(k);
            cache.packInto(whole, transB, k, n, bTensor.data(), bOff, ldb, parallel);
        }

        runTiles(transA, m, n, k, alpha, a, aOff, lda, whole, beta, c, cOff, ldc, parallel, threads);
    }

    /**
     * Whether {@link #productOfTransposes} computes this product: {@code A^T B} with a long k, at
     * most one row block of rows (more than a matrix-vector product's) and at least a row block
     * of columns per thread, which the transposed product gives each thread.
     */
    private static boolean fewRowGradient(boolean transA, boolean transB, int m, int n, int k, int threads) {
        return transA && !transB && k >= LONG_K && m > FEW_ROWS && m <= MC && n >= MC * threads;
    }

    /**
     * {@code C = alpha A^T B + beta C} (A stored {@code k x m}, B stored {@code k x n}) for a weight
     * gradient with few rows and a long k, such as an output layer's ({@code 65 x 256 x 6400} for
     * 65 classes): computed as {@code T = alpha B^T A + beta C^T} ({@code n x m}, C copied into T
     * transposed first when beta is not 0) and T copied transposed into C. Directly, the product
     * would have one row block, which every thread packs whole (1.7 MB for that head) and whose
     * last row takes the one-row kernel; transposed, each thread owns a row block of {@code B^T},
     * read in place, and the packed operand is the small A. Element {@code (i, j)} is the same
     * sum either way, its k terms added in the same order in the same {@link #KC} blocks, each
     * term the same rounded product and old C entering at the same point, so the bits are those
     * of the direct product. Measured alone, 65 x 256 x 6400 with both operands rewritten before
     * each call, the two ways alternating in one JVM: beta 0, 1.93-2.39 ms directly and 1.68-2.04
     * ms transposed, faster in each of 12 rounds; beta 1 (a training step's head gradient, which
     * accumulates), 1.58-1.74 and 1.28-1.33 ms, faster in each of 10 (docs/benchmarks.md).
     */
    private void productOfTransposes(int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                                     float[] b, int bOff, int ldb, float beta, float[] c, int cOff, int ldc,
                                     boolean parallel, int threads) {
        int size = n * m;
        if (transposed.length < size) {
            transposed = new float[size];
        }
        float[] t = transposed;
        if (beta != 0f) {
            // a gradient accumulated over calls (beta 1): T starts as C^T, as the tiles expect
            transposeInto(m, n, c, cOff, ldc, t, 0, m);
        }
        // op(B') = A as stored (k x m), packed in NR panels of its m columns
        nPanels = (m + NR - 1) / NR;
        float[] aAsB = packedBWorkspace(k);
        cache.packInto(aAsB, false, k, m, a, aOff, lda, parallel);
        runTiles(true, n, m, k, alpha, b, bOff, ldb, aAsB, beta, t, 0, m, parallel, threads);
        transposeInto(n, m, t, 0, m, c, cOff, ldc);
    }

    /** {@code dst[j][i] = src[i][j]} for a {@code rows x cols} {@code src} (row strides lds and ldd). */
    private static void transposeInto(int rows, int cols, float[] src, int srcOff, int lds, float[] dst, int dstOff,
                                      int ldd) {
        for (int i = 0; i < rows; i++) {
            int row = srcOff + i * lds;
            for (int j = 0; j < cols; j++) {
                dst[dstOff + j * ldd + i] = src[row + j];
            }
        }
    }

    /** The workspace for an uncached packed {@code op(B)} of {@link #nPanels} panels over k steps, grown on demand. */
    private float[] packedBWorkspace(int k) {
        long size = (long) nPanels * NR * k;
        if (packedB.length < size) {
            packedB = new float[(int) Math.min(Integer.MAX_VALUE - 8, size)];
        }
        return packedB;
    }

    /**
     * The tile phase of a product whose {@code op(B)} is packed in {@code packedOpB} ({@link #nPanels}
     * panels): picks the tile shape and runs the tiles on {@code threads} threads.
     */
    private void runTiles(boolean transA, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                          float[] packedOpB, float beta, float[] c, int cOff, int ldc, boolean parallel, int threads) {
        operands(transA, m, n, k, alpha, a, aOff, lda, packedOpB, beta, c, cOff, ldc);
        // Tall tiles only where every thread still gets whole row blocks: with fewer, tiles
        // would be cut into narrow column runs that each stream the row block's packed A again
        // (m 256, n 256, k 6400, TN, an Elman weight gradient: 310-320 -> 238-254 GFLOP/s).
        boolean tall = (long) k * n >= TALL_TILE_B_FLOATS && m >= MC_TALL * ROW_BLOCKS_PER_THREAD * threads;
        int most = tall ? MC_TALL : MC;
        mc = parallel ? evenRowBlock(m, most, threads) : most;
        int tileCols = tall ? TILE_COLS_TALL : TILE_COLS;
        mBlocks = (m + mc - 1) / mc;
        // Tiles: at most TILE_COLS wide, and enough of them to keep every thread busy: four per
        // thread, so that claiming them balances the load. But with a long k every tile streams
        // its rows of A through all of k, and narrow tiles stream each row block once per tile:
        // there the widest tiles are kept when they come out even across the threads.
        panelsPerTile = Math.max(1, Math.min(nPanels, tileCols / NR));
        int widest = mBlocks * ((nPanels + panelsPerTile - 1) / panelsPerTile);
        boolean keepWidest = k >= LONG_K && widest >= threads && widest % threads == 0;
        while (!keepWidest && panelsPerTile > 1
                && mBlocks * ((nPanels + panelsPerTile - 1) / panelsPerTile) < 4 * threads) {
            panelsPerTile = (panelsPerTile + 1) / 2;
        }
        int nTiles = (nPanels + panelsPerTile - 1) / panelsPerTile;
        packPerBlock = nTiles == 1 && k > KC;
        java.util.Arrays.fill(packedRowBlock, -1);
        int tilesTotal = mBlocks * nTiles;
        this.tilesTotal = tilesTotal;
        if (parallel && m <= FEW_ROWS) {
            // The same tiles on the same thread at every call: across the steps of batch-1
            // sampling each core rereads its own share of the weights, and what fits stays in its L2.
            pool.runPinned(pinnedTiles);
        } else if (parallel && mBlocks >= ROW_BLOCKS_PER_THREAD * threads) {
            resetTileClaims(mBlocks);
            // one chunk per row block, then one per thread for whoever runs out of row blocks first
            pool.run(rowBlockJob, mBlocks + threads);
        } else {
            pool.run(tileJob, tilesTotal, parallel);
        }
        forgetOperands();
    }

    /**
     * Rows per row block, at most {@code most}, such that the threads get equal shares of rows:
     * the count of blocks rounded up to a multiple of {@code threads}, then the rows spread over
     * them in whole MR panels. A weight gradient of 1024 rows in tall blocks of 192 on two threads
     * had six blocks, the last of 64 rows: one thread computed 576 rows, the other 448, and the
     * first set the time. At 174 rows, the shares are 522 and 502. Only the cut changes, not a
     * bit: every element is still computed whole by one tile.
     *
     * <pre>{@code
     * evenRowBlock(1024, 192, 2);   // 174 with 6-row panels: blocks 5 x 174 + 154
     * }</pre>
     */
    static int evenRowBlock(int m, int most, int threads) {
        int blocks = (m + most - 1) / most;
        if (blocks < threads) {
            // fewer row blocks than threads: the threads split columns instead
            return most;
        }
        blocks = (blocks + threads - 1) / threads * threads;
        int rows = (m + blocks - 1) / blocks;
        return Math.min(most, (rows + MR - 1) / MR * MR);
    }

    /** Makes this product the current call, which the jobs read. */
    private void operands(boolean transA, int m, int n, int k, float alpha, float[] a, int aOff, int lda,
                          float[] bPacked, float beta, float[] c, int cOff, int ldc) {
        this.transA = transA;
        this.m = m;
        this.n = n;
        this.k = k;
        this.alpha = alpha;
        this.beta = beta;
        this.a = a;
        this.aOff = aOff;
        this.lda = lda;
        this.c = c;
        this.cOff = cOff;
        this.ldc = ldc;
        this.bPacked = bPacked;
    }

    /** Lets go of the last call's arrays, which the caller owns. */
    private void forgetOperands() {
        this.a = null;
        this.c = null;
        this.bPacked = null;
    }

    /**
     * Share {@code worker} of {@code threads} of a matrix-vector product: its wide panels, k block
     * by k block, each element's k terms summed in order as in every other product.
     */
    private void computeRowShare(int worker, int threads) {
        int panels = (n + GemmKernels.WIDE - 1) / GemmKernels.WIDE;
        int first = (int) ((long) panels * worker / threads);
        int last = (int) ((long) panels * (worker + 1) / threads);
        int aStep = transA ? lda : 1;
        float[] tile = tiles[worker];
        for (int k0 = 0; k0 < k; k0 += KC) {
            int kc = Math.min(KC, k - k0);
            float beta = k0 == 0 ? this.beta : 1f;
            int aAt = aOff + k0 * aStep;
            int bBlock = k0 * panels * GemmKernels.WIDE;
            int jp = first;
            // two panels per call: two streams of weights in flight (see GemmKernels.kernelRow2);
            // every panel is full, as this layout is only taken when n is a multiple of WIDE
            for (; jp + 1 < last; jp += 2) {
                int j0 = jp * GemmKernels.WIDE;
                int at = bBlock + jp * kc * GemmKernels.WIDE;
                GemmKernels.kernelRow2(kc, a, aAt, aStep, bPacked, at, at + kc * GemmKernels.WIDE, c, cOff + j0,
                        cOff + j0 + GemmKernels.WIDE, alpha, beta, tile);
            }
            for (; jp < last; jp++) {
                int j0 = jp * GemmKernels.WIDE;
                GemmKernels.kernelRow(kc, a, aAt, aStep, bPacked, bBlock + jp * kc * GemmKernels.WIDE, c, cOff + j0,
                        Math.min(GemmKernels.WIDE, n - j0), alpha, beta, tile);
            }
        }
    }

    /**
     * Chunk {@code chunk} of the row-block job: below {@link #mBlocks}, the tiles of that row block
     * in order, so that its rows of A are packed once; past it, tiles of row blocks that other
     * threads still work on. A thread that runs out of row blocks first would otherwise wait up
     * to a whole row block for the slower one, and on this VM one vCPU often runs 5-10% slower
     * than the other for minutes (2048^3 on two threads: the threads finished 3.6-6.5 ms apart
     * in calls of 59-63 ms). Measured in one JVM, with and without, alternating: equal on two
     * idle cores (0.98-1.01), and 1.10 (0.98-1.35) with another process at nice 8 on one core.
     * Every tile is claimed by one thread and computed whole, so which thread computes it
     * changes no bit.
     */
    private void computeRowBlock(int chunk, int worker) {
        int nTiles = tilesTotal / mBlocks;
        if (chunk < mBlocks) {
            for (int t; (t = claimTile(chunk)) < nTiles; ) {
                computeTile(chunk * nTiles + t, worker);
            }
            return;
        }
        // help with the row block that has the most tiles left unclaimed
        while (true) {
            int mb = -1;
            int most = 0;
            for (int b = 0; b < mBlocks; b++) {
                int left = nTiles - (int) CLAIMS.getOpaque(tileClaims, b * CLAIM_STRIDE);
                if (left > most) {
                    most = left;
                    mb = b;
                }
            }
            if (mb < 0) {
                return;
            }
            int t = claimTile(mb);
            if (t < nTiles) {
                computeTile(mb * nTiles + t, worker);
            }
        }
    }

    /** Claims the next tile of row block {@code mb}; {@code >=} its tile count when none is left. */
    private int claimTile(int mb) {
        return (int) CLAIMS.getAndAdd(tileClaims, mb * CLAIM_STRIDE, 1);
    }

    /** Zeroes the tile claims of {@code mBlocks} row blocks (published by the job's dispatch). */
    private void resetTileClaims(int mBlocks) {
        if (tileClaims.length < mBlocks * CLAIM_STRIDE) {
            tileClaims = new int[mBlocks * CLAIM_STRIDE];
        }
        for (int b = 0; b < mBlocks; b++) {
            tileClaims[b * CLAIM_STRIDE] = 0;
        }
    }

    /** Thread {@code worker} computes the {@code worker}-th contiguous share of the tiles. */
    private void computeShare(int chunk, int worker) {
        int threads = pool.threads();
        int first = (int) ((long) tilesTotal * worker / threads);
        int last = (int) ((long) tilesTotal * (worker + 1) / threads);
        for (int t = first; t < last; t++) {
            computeTile(t, worker);
        }
    }

    /**
     * Tile {@code chunk}: rows of one row block by a run of B panels, all of k. Consecutive tiles
     * share a row block, so a thread usually reuses the A block it packed for the previous one.
     */
    private void computeTile(int chunk, int worker) {
        int nTilesPerBlock = (nPanels + panelsPerTile - 1) / panelsPerTile;
        int mb = chunk / nTilesPerBlock;
        int nt = chunk % nTilesPerBlock;
        int iStart = mb * mc;
        int rows = Math.min(mc, m - iStart);
        int rowPanels = (rows + MR - 1) / MR;
        // A matrix-vector product (batch-1 sampling) reads its one row in place: packing it would
        // write a whole zero-padded MR panel per call for a row that kernel1 reads once.
        boolean rowInPlace = m == 1;
        int fullPanels = rows / MR;
        int rest = rows - fullPanels * MR;
        // A tile that spans the whole width uses each k block of its rows once: reading them in
        // place saves the copy, which from memory is the slow part (a weight gradient's rows of
        // A are 1 KiB runs 4 KiB apart; measured in one JVM, LSTM 2x256: TN 1024 x 256 x 6336
        // 305-321 -> 332-340 GFLOP/s, NN 6400 x 256 x 1024 388 -> 450). Where rows are left
        // over, the tile packs as before, so the kernels' reads never run past A.
        boolean panelsInPlace = A_IN_PLACE && packPerBlock && rest == 0;
        float[] ap = rowInPlace || panelsInPlace ? null
                : packPerBlock ? blockBuffer(worker) : packA(worker, mb, iStart, rows, rowPanels);
        // where panel ip's element (r, p) of this k block lies when read in place
        int rowStride = transA ? 1 : lda;
        int stepStride = transA ? lda : 1;
        // how the full MR-row panels are addressed: in place, or packed (MR rows side by side)
        float[] aPanels = panelsInPlace ? a : ap;
        int panelRow = panelsInPlace ? rowStride : 1;
        int panelStep = panelsInPlace ? stepStride : MR;
        int jpFirst = nt * panelsPerTile;
        int jpLast = Math.min(nPanels, jpFirst + panelsPerTile);
        float[] tile = tiles[worker];
        float[] bp = bPacked;
        float alpha = this.alpha;
        int ldc = this.ldc;
        for (int k0 = 0; k0 < k; k0 += KC) {
            int kc = Math.min(KC, k - k0);
            float beta = k0 == 0 ? this.beta : 1f;
            int aBlock;
            if (rowInPlace) {
                aBlock = 0;
            } else if (panelsInPlace) {
                aBlock = aOff + iStart * rowStride + k0 * stepStride;
            } else if (packPerBlock) {
                packBlock(ap, 0, iStart, rows, rowPanels, k0, kc);
                aBlock = 0;
            } else {
                aBlock = k0 * rowPanels * MR;
            }
            int bBlock = k0 * nPanels * NR;
            int bStride = kc * NR;
            int panelStride = panelsInPlace ? MR * rowStride : MR * kc;
            for (int jp = jpFirst; jp < jpLast; jp++) {
                int j0 = jp * NR;
                int cols = Math.min(NR, n - j0);
                int bAt = bBlock + jp * bStride;
                int cAt = cOff + iStart * ldc + j0;
                for (int ip = 0; ip < fullPanels; ip++) {
                    int aAt = aBlock + ip * panelStride;
                    int at = cAt + ip * MR * ldc;
                    if (cols <= GemmKernels.HALF) {
                        GemmKernels.panelHalf(kc, aPanels, aAt, panelRow, panelStep, bp, bAt, c, at, ldc, MR, cols,
                                alpha, beta, tile);
                    } else if (!panelsInPlace) {
                        GemmKernels.panel(kc, ap, aAt, bp, bAt, c, at, ldc, MR, cols, alpha, beta, tile);
                    } else if (transA) {
                        // in place implies 8-row panels (A_IN_PLACE)
                        GemmKernels.kernel8Columns(kc, a, aAt, lda, bp, bAt, c, at, ldc, MR, cols, alpha, beta, tile);
                    } else {
                        GemmKernels.panelRows(kc, a, aAt, lda, bp, bAt, c, at, ldc, MR, cols, alpha, beta, tile);
                    }
                }
                if (rest > 1) {
                    int aAt = aBlock + fullPanels * MR * kc;
                    int at = cAt + fullPanels * MR * ldc;
                    if (rest > 4) {
                        GemmKernels.panel(kc, ap, aAt, bp, bAt, c, at, ldc, rest, cols, alpha, beta, tile);
                    } else {
                        GemmKernels.kernel4(kc, ap, aAt, bp, bAt, c, at, ldc, rest, cols, alpha, beta, tile);
                    }
                }
            }
            if (rest == 1) {
                // One row left (or a matrix-vector product, batch-1 sampling): four panels per call,
                // so that eight FMA chains hide the FMA latency.
                float[] row = rowInPlace ? a : ap;
                int aAt = rowInPlace ? aOff + (transA ? k0 * lda : k0) : aBlock + fullPanels * MR * kc;
                int aStep = rowInPlace ? (transA ? lda : 1) : MR;
                int at = cOff + (iStart + fullPanels * MR) * ldc;
                for (int jp = jpFirst; jp < jpLast; ) {
                    int panels = jpLast - jp >= 4 ? 4 : 1;
                    int j0 = jp * NR;
                    GemmKernels.kernel1(kc, row, aAt, aStep, bp, bBlock + jp * bStride, bStride, panels, c, at + j0,
                            Math.min(panels * NR, n - j0), alpha, beta, tile);
                    jp += panels;
                }
            }
        }
    }

    /**
     * This worker's packed copy of rows {@code [iStart, iStart + rows)} of {@code op(A)} for all of
     * k: per k block, {@code rowPanels} MR panels. Repacked only when the row block changes.
     */
    private float[] packA(int worker, int mb, int iStart, int rows, int rowPanels) {
        float[] ap = packedA[worker];
        if (packedRowBlock[worker] == mb) {
            return ap;
        }
        int size = rowPanels * MR * k;
        if (ap.length < size) {
            ap = new float[Math.max(size, mc * KC)];
            packedA[worker] = ap;
        }
        for (int k0 = 0; k0 < k; k0 += KC) {
            packBlock(ap, k0 * rowPanels * MR, iStart, rows, rowPanels, k0, Math.min(KC, k - k0));
        }
        packedRowBlock[worker] = mb;
        return ap;
    }

    /** This worker's buffer for one k block of a row block, packed by {@link #packBlock}. */
    private float[] blockBuffer(int worker) {
        float[] ap = packedA[worker];
        if (ap.length < mc * KC) {
            ap = new float[mc * KC];
            packedA[worker] = ap;
        }
        // the buffer's content no longer belongs to a whole row block
        packedRowBlock[worker] = -1;
        return ap;
    }

    /** Packs steps {@code [k0, k0 + kc)} of rows {@code [iStart, iStart + rows)} of op(A) at {@code ap[base]}. */
    private void packBlock(float[] ap, int base, int iStart, int rows, int rowPanels, int k0, int kc) {
        if (transA) {
            // Stored k x m: walk the stored rows once each, contiguously across all panels;
            // panel by panel would touch one page per step of k (a TLB miss each).
            GemmKernels.packATransposed(a, aOff, lda, iStart, rows, k0, kc, ap, base);
        } else {
            for (int ip = 0; ip < rowPanels; ip++) {
                int i0 = iStart + ip * MR;
                GemmKernels.packA(false, a, aOff, lda, i0, Math.min(MR, iStart + rows - i0), k0, kc, ap,
                        base + ip * MR * kc);
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
