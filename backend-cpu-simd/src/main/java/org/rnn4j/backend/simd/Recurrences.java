package org.rnn4j.backend.simd;

import static org.rnn4j.backend.simd.GemmKernels.MR;
import static org.rnn4j.backend.simd.GemmKernels.NR;

import org.rnn4j.api.kernel.Activation;

/**
 * The whole-sequence recurrences of {@link org.rnn4j.api.kernel.SequenceKernels}: every time
 * step of a layer in one pinned job, one barrier per step.
 *
 * <p><b>Who computes what.</b> When every thread can have at least one full row panel
 * ({@code batch >= MR * threads}, e.g. training at batch 64 on up to 8 threads with 8-row panels, 10 with 6), the batch rows
 * are cut into {@code threads} runs of whole MR panels and thread {@code i} computes its rows'
 * whole recurrence alone: a batch row's step depends only on the same row's previous step, so
 * the threads never meet, and each reads its rows of every block as one contiguous run (the
 * blocks were written long before and come from memory; cut by units, a thread reads four
 * 512-byte pieces of every 4 KiB row of an LSTM 256's gates, one per gate). Each
 * thread reads all of the packed {@code W_hh} at every step (1 MiB for an LSTM of hidden 256,
 * from L2 and L3). Measured in whole training steps at batch 64 on two threads, old and new
 * alternating in one JVM, against the unit split below: LSTM 2x256 +7%, GRU 2x256 +18%, Elman
 * 2x256 +8% (medians of four rounds); when the host takes time from a vCPU, a thread delayed
 * once delays only itself, not every barrier after it.
 *
 * <p>Smaller batches split the hidden units instead: thread {@code i} owns a run of whole NR
 * column panels for the whole sequence: forward, the columns of its units in every gate of
 * {@code h_{t-1} W_hh^T} and then the cell's pointwise step for those units; backward, the
 * pointwise step for its units (which writes their columns of the gate gradients) and then its
 * units' columns of {@code dh_{t-1} = dGates_t W_hh}. So a thread reads the same slice of the
 * packed {@code W_hh} at every step, and the only data crossing threads is {@code h_{t-1}}
 * forward and the gate gradients backward, hence one barrier per step: forward before the
 * product (it reads all of {@code h_{t-1}}), backward between the pointwise step and the product
 * (it reads all of the gate gradients). Everything else a thread reads it wrote itself.
 *
 * <p><b>The products</b> read A ({@code h_{t-1}} or the gate gradients, at most a few hundred KiB
 * and just written) in place, MR full rows at a time ({@link GemmKernels#panelRows}); only
 * a last panel of fewer than MR rows is packed, padded with zeros.
 * B comes packed from the weight cache, per gate forward (so a gate's panels never straddle two
 * gates when hidden is not a multiple of NR). Forward, the product of a step goes to a per-thread
 * buffer and is then added to the pre-activations row by row, with the same bits as adding it in
 * the kernels (see {@link #forward(int, int, int, int, int, boolean)}).
 *
 * <p><b>Determinism.</b> Each element of a product sums its k terms in order, in blocks of
 * {@link Gemm#KC} as {@link Gemm} does, whichever kernel and thread computes it, and each
 * pointwise element is computed by the same vector code: the results do not depend on the
 * number of threads or on the way the work is split.
 *
 * <p>Recurrences with fewer multiply-adds per step than {@link #PARALLEL_FLOPS} run here on the
 * calling thread alone (a barrier per step would cost more than the second core saves). Batches
 * of at most {@link #FEW_ROWS} rows (batch-1 sampling) are left to the per-step kernels, whose
 * products have a matrix-vector kernel and pin each core to its share of the weights.
 */
final class Recurrences {

    /** Multiply-adds per step below which a recurrence stays on the calling thread. */
    static final long PARALLEL_FLOPS = 1L << 19;
    /** Batches up to this size take the per-step path (see {@link Gemm}'s few-row products). */
    static final int FEW_ROWS = 4;

