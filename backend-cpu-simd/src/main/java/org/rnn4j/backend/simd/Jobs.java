package org.rnn4j.backend.simd;

import org.rnn4j.api.kernel.Activation;
import org.rnn4j.api.kernel.CounterRandom;

/**
 * The parallel jobs behind every kernel except GEMM: the arguments of the current kernel in
 * fields the backend sets before a dispatch, and one pre-allocated job object per kernel
 * (created once; a lambda per call would allocate) that runs the kernel's range routine on one
 * chunk.
 *
 * <p><b>One small job per kernel, not one switch.</b> Each job's {@code run} is reached through a
 * megamorphic call, so C2 compiles it as its own small unit with the vector routine inlined. A
 * single {@code run} switching over every kernel grows, once every kernel has been hot (as in
 * the test kit), past C2's inlining budget; a vector routine then stays un-inlined and every
 * vector is boxed on the heap.
 *
 * <p><b>Fixed chunks.</b> Work is cut into chunks whose size depends only on the problem, never
 * on the thread count, and reductions keep one partial per chunk, added in chunk order. Results
 * are therefore the same run to run and for any number of threads. Small problems run the same
 * chunks on the calling thread.
 */
final class Jobs {

    /** Elements per chunk of an element-wise kernel. */
    static final int CHUNK = 8192;
    /** Below this many elements a memory-bound kernel stays on the calling thread. */
    static final int PARALLEL_ELEMENTS = 1 << 16;
    /** Below this many elements a kernel that evaluates tanh/exp stays on the calling thread. */
    static final int PARALLEL_TRANSCENDENTAL = 1 << 12;
    /** Elements per chunk of the recurrent kernels (batch x hidden). */
    static final int STEP_CHUNK = 2048;

    private final WorkerPool pool;
    private double[] partials = new double[16];
    /** Per-thread scratch of one block of the recurrent kernels. */
    private final float[][] scratch;

    // Arguments of the current kernel.
    Activation act;
    int n;
    int rows;
    int cols;
    int chunkSize;
    float[] x;
    int xo;
    float[] y;
    int yo;
    float[] z;
    int zo;
    float[] u;
    int uo;
    float[] w;
    int wo;
    float[] s;
    int so;
    float[] t;
    int to;
    float alpha;
    float beta;
    float f1;
    float f2;
    float f3;
    float f4;
    float f5;
    float f6;
    boolean flag;
    boolean flag2;
    long seed;
    long counter;
    int[] targets;
    int targetsOffset;

    Jobs(WorkerPool pool) {
        this.pool = pool;
        // one block of the recurrent kernels, or the 8 vectors of column sums of VectorOps.sumRows
        this.scratch = new float[pool.threads()][Math.max(RecurrentSteps.BLOCK, 8 * Lanes.N)];
    }

    /**
     * Runs {@code job} over {@code work} units cut in chunks of {@code chunkSize}, in
     * parallel when {@code work >= threshold}; returns the sum of the chunk partials (reductions)
     * or 0.
     */
    double run(ParallelJob job, int work, int chunkSize, int threshold) {
        this.n = work;
        this.chunkSize = chunkSize;
        int chunks = (int) (((long) work + chunkSize - 1) / chunkSize);
        if (partials.length < chunks) {
            partials = new double[Math.max(chunks, 2 * partials.length)];
        }
        java.util.Arrays.fill(partials, 0, chunks, 0.0);
        pool.run(job, chunks, work >= threshold && pool.threads() > 1 && chunks > 1);
        double sum = 0;
        for (int c = 0; c < chunks; c++) {
            sum += partials[c];
        }
        release();
        return sum;
    }

    private void sumRows(int chunk, int worker) {
        VectorOps.sumRows(rows, cols, x, xo, beta, y, yo, start(chunk), length(chunk), scratch[worker]);
    }

    private void release() {
        x = y = z = u = w = s = t = null;
        targets = null;
    }

    private int start(int chunk) {
        return chunk * chunkSize;
    }

    private int length(int chunk) {
        return Math.min(chunkSize, n - chunk * chunkSize);
    }

