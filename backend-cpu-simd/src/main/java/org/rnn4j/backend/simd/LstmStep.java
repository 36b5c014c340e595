package org.rnn4j.backend.simd;

import static org.rnn4j.backend.simd.GemmKernels.WIDE;

/**
 * LSTM steps of a single row (batch-1 sampling) as one pinned job: thread {@code i} owns a
 * fixed run of hidden units and computes, for those units only, their columns of all four gates
 * and then their cell update. With its input projection (one step, see
 * {@link org.rnn4j.api.kernel.SequenceKernels#lstmStepForward}) a gate column is
 * {@code x W_ih^T} plus the bias plus {@code h0 W_hh^T}; without
 * ({@link org.rnn4j.api.kernel.SequenceKernels#lstmSequenceForward}) the projection is already
 * in the gates and each step adds {@code h_{t-1} W_hh^T}, the threads meeting once per step
 * (every thread reads all of {@code h_{t-1}}). Within a step no thread reads what another
 * writes, so a step costs one hand-off or one meeting instead of the hand-offs of a product, a
 * second product and a pointwise kernel dispatched one after another (a hand-off costs about a
 * microsecond here: publish, the other core's start, its report).
 *
 * <p><b>Same values as the composition.</b> Every element is computed as the default method
 * computes it on this backend: the input product summed in k order in blocks of {@link Gemm#KC}
 * with {@link GemmKernels#kernelRow}, the bias added in float, the recurrent product accumulated
 * onto that the same way, and the cell update by {@link RecurrentSteps#lstmForward} on runs of
 * whole vectors. Weights come from the packed-weight cache in the wide layout, the same entries
 * the per-step products use.
 *
 * <p>Applies when the hidden size is a whole number of wide panels ({@link GemmKernels#WIDE}
 * columns) and every thread gets at least one of them; other shapes take the composition.
 */
final class LstmStep {

    private final WorkerPool pool;
    private final PackedWeights cache;
    private final float[][] tiles;
    private final ParallelJob shares = (chunk, worker) -> computeShare(worker);

    // The current call (set before dispatch; no allocation per call).
    private int steps;
    private int inputSize;
    private int hidden;
    private float[] x;
    private int xOff;
    private float[] wIh;
    private float[] bias;
    private int biasOff;
    private float[] wHh;
    private float[] h0;
    private int h0Off;
    private float[] c0;
    private int c0Off;
    private float[] g;
    private int gOff;
    private float[] c;
    private int cOff;
    private float[] h;
    private int hOff;

    LstmStep(WorkerPool pool, PackedWeights cache) {
        this.pool = pool;
        this.cache = cache;
        this.tiles = new float[pool.threads()][GemmKernels.TILE_FLOATS];
    }

    /**
     * Whether steps of this shape run here (else the caller runs the composition);
     * {@code inputSize} is 0 for steps without the input projection.
     */
    boolean handles(int batch, int inputSize, int hidden) {
        int threads = pool.threads();
        // both weights must fit the packed-weight cache, which the job reads them from
        return batch == 1 && threads > 1 && hidden % WIDE == 0 && hidden / WIDE >= threads
                && 4L * hidden * (inputSize + hidden) >= Gemm.PARALLEL_FLOPS_FEW_ROWS
                && 4L * hidden * Math.max(inputSize, hidden) <= PackedWeights.MAX_FLOATS;
    }

    /**
     * One step with its input projection. Operands already checked by the backend; weight
     * offsets are into their tensors.
     */
    void runWithInput(int inputSize, int hidden, float[] x, int xOff, SimdTensor wIhTensor, int wIhOff,
                      float[] bias, int biasOff, SimdTensor wHhTensor, int wHhOff, float[] h0, int h0Off,
                      float[] c0, int c0Off, float[] g, int gOff, float[] c, int cOff, float[] h, int hOff) {
        this.wIh = packed(inputSize, hidden, wIhTensor, wIhOff);
        this.x = x;
        this.xOff = xOff;
        this.bias = bias;
        this.biasOff = biasOff;
        run(1, inputSize, hidden, wHhTensor, wHhOff, h0, h0Off, c0, c0Off, g, gOff, c, cOff, h, hOff);
    }

    /** {@code steps} steps whose gates hold the input projection and bias already. */
    void runRecurrence(int steps, int hidden, SimdTensor wHhTensor, int wHhOff, float[] h0, int h0Off,
                       float[] c0, int c0Off, float[] g, int gOff, float[] c, int cOff, float[] h, int hOff) {
        this.x = null;
        run(steps, 0, hidden, wHhTensor, wHhOff, h0, h0Off, c0, c0Off, g, gOff, c, cOff, h, hOff);
    }