    enum Cell {
        LSTM(4), GRU(3), ELMAN(1);

        final int gates;

        Cell(int gates) {
            this.gates = gates;
        }
    }

    private final WorkerPool pool;
    private final PackedWeights cache;
    private final float[][] tiles;
    private final float[][] restA;
    private final float[][] scratch;
    /** Per thread, the forward product of one step before it is added in (see {@link #forward}). */
    private final float[][] products;
    private final ParallelJob forwardJob = (chunk, worker) -> forward(worker, threads());
    private final ParallelJob backwardJob = (chunk, worker) -> backward(worker, threads());

    // The current call (set before dispatch; no allocation per call).
    private Cell cell;
    private Activation act;
    private int steps;
    private int batch;
    private int hidden;
    private final float[][] packedByGate = new float[4][];
    private float[] packedBackward;
    /** LSTM gates / GRU xg / Elman h (pre-activations in, outputs out). */
    private float[] g;
    private int gOff;
    /** GRU hg. */
    private float[] hg;
    private int hgOff;
    /** LSTM cells. */
    private float[] c;
    private int cOff;
    private float[] c0;
    private int c0Off;
    private float[] h;
    private int hOff;
    private float[] h0;
    private int h0Off;
    private float[] dOut;
    private int dOutOff;
    private float[] dh;
    private int dhOff;
    private float[] dc;
    private int dcOff;
    /** LSTM dGates / GRU dXg / Elman dPre. */
    private float[] dg;
    private int dgOff;
    /** GRU dHg. */
    private float[] dHg;
    private int dHgOff;

    Recurrences(WorkerPool pool, PackedWeights cache) {
        this.pool = pool;
        this.cache = cache;
        int threads = pool.threads();
        this.tiles = new float[threads][GemmKernels.TILE_FLOATS];
        this.restA = new float[threads][0];
        this.scratch = new float[threads][RecurrentSteps.BLOCK];
        this.products = new float[threads][0];
    }

    /** Whether a recurrence of this shape runs here rather than step by step. */
    static boolean handles(int batch) {
        return batch > FEW_ROWS;
    }

    // ---- set-up, called by SimdBackend after its argument checks ---------------------------

    void shape(Cell cell, Activation act, int steps, int batch, int hidden) {
        this.cell = cell;
        this.act = act;
        this.steps = steps;
        this.batch = batch;
        this.hidden = hidden;
    }

    void gates(float[] g, int gOff) {
        this.g = g;
        this.gOff = gOff;
    }

    void hiddenGates(float[] hg, int hgOff) {
        this.hg = hg;
        this.hgOff = hgOff;
    }

    void states(float[] h0, int h0Off, float[] h, int hOff, float[] c0, int c0Off, float[] c, int cOff) {
        this.h0 = h0;
        this.h0Off = h0Off;
        this.h = h;
        this.hOff = hOff;
        this.c0 = c0;
        this.c0Off = c0Off;
        this.c = c;
        this.cOff = cOff;
    }

    void gradients(float[] dOut, int dOutOff, float[] dh, int dhOff, float[] dc, int dcOff, float[] dg, int dgOff,
                   float[] dHg, int dHgOff) {
        this.dOut = dOut;
        this.dOutOff = dOutOff;
        this.dh = dh;
        this.dhOff = dhOff;
        this.dc = dc;
        this.dcOff = dcOff;
        this.dg = dg;
        this.dgOff = dgOff;
        this.dHg = dHg;
        this.dHgOff = dHgOff;
    }

    /** Runs the forward recurrence set up above; {@code wHh} is the weight tensor, read packed. */
    void runForward(SimdTensor wHh, int wHhOff) {
        int gates = cell.gates;
        int threads = threadsFor(gates);
        for (int gate = 0; gate < gates; gate++) {
            // op(B) = W_hh^T restricted to gate g's rows: k = n = hidden
            packedByGate[gate] = cache.packed(true, hidden, hidden, wHh, wHhOff + gate * hidden * hidden, hidden,
                    threads > 1);
        }
        dispatch(forwardJob, threads);
    }