    final ParallelJob activation = (c, worker) -> activation(start(c), length(c));
    final ParallelJob activationBackward = (c, worker) -> activationBackward(start(c), length(c));
    final ParallelJob axpby = (c, worker) -> VectorOps.axpby(alpha, x, xo + start(c), beta, y, yo + start(c), length(c));
    final ParallelJob multiply = (c, worker) -> VectorOps.multiply(x, xo + start(c), y, yo + start(c), beta, z, zo + start(c),
            length(c));
    final ParallelJob clamp = (c, worker) -> VectorOps.clamp(alpha, beta, x, xo + start(c), length(c));
    final ParallelJob sumOfSquares = (c, worker) -> partials[c] = VectorOps.sumOfSquares(x, xo + start(c), length(c));
    final ParallelJob dropout = (c, worker) -> {
        for (int i = start(c), end = i + length(c); i < end; i++) {
            y[yo + i] = CounterRandom.dropoutMultiplier(seed, counter + i, alpha);
        }
    };
    /** Chunks are rows. */
    final ParallelJob addRowVector = (c, worker) -> {
        for (int r = start(c), end = r + length(c); r < end; r++) {
            VectorOps.addTo(x, xo, y, yo + r * cols, cols);
        }
    };
    /** Chunks are rows of {@code y}, each a row of the table {@code x} chosen by {@code targets}. */
    final ParallelJob gatherRows = (c, worker) -> {
        for (int r = start(c), end = r + length(c); r < end; r++) {
            int index = targets[targetsOffset + r];
            int dst = yo + r * cols;
            if (index < 0) {
                java.util.Arrays.fill(y, dst, dst + cols, 0f);
            } else {
                System.arraycopy(x, xo + index * cols, y, dst, cols);
            }
        }
    };
    /** Chunks are runs of columns, one per thread. */
    final ParallelJob sumRows = this::sumRows;
    final ParallelJob lstmForward = (c, worker) -> lstmForward(start(c), length(c));
    final ParallelJob lstmBackward = (c, worker) -> lstmBackward(start(c), length(c), worker);
    final ParallelJob gruForward = (c, worker) -> gruForward(start(c), length(c));
    final ParallelJob gruBackward = (c, worker) -> gruBackward(start(c), length(c));
    final ParallelJob jordanOutput = (c, worker) -> jordan(start(c), length(c));
    final ParallelJob crossEntropy = (c, worker) -> partials[c] = crossEntropy(start(c), length(c), worker);
    final ParallelJob squaredError = (c, worker) -> partials[c] = Losses.squaredError(x, xo + start(c), y, yo + start(c), z,
            zo + start(c), alpha, u, uo + start(c), length(c));
    /** Chunks are rows. */
    final ParallelJob softmax = (c, worker) -> {
        for (int r = start(c), end = r + length(c); r < end; r++) {
            Losses.softmaxRow(cols, alpha, x, xo + r * cols, y, yo + r * cols);
        }
    };
    final ParallelJob sgd = (c, worker) -> Optimizers.sgd(x, y, z, xo + start(c), length(c), alpha, flag, f1, f2, flag2, f3);
    final ParallelJob adam = (c, worker) -> Optimizers.adam(x, y, z, u, xo + start(c), length(c), f1, f2, f3, f4, f5, f6,
            beta);
    final ParallelJob rmsprop = (c, worker) -> Optimizers.rmsprop(x, y, z, u, xo + start(c), length(c), alpha, f1, f2, f3,
            f4);
    final ParallelJob adagrad = (c, worker) -> Optimizers.adagrad(x, y, z, xo + start(c), length(c), alpha, f1, f2);

    private void activation(int start, int len) {
        Activations.apply(act, x, xo + start, y, yo + start, len);
    }

    private void activationBackward(int start, int len) {
        // x = y (outputs), y = dy, z = dx
        Activations.applyBackward(act, x, xo + start, y, yo + start, beta, z, zo + start, len);
    }

    // The recurrent kernels split a flat range of batch x hidden into segments of one row each.
    // Argument roles: see the kernel's call site in SimdBackend.

    private void lstmForward(int start, int len) {
        int hidden = cols;
        for (int pos = start, end = start + len; pos < end; ) {
            int b = pos / hidden;
            int j = pos - b * hidden;
            int seg = Math.min(end - pos, hidden - j);
            int row = b * hidden;
            // x gates, y cPrev, z c, u h
            RecurrentSteps.lstmForward(hidden, x, xo + 4 * row, y, yo + row, z, zo + row, u, uo + row, j, seg);
            pos += seg;
        }
    }

    private void lstmBackward(int start, int len, int worker) {
        float[] tmp = scratch[worker];
        int hidden = cols;
        for (int pos = start, end = start + len; pos < end; ) {
            int b = pos / hidden;
            int j = pos - b * hidden;
            int seg = Math.min(end - pos, hidden - j);
            int row = b * hidden;
            // x gates, y cPrev, z c, u dh, w dc, s dGates, t dcPrev
            RecurrentSteps.lstmBackward(hidden, x, xo + 4 * row, y, yo + row, z, zo + row, u, uo + row,
                    w, wo + row, s, so + 4 * row, t, to + row, j, seg, tmp);
            pos += seg;
        }
    }

    private void gruForward(int start, int len) {
        int hidden = cols;
        for (int pos = start, end = start + len; pos < end; ) {
            int b = pos / hidden;
            int j = pos - b * hidden;
            int seg = Math.min(end - pos, hidden - j);
            int row = b * hidden;
            // x xg, y hg, z hPrev, u h
            RecurrentSteps.gruForward(hidden, x, xo + 3 * row, y, yo + 3 * row, z, zo + row, u, uo + row, j, seg);
            pos += seg;
        }
    }

    private void gruBackward(int start, int len) {
        int hidden = cols;
        for (int pos = start, end = start + len; pos < end; ) {
            int b = pos / hidden;
            int j = pos - b * hidden;
            int seg = Math.min(end - pos, hidden - j);
            int row = b * hidden;
            // x xg, y hg, z hPrev, u dh, w dXg, s dHg, t dhPrev
            RecurrentSteps.gruBackward(hidden, x, xo + 3 * row, y, yo + 3 * row, z, zo + row, u, uo + row,
                    w, wo + 3 * row, s, so + 3 * row, t, to + row, j, seg);
            pos += seg;
        }
    }

    private void jordan(int start, int len) {
        int outputs = cols;
        int end = start + len;
        int pos = start;
        while (pos < end) {
            int b = pos / outputs;
            int j = pos - b * outputs;
            int seg = Math.min(end - pos, outputs - j);
            int row = b * outputs;
            if (act == Activation.TANH) {
                Activations.tanhWithBias(x, xo + row + j, z, zo + j, y, yo + row + j, seg);
            } else {
                Activations.addBias(x, xo + row + j, z, zo + j, y, yo + row + j, seg);
            }
            pos += seg;
        }
    }

    private double crossEntropy(int start, int len, int worker) {
        double loss = 0;
        for (int r = start; r < start + len; r++) {
            int target = targets[targetsOffset + r];
            if (target < 0) {
                if (y != null) {
                    java.util.Arrays.fill(y, yo + r * cols, yo + (r + 1) * cols, 0f);
                }
                continue;
            }
            loss += Losses.crossEntropyRow(cols, x, xo + r * cols, target, alpha, y, yo + r * cols, scratch[worker]);
        }
        return loss;
    }
}
