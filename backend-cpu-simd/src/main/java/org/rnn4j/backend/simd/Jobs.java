package org.rnn4j.backend.simd;

import org.rnn4j.api.kernel.Activation;
import org.rnn4j.api.kernel.CounterRandom;

/**
 * The parallel job behind every kernel except GEMM: one pre-allocated object whose fields the
 * backend sets before a dispatch, and whose {@link #run} switches once per chunk (never per
 * element) to the kernel's range routine.
 *
 * <p><b>Fixed chunks.</b> Work is cut into chunks whose size depends only on the problem, never
 * on the thread count, and reductions keep one partial per chunk, added in chunk order. Results
 * are therefore the same run to run and for any number of threads. Small problems run the same
 * chunks on the calling thread.
 */
final class Jobs implements ParallelJob {

    /** Elements per chunk of an element-wise kernel. */
    static final int CHUNK = 8192;
    /** Below this many elements a memory-bound kernel stays on the calling thread. */
    static final int PARALLEL_ELEMENTS = 1 << 16;
    /** Below this many elements a kernel that evaluates tanh/exp stays on the calling thread. */
    static final int PARALLEL_TRANSCENDENTAL = 1 << 12;
    /** Elements per chunk of the recurrent kernels (batch x hidden). */
    static final int STEP_CHUNK = 2048;

    enum Op {
        ACTIVATION, ACTIVATION_BACKWARD, AXPBY, MULTIPLY, CLAMP, SUM_OF_SQUARES, DROPOUT,
        ADD_ROW_VECTOR, SUM_ROWS, LSTM_FORWARD, LSTM_BACKWARD, GRU_FORWARD, GRU_BACKWARD,
        JORDAN_OUTPUT, CROSS_ENTROPY, SQUARED_ERROR, SOFTMAX, SGD, ADAM, RMSPROP, ADAGRAD
    }

    private final WorkerPool pool;
    private double[] partials = new double[16];
    /** Per-thread scratch of one block of the recurrent kernels. */
    private final float[][] scratch;