    /** Runs the backward recurrence set up above. */
    void runBackward(SimdTensor wHh, int wHhOff) {
        int gates = cell.gates;
        int threads = threadsFor(gates);
        // op(B) = W_hh as stored: k = gates * hidden, n = hidden
        packedBackward = cache.packed(false, gates * hidden, hidden, wHh, wHhOff, hidden, threads > 1);
        dispatch(backwardJob, threads);
    }

    private int threads() {
        return pool.threads();
    }

    private int threadsFor(int gates) {
        long perStep = (long) batch * gates * hidden * hidden;
        return perStep >= PARALLEL_FLOPS ? pool.threads() : 1;
    }

    private void dispatch(ParallelJob job, int threads) {
        try {
            if (threads > 1) {
                pool.runPinned(job);
            } else if (job == forwardJob) {
                forward(0, 1);
            } else {
                backward(0, 1);
            }
        } finally {
            release();
        }
    }

    private void release() {
        g = hg = c = c0 = h = h0 = dOut = dh = dc = dg = dHg = packedBackward = null;
        java.util.Arrays.fill(packedByGate, null);
    }

    // ---- the recurrences --------------------------------------------------------------------

    /**
     * Whether {@code threads} threads split the batch rows (each runs its rows' whole recurrence,
     * no barrier) rather than the hidden units: when every thread gets at least one full row panel.
     */
    private boolean splitsRows(int threads) {
        return threads > 1 && batch >= MR * threads;
    }

    /** The first batch row of thread {@code worker}'s share: whole MR row panels, evenly shared. */
    private int firstRow(int worker, int threads) {
        int panels = (batch + MR - 1) / MR;
        return Math.min(batch, panels * worker / threads * MR);
    }

    /** The first hidden unit of thread {@code worker}'s run: whole NR panels, evenly shared. */
    private int firstUnit(int worker, int threads) {
        int panels = (hidden + NR - 1) / NR;
        return Math.min(hidden, panels * worker / threads * NR);
    }

    private void forward(int worker, int threads) {
        // the 6-argument overloads below run one thread's share
        if (splitsRows(threads)) {
            forward(worker, firstRow(worker, threads), firstRow(worker + 1, threads), 0, hidden, false);
        } else {
            forward(worker, 0, batch, firstUnit(worker, threads), firstUnit(worker + 1, threads), threads > 1);
        }
    }

    private void backward(int worker, int threads) {
        if (splitsRows(threads)) {
            backward(worker, firstRow(worker, threads), firstRow(worker + 1, threads), 0, hidden, false);
        } else {
            backward(worker, 0, batch, firstUnit(worker, threads), firstUnit(worker + 1, threads), threads > 1);
        }
    }