    /** {@code op(B) = W^T} of a {@code [4*hidden, k]} weight, packed wide. */
    private float[] packed(int k, int hidden, SimdTensor w, int wOff) {
        float[] p = cache.packedWide(true, k, 4 * hidden, w, wOff, k, true);
        if (p == null) {
            throw new IllegalStateException("LstmStep.handles admitted weights too large for the cache");
        }
        return p;
    }

    private void run(int steps, int inputSize, int hidden, SimdTensor wHhTensor, int wHhOff, float[] h0, int h0Off,
                     float[] c0, int c0Off, float[] g, int gOff, float[] c, int cOff, float[] h, int hOff) {
        this.wHh = packed(hidden, hidden, wHhTensor, wHhOff);
        this.steps = steps;
        this.inputSize = inputSize;
        this.hidden = hidden;
        this.h0 = h0;
        this.h0Off = h0Off;
        this.c0 = c0;
        this.c0Off = c0Off;
        this.g = g;
        this.gOff = gOff;
        this.c = c;
        this.cOff = cOff;
        this.h = h;
        this.hOff = hOff;
        pool.runPinned(shares);
        this.x = null;
        this.wIh = null;
        this.bias = null;
        this.wHh = null;
        this.h0 = null;
        this.c0 = null;
        this.g = null;
        this.c = null;
        this.h = null;
    }

    /** Thread {@code worker}'s units, step by step: their four gate columns, then their cell update. */
    private void computeShare(int worker) {
        int threads = pool.threads();
        int perGate = hidden / WIDE;
        int first = perGate * worker / threads;
        int last = perGate * (worker + 1) / threads;
        float[] tile = tiles[worker];
        int g4 = 4 * hidden;
        for (int t = 0; t < steps; t++) {
            if (t > 0) {
                // the next product reads every thread's units of h_{t-1}
                pool.barrier(worker);
            }
            int gRow = gOff + t * g4;
            float[] hPrev = t == 0 ? h0 : h;
            int hPrevOff = t == 0 ? h0Off : hOff + (t - 1) * hidden;
            float[] cPrev = t == 0 ? c0 : c;
            int cPrevOff = t == 0 ? c0Off : cOff + (t - 1) * hidden;
            // gates in pairs, so that each product reads two runs of weights at once
            for (int gate = 0; gate < 4; gate += 2) {
                for (int p = first; p < last; p++) {
                    int col = gate * hidden + p * WIDE;
                    int col2 = col + hidden;
                    if (x != null) {
                        product(x, xOff, inputSize, wIh, g4, gRow, col, col2, 0f, tile);
                        VectorOps.addTo(bias, biasOff + col, g, gRow + col, WIDE);
                        VectorOps.addTo(bias, biasOff + col2, g, gRow + col2, WIDE);
                    }
                    product(hPrev, hPrevOff, hidden, wHh, g4, gRow, col, col2, 1f, tile);
                }
            }
            RecurrentSteps.lstmForward(hidden, g, gRow, cPrev, cPrevOff, c, cOff + t * hidden, h, hOff + t * hidden,
                    first * WIDE, (last - first) * WIDE);
        }
    }

    /**
     * Columns {@code [col, col + WIDE)} and {@code [col2, col2 + WIDE)} of
     * {@code beta * gates + row . op(B)} (the gate row at {@code gRow}), B packed wide with
     * {@code n} columns and {@code k} steps: k blocks in order, as {@link Gemm} sums them, two
     * panels per call (see {@link GemmKernels#kernelRow2}).
     */
    private void product(float[] row, int rowOff, int k, float[] packed, int n, int gRow, int col, int col2,
                         float beta, float[] tile) {
        int panels = n / WIDE;
        int panel = col / WIDE;
        int panel2 = col2 / WIDE;
        for (int k0 = 0; k0 < k; k0 += Gemm.KC) {
            int kc = Math.min(Gemm.KC, k - k0);
            int block = k0 * panels * WIDE;
            GemmKernels.kernelRow2(kc, row, rowOff + k0, 1, packed, block + panel * kc * WIDE,
                    block + panel2 * kc * WIDE, g, gRow + col, gRow + col2, 1f, k0 == 0 ? beta : 1f, tile);
        }
    }
}