    // Arguments of the current kernel.
    Op op;
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
        this.scratch = new float[pool.threads()][RecurrentSteps.BLOCK];
    }

    /**
     * Runs the current op over {@code work} units cut in chunks of {@code chunkSize}, in
     * parallel when {@code work >= threshold}; returns the sum of the chunk partials (reductions)
     * or 0.
     */
    double run(int work, int chunkSize, int threshold) {
        this.n = work;
        this.chunkSize = chunkSize;
        int chunks = (int) (((long) work + chunkSize - 1) / chunkSize);
        if (partials.length < chunks) {
            partials = new double[Math.max(chunks, 2 * partials.length)];
        }
        if (work >= threshold && pool.threads() > 1 && chunks > 1) {
            pool.run(this, chunks);
        } else {
            for (int c = 0; c < chunks; c++) {
                run(c, 0);
            }
        }
        double sum = 0;
        for (int c = 0; c < chunks; c++) {
            sum += partials[c];
        }
        release();
        return sum;
    }

    private void release() {
        x = y = z = u = w = s = t = null;
        targets = null;
    }

    @Override
    public void run(int chunk, int worker) {
        int start = chunk * chunkSize;
        int len = Math.min(chunkSize, n - start);
        double partial = 0;
        switch (op) {
            case ACTIVATION:
                activation(start, len);
                break;
            case ACTIVATION_BACKWARD:
                activationBackward(start, len);
                break;
            case AXPBY:
                VectorOps.axpby(alpha, x, xo + start, beta, y, yo + start, len);
                break;
            case MULTIPLY:
                VectorOps.multiply(x, xo + start, y, yo + start, beta, z, zo + start, len);
                break;
            case CLAMP:
                VectorOps.clamp(alpha, beta, x, xo + start, len);
                break;
            case SUM_OF_SQUARES:
                partial = VectorOps.sumOfSquares(x, xo + start, len);
                break;
            case DROPOUT:
                for (int i = start; i < start + len; i++) {
                    y[yo + i] = CounterRandom.dropoutMultiplier(seed, counter + i, alpha);
                }
                break;
            case ADD_ROW_VECTOR:
                // chunks are rows
                for (int r = start; r < start + len; r++) {
                    VectorOps.addTo(x, xo, y, yo + r * cols, cols);
                }
                break;
            case SUM_ROWS:
                // chunks are column strips
                VectorOps.sumRows(rows, cols, x, xo, beta, y, yo, start, len);
                break;
            case LSTM_FORWARD:
            case LSTM_BACKWARD:
            case GRU_FORWARD:
            case GRU_BACKWARD:
                recurrent(start, len, scratch[worker]);
                break;
            case JORDAN_OUTPUT:
                jordan(start, len);
                break;
            case CROSS_ENTROPY:
                partial = crossEntropy(start, len);
                break;
            case SQUARED_ERROR:
                partial = Losses.squaredError(x, xo + start, y, yo + start, z, zo + start, alpha,
                        u, uo + start, len);
                break;
            case SOFTMAX:
                for (int r = start; r < start + len; r++) {
                    Losses.softmaxRow(cols, alpha, x, xo + r * cols, y, yo + r * cols);
                }
                break;
            case SGD:
                Optimizers.sgd(x, y, z, xo + start, len, alpha, flag, f1, f2, flag2, f3);
                break;
            case ADAM:
                Optimizers.adam(x, y, z, u, xo + start, len, f1, f2, f3, f4, f5, f6, beta);
                break;
            case RMSPROP:
                Optimizers.rmsprop(x, y, z, u, xo + start, len, alpha, f1, f2, f3, f4);
                break;
            case ADAGRAD:
                Optimizers.adagrad(x, y, z, xo + start, len, alpha, f1, f2);
                break;
            default:
                throw new IllegalStateException("no range routine for " + op);
        }
        partials[chunk] = partial;
    }

    private void activation(int start, int len) {
        switch (act) {
            case TANH:
                Activations.tanh(x, xo + start, y, yo + start, len);
                break;
            case SIGMOID:
                Activations.sigmoid(x, xo + start, y, yo + start, len);
                break;
            case RELU:
                Activations.relu(x, xo + start, y, yo + start, len);
                break;
            default:
                if (x != y || xo != yo) {
                    System.arraycopy(x, xo + start, y, yo + start, len);
                }
        }
    }

    private void activationBackward(int start, int len) {
        // x = y (outputs), y = dy, z = dx
        switch (act) {
            case TANH:
                Activations.tanhBackward(x, xo + start, y, yo + start, beta, z, zo + start, len);
                break;
            case SIGMOID:
                Activations.sigmoidBackward(x, xo + start, y, yo + start, beta, z, zo + start, len);
                break;
            case RELU:
                Activations.reluBackward(x, xo + start, y, yo + start, beta, z, zo + start, len);
                break;
            default:
                Activations.identityBackward(y, yo + start, beta, z, zo + start, len);
        }
    }

    /** Splits the flat range of {@code batch x hidden} into row segments. */
    private void recurrent(int start, int len, float[] tmp) {
        int hidden = cols;
        int end = start + len;
        int pos = start;
        while (pos < end) {
            int b = pos / hidden;
            int j = pos - b * hidden;
            int seg = Math.min(end - pos, hidden - j);
            int row = b * hidden;
            switch (op) {
                case LSTM_FORWARD:
                    // x gates, y cPrev, z c, u h
                    RecurrentSteps.lstmForward(hidden, x, xo + 4 * row, y, yo + row, z, zo + row, u, uo + row, j, seg);
                    break;
                case LSTM_BACKWARD:
                    // x gates, y cPrev, z c, u dh, w dc, s dGates, t dcPrev
                    RecurrentSteps.lstmBackward(hidden, x, xo + 4 * row, y, yo + row, z, zo + row, u, uo + row,
                            w, wo + row, s, so + 4 * row, t, to + row, j, seg, tmp);
                    break;
                case GRU_FORWARD:
                    // x xg, y hg, z hPrev, u h
                    RecurrentSteps.gruForward(hidden, x, xo + 3 * row, y, yo + 3 * row, z, zo + row, u, uo + row,
                            j, seg);
                    break;
                default:
                    // GRU_BACKWARD: x xg, y hg, z hPrev, u dh, w dXg, s dHg, t dhPrev
                    RecurrentSteps.gruBackward(hidden, x, xo + 3 * row, y, yo + 3 * row, z, zo + row, u, uo + row,
                            w, wo + 3 * row, s, so + 3 * row, t, to + row, j, seg);
            }
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

    private double crossEntropy(int start, int len) {
        double loss = 0;
        for (int r = start; r < start + len; r++) {
            int target = targets[targetsOffset + r];
            if (target < 0) {
                if (y != null) {
                    java.util.Arrays.fill(y, yo + r * cols, yo + (r + 1) * cols, 0f);
                }
                continue;
            }
            loss += Losses.crossEntropyRow(cols, x, xo + r * cols, target, alpha, y, yo + r * cols);
        }
        return loss;
    }
}