    /**
     * The forward recurrence over rows {@code [r0, r1)} and units {@code [u0, u1)}; {@code meet}:
     * the other threads own the other units, so every step waits for all of {@code h_{t-1}}.
     */
    private void forward(int worker, int r0, int r1, int u0, int u1, boolean meet) {
        int gates = cell.gates;
        int width = gates * hidden;
        int bh = batch * hidden;
        // the product lands in gates (LSTM), hg (GRU) or h itself (Elman)
        float[] target = cell == Cell.GRU ? hg : g;
        int targetOff = cell == Cell.GRU ? hgOff : gOff;
        boolean idle = u0 == u1 || r0 == r1;
        int rows = r1 - r0;
        // With one k block the product enters its target in one addition, so it can be computed
        // apart and added row by row afterwards, with the same bits (round(old + sum) either way).
        // Added by the kernels, old values would be loaded in their 6- or 8-row blocks: rows of
        // the target lie 4 KiB apart (an LSTM 256), a page each, so every block waits for memory
        // that no prefetcher saw coming. Added here, each row is one sequential run. Measured on
        // Zen 3 (AVX2, 2 threads), StepProfile, one JVM per setting, alternating, four rounds:
        // LSTM 2x256 forward recurrence 170-193 -> 125-153 ms per training step, GRU 2x256
        // 129-132 -> 100-114 (two rounds); Elman 2x256 (rows 1 KiB apart) 37-45 -> 36-38.
        boolean apart = hidden <= Gemm.KC && !idle;
        int ldp = width + NR;
        float[] prod = apart ? products(worker, rows * ldp) : null;
        for (int t = 0; t < steps; t++) {
            if (t > 0 && meet) {
                pool.barrier(worker);
            }
            if (idle) {
                continue;
            }
            float[] hp = t == 0 ? h0 : h;
            int hpOff = (t == 0 ? h0Off : hOff + (t - 1) * bh) + r0 * hidden;
            int block = t * batch * width + r0 * width;
            for (int gate = 0; gate < gates; gate++) {
                if (apart) {
                    product(worker, rows, hp, hpOff, hidden, hidden, packedByGate[gate], u0, u1, prod,
                            gate * hidden, ldp, 0f);
                } else {
                    product(worker, rows, hp, hpOff, hidden, hidden, packedByGate[gate], u0, u1, target,
                            targetOff + block + gate * hidden, width, 1f);
                }
            }
            int len = u1 - u0;
            for (int b = r0; b < r1; b++) {
                int row = t * bh + b * hidden;
                int gRow = gOff + t * batch * width + b * width;
                if (apart) {
                    int targetRow = targetOff + t * batch * width + b * width;
                    int pRow = (b - r0) * ldp;
                    for (int gate = 0; gate < gates; gate++) {
                        int at = gate * hidden + u0;
                        VectorOps.add(target, targetRow + at, prod, pRow + at, target, targetRow + at, len);
                    }
                }
                switch (cell) {
                    case LSTM:
                        RecurrentSteps.lstmForward(hidden, g, gRow, t == 0 ? c0 : c,
                                t == 0 ? c0Off + b * hidden : cOff + row - bh, c, cOff + row, h, hOff + row, u0, len);
                        break;
                    case GRU:
                        RecurrentSteps.gruForward(hidden, g, gRow, hg, hgOff + t * batch * width + b * width, hp,
                                hpOff + (b - r0) * hidden, h, hOff + row, u0, len);
                        break;
                    default:
                        Activations.apply(act, g, gRow + u0, g, gRow + u0, len);
                }
            }
        }
    }

    /**
     * Thread {@code worker}'s buffer for one step's product, rows {@code width + NR} floats apart
     * so that the rows of a kernel's block fall into different L1 sets; grown on demand and kept.
     */
    private float[] products(int worker, int size) {
        if (products[worker].length < size) {
            products[worker] = new float[size];
        }
        return products[worker];
    }

    /** The backward recurrence over rows {@code [r0, r1)} and units {@code [u0, u1)}; see forward. */
    private void backward(int worker, int r0, int r1, int u0, int u1, boolean meet) {
        int gates = cell.gates;
        int width = gates * hidden;
        int bh = batch * hidden;
        int len = r0 == r1 ? 0 : u1 - u0;
        int rows = r1 - r0;
        // dh_{t-1} = dGates_t W_hh: A is the gate gradients (GRU: of the hidden side)
        float[] a = cell == Cell.GRU ? dHg : dg;
        int aBase = cell == Cell.GRU ? dHgOff : dgOff;
        float productBeta = cell == Cell.GRU ? 1f : 0f;
        for (int t = steps - 1; t >= 0; t--) {
            int block = t * batch * width;
            for (int b = r0; len > 0 && b < r1; b++) {
                int row = t * bh + b * hidden;
                int dhRow = dhOff + b * hidden + u0;
                VectorOps.axpby(1f, dOut, dOutOff + row + u0, 1f, dh, dhRow, len);
                switch (cell) {
                    case LSTM:
                        RecurrentSteps.lstmBackward(hidden, g, gOff + block + b * width, t == 0 ? c0 : c,
                                t == 0 ? c0Off + b * hidden : cOff + row - bh, c, cOff + row, dh, dhOff + b * hidden,
                                dc, dcOff + b * hidden, dg, dgOff + block + b * width, dc, dcOff + b * hidden, u0, len,
                                scratch[worker]);
                        break;
                    case GRU:
                        RecurrentSteps.gruBackward(hidden, g, gOff + block + b * width, hg, hgOff + block + b * width,
                                t == 0 ? h0 : h, t == 0 ? h0Off + b * hidden : hOff + row - bh, dh, dhOff + b * hidden,
                                dg, dgOff + block + b * width, dHg, dHgOff + block + b * width, dh,
                                dhOff + b * hidden, u0, len);
                        break;
                    default:
                        Activations.applyBackward(act, g, gOff + row + u0, dh, dhRow, 0f, dg, dgOff + row + u0, len);
                }
            }
            if (meet) {
                pool.barrier(worker);
            }
            if (len > 0) {
                // GRU adds to the direct path gruBackward left in dh
                product(worker, rows, a, aBase + block + r0 * width, width, width, packedBackward, u0, u1, dh,
                        dhOff + r0 * hidden, hidden, productBeta);
            }
        }
    }

    /**
     * {@code C[:, u0..u1) = A B[:, u0..u1) + beta C[:, u0..u1)} for {@code rows} rows of A
     * ({@code rows x k}, row-major, leading dimension {@code lda}) against a packed B
     * ({@code k x n}, NR panels in {@link Gemm#KC} blocks, as {@link PackedWeights} lays it out).
     * {@code u0} is a multiple of NR.
     */
    private void product(int worker, int rows, float[] a, int aOff, int lda, int k, float[] bp, int u0, int u1,
                         float[] cm, int cmOff, int ldc, float beta) {
        int n = hidden;
        int nPanels = (n + NR - 1) / NR;
        int full = rows / MR;
        int rest = rows - full * MR;
        float[] tile = tiles[worker];
        float[] ap = rest == 0 ? null : packRest(worker, a, aOff, lda, full * MR, rest, k);
        for (int k0 = 0; k0 < k; k0 += Gemm.KC) {
            int kc = Math.min(Gemm.KC, k - k0);
            float blockBeta = k0 == 0 ? beta : 1f;
            int bBlock = k0 * nPanels * NR;
            int bStride = kc * NR;
            for (int j0 = u0; j0 < u1; j0 += NR) {
                int cols = Math.min(NR, n - j0);
                int bAt = bBlock + (j0 / NR) * bStride;
                int cAt = cmOff + j0;
                for (int ip = 0; ip < full; ip++) {
                    GemmKernels.panelRows(kc, a, aOff + ip * MR * lda + k0, lda, bp, bAt, cm, cAt + ip * MR * ldc,
                            ldc, MR, cols, 1f, blockBeta, tile);
                }
                if (rest > 0) {
                    int at = cAt + full * MR * ldc;
                    int aAt = k0 * MR;
                    if (rest > 4) {
                        GemmKernels.panel(kc, ap, aAt, bp, bAt, cm, at, ldc, rest, cols, 1f, blockBeta, tile);
                    } else {
                        GemmKernels.kernel4(kc, ap, aAt, bp, bAt, cm, at, ldc, rest, cols, 1f, blockBeta, tile);
                    }
                }
            }
        }
    }

    /** Packs the last {@code rows < MR} rows of A (from row {@code i0}) as one zero-padded MR panel. */
    private float[] packRest(int worker, float[] a, int aOff, int lda, int i0, int rows, int k) {
        float[] ap = restA[worker];
        if (ap.length < MR * k) {
            ap = new float[MR * k];
            restA[worker] = ap;
        }
        // one panel per KC block, block k0 at k0 * MR: the packed layout panel/kernel4 read
        for (int k0 = 0; k0 < k; k0 += Gemm.KC) {
            GemmKernels.packA(false, a, aOff, lda, i0, rows, k0, Math.min(Gemm.KC, k - k0), ap, k0 * MR);
        }
        return ap;
    }
}
