package org.rnn4j.backend.simd;

import static org.rnn4j.api.tensor.Arguments.fits;
import static org.rnn4j.api.tensor.Arguments.fitsHost;
import static org.rnn4j.api.tensor.Arguments.fitsMatrix;
import static org.rnn4j.api.tensor.Arguments.nonNegative;
import static org.rnn4j.api.tensor.Arguments.notNull;

import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.backend.Precision;
import org.rnn4j.api.kernel.Activation;
import org.rnn4j.api.kernel.AdagradSettings;
import org.rnn4j.api.kernel.AdamSettings;
import org.rnn4j.api.kernel.RmspropSettings;
import org.rnn4j.api.kernel.SgdSettings;
import org.rnn4j.api.tensor.Arguments;
import org.rnn4j.api.tensor.Shape;
import org.rnn4j.api.tensor.Tensor;

/**
 * The SIMD CPU backend: every kernel on the Vector API over one species ({@link Lanes}), on a
 * small persistent {@link WorkerPool}. This class checks arguments exactly as the reference
 * backend does (same argument names in the messages), marks written tensors for the
 * packed-weight cache, and hands the work to {@link Gemm} or to the {@link Jobs} ranges.
 *
 * <p><b>Determinism.</b> Same inputs, same vector width: same bits, run to run and for any
 * thread count. Every output element is computed by one chunk, and chunk boundaries and
 * reduction orders depend only on the sizes (see {@link Jobs}, {@link Gemm}).
 *
 * <p><b>Sums.</b> GEMM accumulates in float, each element in k order within blocks of
 * {@link Gemm#KC}; sumRows in row order in float per column; sumOfSquares and the losses in
 * float within a chunk of {@link Jobs#CHUNK} elements (or rows), chunks added in double.
 */
final class SimdBackend implements Backend {

    private final WorkerPool pool;
    private final Gemm gemm;
    private final Jobs jobs;
    private final Recurrences recurrences;
    private final OneHotProducts oneHot;
    private final LstmStep lstmStep;

    SimdBackend(int threads) {
        this.pool = new WorkerPool(threads);
        this.gemm = new Gemm(pool);
        this.jobs = new Jobs(pool);
        this.recurrences = new Recurrences(pool, gemm.cache());
        this.oneHot = new OneHotProducts(pool, gemm.cache(), PackedWeights.MAX_FLOATS);
        this.lstmStep = new LstmStep(pool, gemm.cache());
    }

    @Override
    public String name() {
        return SimdProvider.NAME;
    }

    @Override
    public Precision precision() {
        return Precision.FLOAT32;
    }

    @Override
    public String toString() {
        return SimdProvider.NAME + " backend (" + Lanes.F.vectorBitSize() + "-bit vectors, "
                + GemmKernels.MR + "-row GEMM tiles, " + pool.threads()
                + " threads)";
    }

    /** Threads running kernels, the caller included. */
    int threads() {
        return pool.threads();
    }

    /** The worker threads started so far (for allocation measurements). */
    Thread[] workerThreads() {
        return pool.workerThreads();
    }

    PackedWeights packedWeights() {
        return gemm.cache();
    }

    @Override
    public void close() {
        pool.close();
        gemm.clearCache();
    }

    // ---- argument helpers -----------------------------------------------------------------

    private static SimdTensor own(String arg, Tensor t) {
        if (t == null) {
            throw new IllegalArgumentException(arg + " must not be null");
        }
        if (!(t instanceof SimdTensor)) {
            throw new IllegalArgumentException(arg + " belongs to backend '" + t.backendName()
                    + "', not '" + SimdProvider.NAME + "'; allocate it with this backend or copy it through the host");
        }
        return (SimdTensor) t;
    }

    /** An input range. */
    private static float[] in(String arg, Tensor t, int offset, long length) {
        fits(arg, t, offset, length);
        return own(arg, t).data();
    }

    /** An output range: checked, and the tensor marked as written. */
    private static float[] out(String arg, Tensor t, int offset, long length) {
        fits(arg, t, offset, length);
        SimdTensor st = own(arg, t);
        float[] d = st.data();
        st.touch();
        return d;
    }



    private static int threshold(Activation f) {
        return f == Activation.TANH || f == Activation.SIGMOID ? Jobs.PARALLEL_TRANSCENDENTAL : Jobs.PARALLEL_ELEMENTS;
    }

    // ---- memory ---------------------------------------------------------------------------

    @Override
    public Tensor allocate(Shape shape) {
        notNull("shape", shape);
        return new SimdTensor(shape);
    }

    @Override
    public void upload(float[] src, int srcOffset, Tensor dst, int dstOffset, int length) {
        fitsHost("src", notNull("src", src).length, srcOffset, length);
        System.arraycopy(src, srcOffset, out("dst", dst, dstOffset, length), dstOffset, length);
    }

    @Override
    public void upload(double[] src, int srcOffset, Tensor dst, int dstOffset, int length) {
        fitsHost("src", notNull("src", src).length, srcOffset, length);
        float[] d = out("dst", dst, dstOffset, length);
        for (int i = 0; i < length; i++) {
            d[dstOffset + i] = (float) src[srcOffset + i];
        }
    }

    @Override
    public void download(Tensor src, int srcOffset, float[] dst, int dstOffset, int length) {
        fitsHost("dst", notNull("dst", dst).length, dstOffset, length);
        System.arraycopy(in("src", src, srcOffset, length), srcOffset, dst, dstOffset, length);
    }

    @Override
    public void download(Tensor src, int srcOffset, double[] dst, int dstOffset, int length) {
        fitsHost("dst", notNull("dst", dst).length, dstOffset, length);
        float[] s = in("src", src, srcOffset, length);
        for (int i = 0; i < length; i++) {
            dst[dstOffset + i] = s[srcOffset + i];
        }
    }

    @Override
    public void copy(Tensor src, int srcOffset, Tensor dst, int dstOffset, int length) {
        System.arraycopy(in("src", src, srcOffset, length), srcOffset, out("dst", dst, dstOffset, length), dstOffset,
                length);
    }

    @Override
    public void fill(Tensor dst, int offset, int length, float value) {
        java.util.Arrays.fill(out("dst", dst, offset, length), offset, offset + length, value);
    }

    // ---- linear algebra -------------------------------------------------------------------

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     Tensor a, int aOffset, int lda, Tensor b, int bOffset, int ldb,
                     float beta, Tensor c, int cOffset, int ldc) {
        nonNegative("m", m);
        nonNegative("n", n);
        nonNegative("k", k);
        fitsMatrix("A", a, aOffset, transA ? k : m, transA ? m : k, lda);
        fitsMatrix("B", b, bOffset, transB ? n : k, transB ? k : n, ldb);
        fitsMatrix("C", c, cOffset, m, n, ldc);
        float[] ad = own("A", a).data();
        SimdTensor bt = own("B", b);
        bt.data();
        SimdTensor ct = own("C", c);
        float[] cd = ct.data();
        ct.touch();
        gemm.gemm(transA, transB, m, n, k, alpha, ad, aOffset, lda, bt, bOffset, ldb, beta, cd, cOffset, ldc);
    }

    @Override
    public void oneHotProduct(int rows, int n, int vocabulary, int[] tokens, int tokensOffset,
                              Tensor w, int wOffset, Tensor c, int cOffset) {
        Arguments.oneHotBlocks(rows, n, vocabulary, tokens, tokensOffset, "W", w, wOffset, "C", c, cOffset);
        SimdTensor wt = own("W", w);
        float[] cd = out("C", c, cOffset, (long) rows * n);
        oneHot.product(rows, n, vocabulary, tokens, tokensOffset, wt, wOffset, cd, cOffset);
    }

    @Override
    public void oneHotWeightGradient(int rows, int n, int vocabulary, int[] tokens, int tokensOffset,
                                     Tensor dc, int dcOffset, Tensor dw, int dwOffset) {
        Arguments.oneHotBlocks(rows, n, vocabulary, tokens, tokensOffset, "dW", dw, dwOffset, "dC", dc, dcOffset);
        float[] g = in("dC", dc, dcOffset, (long) rows * n);
        float[] d = out("dW", dw, dwOffset, (long) n * vocabulary);
        oneHot.weightGradient(rows, n, vocabulary, tokens, tokensOffset, g, dcOffset, d, dwOffset);
    }

    @Override
    public void copyMatrix(int rows, int cols, Tensor src, int srcOffset, int lds, Tensor dst, int dstOffset, int ldd) {
        nonNegative("rows", rows);
        fitsMatrix("src", src, srcOffset, rows, cols, lds);
        fitsMatrix("dst", dst, dstOffset, rows, cols, ldd);
        float[] s = in("src", src, srcOffset, 0);
        float[] d = out("dst", dst, dstOffset, 0);
        // A strided copy is memory-bound: System.arraycopy per row is already the vectorised
        // copy loop of the JIT, and threads would only contend for the same memory bandwidth.
        for (int r = 0; r < rows; r++) {
            System.arraycopy(s, srcOffset + r * lds, d, dstOffset + r * ldd, cols);
        }
    }

    @Override
    public void addRowVector(int rows, int cols, Tensor v, int vOffset, Tensor x, int xOffset) {
        nonNegative("rows", rows);
        Jobs j = jobs;
        j.y = out("x", x, xOffset, (long) rows * cols);
        j.x = in("v", v, vOffset, cols);
        j.xo = vOffset;
        j.yo = xOffset;
        j.cols = cols;
        j.run(j.addRowVector, rows, Math.max(1, Jobs.CHUNK / Math.max(1, cols)),
                Math.max(1, Jobs.PARALLEL_ELEMENTS / Math.max(1, cols)));
    }

    @Override
    public void sumRows(int rows, int cols, Tensor x, int xOffset, float beta, Tensor out, int outOffset) {
        nonNegative("rows", rows);
        Jobs j = jobs;
        j.y = out("out", out, outOffset, cols);
        j.x = in("x", x, xOffset, (long) rows * cols);
        j.xo = xOffset;
        j.yo = outOffset;
        j.rows = rows;
        j.cols = cols;
        j.beta = beta;
        // One run of columns per thread (whole vector pairs), when the matrix is large: each
        // thread walks the rows once per 8 vectors of its run (see VectorOps.sumRows).
        int pair = 2 * Lanes.N;
        boolean parallel = (long) rows * cols >= Jobs.PARALLEL_ELEMENTS && cols > pair;
        int threads = parallel ? pool.threads() : 1;
        int run = (cols + threads - 1) / threads;
        run = (run + pair - 1) / pair * pair;
        j.run(j.sumRows, cols, run, parallel ? 0 : Integer.MAX_VALUE);
    }

    // ---- pointwise ------------------------------------------------------------------------

    @Override
    public void activation(Activation f, int n, Tensor x, int xOffset, Tensor y, int yOffset) {
        notNull("activation", f);
        nonNegative("n", n);
        Jobs j = jobs;
        j.x = in("x", x, xOffset, n);
        j.y = out("y", y, yOffset, n);
        j.act = f;
        j.xo = xOffset;
        j.yo = yOffset;
        j.run(j.activation, n, Jobs.CHUNK, threshold(f));
    }

    @Override
    public void activationBackward(Activation f, int n, Tensor y, int yOffset, Tensor dy, int dyOffset,
                                   float beta, Tensor dx, int dxOffset) {
        notNull("activation", f);
        nonNegative("n", n);
        Jobs j = jobs;
        j.x = in("y", y, yOffset, n);
        j.y = in("dy", dy, dyOffset, n);
        j.z = out("dx", dx, dxOffset, n);
        j.act = f;
        j.xo = yOffset;
        j.yo = dyOffset;
        j.zo = dxOffset;
        j.beta = beta;
        j.run(j.activationBackward, n, Jobs.CHUNK, Jobs.PARALLEL_ELEMENTS);
    }

    @Override
    public void axpby(int n, float alpha, Tensor x, int xOffset, float beta, Tensor y, int yOffset) {
        nonNegative("n", n);
        Jobs j = jobs;
        j.x = in("x", x, xOffset, n);
        j.y = out("y", y, yOffset, n);
        j.xo = xOffset;
        j.yo = yOffset;
        j.alpha = alpha;
        j.beta = beta;
        j.run(j.axpby, n, Jobs.CHUNK, Jobs.PARALLEL_ELEMENTS);
    }

    @Override
    public void multiply(int n, Tensor x, int xOffset, Tensor y, int yOffset, float beta, Tensor z, int zOffset) {
        nonNegative("n", n);
        Jobs j = jobs;
        j.x = in("x", x, xOffset, n);
        j.y = in("y", y, yOffset, n);
        j.z = out("z", z, zOffset, n);
        j.xo = xOffset;
        j.yo = yOffset;
        j.zo = zOffset;
        j.beta = beta;
        j.run(j.multiply, n, Jobs.CHUNK, Jobs.PARALLEL_ELEMENTS);
    }

    @Override
    public void clamp(int n, float lo, float hi, Tensor x, int xOffset) {
        Arguments.clampRange(lo, hi);
        nonNegative("n", n);
        Jobs j = jobs;
        j.x = out("x", x, xOffset, n);
        j.xo = xOffset;
        j.alpha = lo;
        j.beta = hi;
        j.run(j.clamp, n, Jobs.CHUNK, Jobs.PARALLEL_ELEMENTS);
    }

    @Override
    public double sumOfSquares(int n, Tensor x, int xOffset) {
        nonNegative("n", n);
        Jobs j = jobs;
        j.x = in("x", x, xOffset, n);
        j.xo = xOffset;
        return j.run(j.sumOfSquares, n, Jobs.CHUNK, Jobs.PARALLEL_ELEMENTS);
    }

    @Override
    public void dropoutMask(int n, float p, long seed, long counter, Tensor mask, int maskOffset) {
        Arguments.dropoutProbability(p);
        nonNegative("n", n);
        Jobs j = jobs;
        j.y = out("mask", mask, maskOffset, n);
        j.yo = maskOffset;
        j.alpha = p;
        j.seed = seed;
        j.counter = counter;
        j.run(j.dropout, n, Jobs.CHUNK, Jobs.PARALLEL_TRANSCENDENTAL);
    }

    @Override
    public void gatherRows(int count, int cols, Tensor table, int tableOffset, int[] rows, int rowsOffset,
                           Tensor out, int outOffset) {
        fitsHost("rows", notNull("rows", rows).length, rowsOffset, count);
        float[] td = own("table", table).data();
        float[] od = out("out", out, outOffset, (long) count * cols);
        // every index checked before any row is written
        for (int r = 0; r < count; r++) {
            if (rows[rowsOffset + r] >= 0) {
                Arguments.tableRow(table, tableOffset, cols, rows, rowsOffset + r);
            }
        }
        // in parallel when large: a GRU layer broadcasts its hidden-side bias into every row of a
        // chunk this way (1024 rows of 768 floats at width 256)
        Jobs j = jobs;
        j.x = td;
        j.xo = tableOffset;
        j.y = od;
        j.yo = outOffset;
        j.cols = cols;
        j.targets = rows;
        j.targetsOffset = rowsOffset;
        j.run(j.gatherRows, count, Math.max(1, Jobs.CHUNK / Math.max(1, cols)),
                Math.max(1, Jobs.PARALLEL_ELEMENTS / Math.max(1, cols)));
    }

    @Override
    public void scatterAddRows(int count, int cols, Tensor src, int srcOffset, int[] rows, int rowsOffset,
                               Tensor table, int tableOffset) {
        fitsHost("rows", notNull("rows", rows).length, rowsOffset, count);
        float[] sd = in("src", src, srcOffset, (long) count * cols);
        SimdTensor tt = own("table", table);
        float[] td = tt.data();
        for (int r = 0; r < count; r++) {
            if (rows[rowsOffset + r] >= 0) {
                Arguments.tableRow(table, tableOffset, cols, rows, rowsOffset + r);
            }
        }
        tt.touch();
        for (int r = 0; r < count; r++) {
            int index = rows[rowsOffset + r];
            if (index >= 0) {
                VectorOps.addTo(sd, srcOffset + r * cols, td, tableOffset + index * cols, cols);
            }
        }
    }


    // ---- recurrent ------------------------------------------------------------------------

    @Override
    public void lstmForward(int batch, int hidden, Tensor gates, int gatesOffset, Tensor cPrev, int cPrevOffset,
                            Tensor c, int cOffset, Tensor h, int hOffset) {
        Arguments.stepBlock(batch, hidden);
        long bh = (long) batch * hidden;
        Jobs j = jobs;
        j.y = in("cPrev", cPrev, cPrevOffset, bh);
        j.x = out("gates", gates, gatesOffset, 4 * bh);
        j.z = out("c", c, cOffset, bh);
        j.u = out("h", h, hOffset, bh);
        j.xo = gatesOffset;
        j.yo = cPrevOffset;
        j.zo = cOffset;
        j.uo = hOffset;
        j.cols = hidden;
        j.run(j.lstmForward, (int) bh, Jobs.STEP_CHUNK, Jobs.PARALLEL_TRANSCENDENTAL);
    }

    @Override
    public void lstmBackward(int batch, int hidden, Tensor gates, int gatesOffset, Tensor cPrev, int cPrevOffset,
                             Tensor c, int cOffset, Tensor dh, int dhOffset, Tensor dc, int dcOffset,
                             Tensor dGates, int dGatesOffset, Tensor dcPrev, int dcPrevOffset) {
        Arguments.stepBlock(batch, hidden);
        long bh = (long) batch * hidden;
        Jobs j = jobs;
        j.x = in("gates", gates, gatesOffset, 4 * bh);
        j.y = in("cPrev", cPrev, cPrevOffset, bh);
        j.z = in("c", c, cOffset, bh);
        j.u = in("dh", dh, dhOffset, bh);
        j.w = in("dc", dc, dcOffset, bh);
        j.s = out("dGates", dGates, dGatesOffset, 4 * bh);
        j.t = out("dcPrev", dcPrev, dcPrevOffset, bh);
        j.xo = gatesOffset;
        j.yo = cPrevOffset;
        j.zo = cOffset;
        j.uo = dhOffset;
        j.wo = dcOffset;
        j.so = dGatesOffset;
        j.to = dcPrevOffset;
        j.cols = hidden;
        j.run(j.lstmBackward, (int) bh, Jobs.STEP_CHUNK, Jobs.PARALLEL_TRANSCENDENTAL);
    }

    @Override
    public void gruForward(int batch, int hidden, Tensor xg, int xgOffset, Tensor hg, int hgOffset,
                           Tensor hPrev, int hPrevOffset, Tensor h, int hOffset) {
        Arguments.stepBlock(batch, hidden);
        long bh = (long) batch * hidden;
        Jobs j = jobs;
        j.y = in("hg", hg, hgOffset, 3 * bh);
        j.z = in("hPrev", hPrev, hPrevOffset, bh);
        j.x = out("xg", xg, xgOffset, 3 * bh);
        j.u = out("h", h, hOffset, bh);
        j.xo = xgOffset;
        j.yo = hgOffset;
        j.zo = hPrevOffset;
        j.uo = hOffset;
        j.cols = hidden;
        j.run(j.gruForward, (int) bh, Jobs.STEP_CHUNK, Jobs.PARALLEL_TRANSCENDENTAL);
    }

    @Override
    public void gruBackward(int batch, int hidden, Tensor xg, int xgOffset, Tensor hg, int hgOffset,
                            Tensor hPrev, int hPrevOffset, Tensor dh, int dhOffset, Tensor dXg, int dXgOffset,
                            Tensor dHg, int dHgOffset, Tensor dhPrev, int dhPrevOffset) {
        Arguments.stepBlock(batch, hidden);
        long bh = (long) batch * hidden;
        Jobs j = jobs;
        j.x = in("xg", xg, xgOffset, 3 * bh);
        j.y = in("hg", hg, hgOffset, 3 * bh);
        j.z = in("hPrev", hPrev, hPrevOffset, bh);
        j.u = in("dh", dh, dhOffset, bh);
        j.w = out("dXg", dXg, dXgOffset, 3 * bh);
        j.s = out("dHg", dHg, dHgOffset, 3 * bh);
        j.t = out("dhPrev", dhPrev, dhPrevOffset, bh);
        j.xo = xgOffset;
        j.yo = hgOffset;
        j.zo = hPrevOffset;
        j.uo = dhOffset;
        j.wo = dXgOffset;
        j.so = dHgOffset;
        j.to = dhPrevOffset;
        j.cols = hidden;
        j.run(j.gruBackward, (int) bh, Jobs.STEP_CHUNK, Jobs.PARALLEL_ELEMENTS);
    }

    @Override
    public void elmanForward(Activation act, int batch, int hidden, Tensor pre, int preOffset, Tensor h, int hOffset) {
        Activation.requireOneOf(act, "Elman activation", Activation.TANH, Activation.RELU);
        Arguments.stepBlock(batch, hidden);
        int n = batch * hidden;
        Jobs j = jobs;
        j.x = in("pre", pre, preOffset, n);
        j.y = out("h", h, hOffset, n);
        j.act = act;
        j.xo = preOffset;
        j.yo = hOffset;
        j.run(j.activation, n, Jobs.CHUNK, threshold(act));
    }

    @Override
    public void elmanBackward(Activation act, int batch, int hidden, Tensor h, int hOffset, Tensor dh, int dhOffset,
                              Tensor dPre, int dPreOffset) {
        Activation.requireOneOf(act, "Elman activation", Activation.TANH, Activation.RELU);
        Arguments.stepBlock(batch, hidden);
        backward(act, batch * hidden, "h", h, hOffset, "dh", dh, dhOffset, "dPre", dPre, dPreOffset);
    }

    @Override
    public void jordanOutputForward(Activation act, int batch, int outputs, Tensor yPre, int yPreOffset,
                                    Tensor bias, int biasOffset, Tensor y, int yOffset) {
        Activation.requireOneOf(act, "Jordan output activation", Activation.IDENTITY, Activation.TANH);
        Arguments.stepBlock(batch, outputs);
        int n = batch * outputs;
        Jobs j = jobs;
        j.x = in("yPre", yPre, yPreOffset, n);
        j.z = in("bias", bias, biasOffset, outputs);
        j.y = out("y", y, yOffset, n);
        j.act = act;
        j.xo = yPreOffset;
        j.zo = biasOffset;
        j.yo = yOffset;
        j.cols = outputs;
        j.run(j.jordanOutput, n, Jobs.STEP_CHUNK, threshold(act));
    }

    @Override
    public void jordanOutputBackward(Activation act, int batch, int outputs, Tensor y, int yOffset,
                                     Tensor dy, int dyOffset, Tensor dyPre, int dyPreOffset) {
        Activation.requireOneOf(act, "Jordan output activation", Activation.IDENTITY, Activation.TANH);
        Arguments.stepBlock(batch, outputs);
        backward(act, batch * outputs, "y", y, yOffset, "dy", dy, dyOffset, "dyPre", dyPre, dyPreOffset);
    }

    private void backward(Activation act, int n, String yName, Tensor y, int yOffset, String dyName, Tensor dy,
                          int dyOffset, String dxName, Tensor dx, int dxOffset) {
        Jobs j = jobs;
        j.x = in(yName, y, yOffset, n);
        j.y = in(dyName, dy, dyOffset, n);
        j.z = out(dxName, dx, dxOffset, n);
        j.act = act;
        j.xo = yOffset;
        j.yo = dyOffset;
        j.zo = dxOffset;
        j.beta = 0f;
        j.run(j.activationBackward, n, Jobs.CHUNK, Jobs.PARALLEL_ELEMENTS);
    }

    // ---- whole sequences (Recurrences); batches of a few rows go step by step ----------------

    @Override
    public void lstmSequenceForward(int steps, int batch, int hidden, Tensor wHh, int wHhOffset,
                                    Tensor h0, int h0Offset, Tensor c0, int c0Offset,
                                    Tensor gates, int gatesOffset, Tensor c, int cOffset, Tensor h, int hOffset) {
        Arguments.sequenceBlock(steps, batch, hidden, 4);
        if (!Recurrences.handles(batch)) {
            SimdTensor h0t = own("h0", h0);
            SimdTensor c0t = own("c0", c0);
            if (lstmStep.handles(batch, 0, hidden) && !sharesTensor(h0t, c0t, c0t, own("gates", gates), own("c", c),
                    own("h", h))) {
                // one row: units split over the threads, a meeting per step (an initial state in
                // a tensor that is also written takes the composition: a thread would read what
                // another writes)
                long n = (long) steps * hidden;
                in("wHh", wHh, wHhOffset, 4L * hidden * hidden);
                lstmStep.runRecurrence(steps, hidden, own("wHh", wHh), wHhOffset, in("h0", h0, h0Offset, hidden),
                        h0Offset, in("c0", c0, c0Offset, hidden), c0Offset, out("gates", gates, gatesOffset, 4 * n),
                        gatesOffset, out("c", c, cOffset, n), cOffset, out("h", h, hOffset, n), hOffset);
                return;
            }
            Backend.super.lstmSequenceForward(steps, batch, hidden, wHh, wHhOffset, h0, h0Offset, c0, c0Offset,
                    gates, gatesOffset, c, cOffset, h, hOffset);
            return;
        }
        long bh = (long) batch * hidden;
        Recurrences r = recurrences;
        in("wHh", wHh, wHhOffset, 4L * hidden * hidden);
        r.shape(Recurrences.Cell.LSTM, null, steps, batch, hidden);
        r.states(in("h0", h0, h0Offset, bh), h0Offset, out("h", h, hOffset, steps * bh), hOffset,
                in("c0", c0, c0Offset, bh), c0Offset, out("c", c, cOffset, steps * bh), cOffset);
        r.gates(out("gates", gates, gatesOffset, 4 * steps * bh), gatesOffset);
        r.runForward(own("wHh", wHh), wHhOffset);
    }

    @Override
    public void lstmStepForward(int batch, int inputSize, int hidden, Tensor x, int xOffset,
                                Tensor wIh, int wIhOffset, Tensor bias, int biasOffset, Tensor wHh, int wHhOffset,
                                Tensor h0, int h0Offset, Tensor c0, int c0Offset,
                                Tensor gates, int gatesOffset, Tensor c, int cOffset, Tensor h, int hOffset) {
        Arguments.sequenceBlock(1, batch, hidden, 4);
        nonNegative("inputSize", inputSize);
        if (!lstmStep.handles(batch, inputSize, hidden)
                || sharesTensor(own("x", x), own("h0", h0), own("c0", c0), own("gates", gates), own("c", c), own("h", h))) {
            // one row split over the threads by hidden units; anything else (or an input in a
            // tensor that is also written, which one thread would read while another writes)
            // as the composition
            Backend.super.lstmStepForward(batch, inputSize, hidden, x, xOffset, wIh, wIhOffset, bias, biasOffset,
                    wHh, wHhOffset, h0, h0Offset, c0, c0Offset, gates, gatesOffset, c, cOffset, h, hOffset);
            return;
        }
        int g4 = 4 * hidden;
        in("wIh", wIh, wIhOffset, (long) g4 * inputSize);
        in("wHh", wHh, wHhOffset, (long) g4 * hidden);
        lstmStep.runWithInput(inputSize, hidden, in("x", x, xOffset, inputSize), xOffset, own("wIh", wIh), wIhOffset,
                in("bias", bias, biasOffset, g4), biasOffset, own("wHh", wHh), wHhOffset,
                in("h0", h0, h0Offset, hidden), h0Offset, in("c0", c0, c0Offset, hidden), c0Offset,
                out("gates", gates, gatesOffset, g4), gatesOffset, out("c", c, cOffset, hidden), cOffset,
                out("h", h, hOffset, hidden), hOffset);
    }

    /** Whether one of the three tensors read is one of the three written. */
    private static boolean sharesTensor(SimdTensor r1, SimdTensor r2, SimdTensor r3,
                                        SimdTensor w1, SimdTensor w2, SimdTensor w3) {
        return r1 == w1 || r1 == w2 || r1 == w3 || r2 == w1 || r2 == w2 || r2 == w3
                || r3 == w1 || r3 == w2 || r3 == w3;
    }

    @Override
    public void lstmSequenceBackward(int steps, int batch, int hidden, Tensor wHh, int wHhOffset,
                                     Tensor c0, int c0Offset, Tensor gates, int gatesOffset, Tensor c, int cOffset,
                                     Tensor dOut, int dOutOffset, Tensor dh, int dhOffset, Tensor dc, int dcOffset,
                                     Tensor dGates, int dGatesOffset) {
        Arguments.sequenceBlock(steps, batch, hidden, 4);
        if (!Recurrences.handles(batch)) {
            Backend.super.lstmSequenceBackward(steps, batch, hidden, wHh, wHhOffset, c0, c0Offset, gates,
                    gatesOffset, c, cOffset, dOut, dOutOffset, dh, dhOffset, dc, dcOffset, dGates, dGatesOffset);
            return;
        }
        long bh = (long) batch * hidden;
        Recurrences r = recurrences;
        in("wHh", wHh, wHhOffset, 4L * hidden * hidden);
        r.shape(Recurrences.Cell.LSTM, null, steps, batch, hidden);
        r.states(null, 0, null, 0, in("c0", c0, c0Offset, bh), c0Offset, in("c", c, cOffset, steps * bh), cOffset);
        r.gates(in("gates", gates, gatesOffset, 4 * steps * bh), gatesOffset);
        r.gradients(in("dOut", dOut, dOutOffset, steps * bh), dOutOffset, out("dh", dh, dhOffset, bh), dhOffset,
                out("dc", dc, dcOffset, bh), dcOffset, out("dGates", dGates, dGatesOffset, 4 * steps * bh),
                dGatesOffset, null, 0);
        r.runBackward(own("wHh", wHh), wHhOffset);
    }

    @Override
    public void gruSequenceForward(int steps, int batch, int hidden, Tensor wHh, int wHhOffset,
                                   Tensor h0, int h0Offset, Tensor xg, int xgOffset, Tensor hg, int hgOffset,
                                   Tensor h, int hOffset) {
        Arguments.sequenceBlock(steps, batch, hidden, 3);
        if (!Recurrences.handles(batch)) {
            Backend.super.gruSequenceForward(steps, batch, hidden, wHh, wHhOffset, h0, h0Offset, xg, xgOffset,
                    hg, hgOffset, h, hOffset);
            return;
        }
        long bh = (long) batch * hidden;
        Recurrences r = recurrences;
        in("wHh", wHh, wHhOffset, 3L * hidden * hidden);
        r.shape(Recurrences.Cell.GRU, null, steps, batch, hidden);
        r.states(in("h0", h0, h0Offset, bh), h0Offset, out("h", h, hOffset, steps * bh), hOffset, null, 0, null, 0);
        r.gates(out("xg", xg, xgOffset, 3 * steps * bh), xgOffset);
        r.hiddenGates(out("hg", hg, hgOffset, 3 * steps * bh), hgOffset);
        r.runForward(own("wHh", wHh), wHhOffset);
    }

    @Override
    public void gruSequenceBackward(int steps, int batch, int hidden, Tensor wHh, int wHhOffset,
                                    Tensor h0, int h0Offset, Tensor xg, int xgOffset, Tensor hg, int hgOffset,
                                    Tensor h, int hOffset, Tensor dOut, int dOutOffset, Tensor dh, int dhOffset,
                                    Tensor dXg, int dXgOffset, Tensor dHg, int dHgOffset) {
        Arguments.sequenceBlock(steps, batch, hidden, 3);
        if (!Recurrences.handles(batch)) {
            Backend.super.gruSequenceBackward(steps, batch, hidden, wHh, wHhOffset, h0, h0Offset, xg, xgOffset,
                    hg, hgOffset, h, hOffset, dOut, dOutOffset, dh, dhOffset, dXg, dXgOffset, dHg, dHgOffset);
            return;
        }
        long bh = (long) batch * hidden;
        Recurrences r = recurrences;
        in("wHh", wHh, wHhOffset, 3L * hidden * hidden);
        r.shape(Recurrences.Cell.GRU, null, steps, batch, hidden);
        r.states(in("h0", h0, h0Offset, bh), h0Offset, in("h", h, hOffset, steps * bh), hOffset, null, 0, null, 0);
        r.gates(in("xg", xg, xgOffset, 3 * steps * bh), xgOffset);
        r.hiddenGates(in("hg", hg, hgOffset, 3 * steps * bh), hgOffset);
        r.gradients(in("dOut", dOut, dOutOffset, steps * bh), dOutOffset, out("dh", dh, dhOffset, bh), dhOffset,
                null, 0, out("dXg", dXg, dXgOffset, 3 * steps * bh), dXgOffset,
                out("dHg", dHg, dHgOffset, 3 * steps * bh), dHgOffset);
        r.runBackward(own("wHh", wHh), wHhOffset);
    }

    @Override
    public void elmanSequenceForward(Activation act, int steps, int batch, int hidden, Tensor wHh, int wHhOffset,
                                     Tensor h0, int h0Offset, Tensor h, int hOffset) {
        Activation.requireOneOf(act, "Elman activation", Activation.TANH, Activation.RELU);
        Arguments.sequenceBlock(steps, batch, hidden, 1);
        if (!Recurrences.handles(batch)) {
            Backend.super.elmanSequenceForward(act, steps, batch, hidden, wHh, wHhOffset, h0, h0Offset, h, hOffset);
            return;
        }
        long bh = (long) batch * hidden;
        Recurrences r = recurrences;
        in("wHh", wHh, wHhOffset, (long) hidden * hidden);
        r.shape(Recurrences.Cell.ELMAN, act, steps, batch, hidden);
        float[] hd = out("h", h, hOffset, steps * bh);
        r.states(in("h0", h0, h0Offset, bh), h0Offset, hd, hOffset, null, 0, null, 0);
        r.gates(hd, hOffset);
        r.runForward(own("wHh", wHh), wHhOffset);
    }

    @Override
    public void elmanSequenceBackward(Activation act, int steps, int batch, int hidden, Tensor wHh, int wHhOffset,
                                      Tensor h, int hOffset, Tensor dOut, int dOutOffset, Tensor dh, int dhOffset,
                                      Tensor dPre, int dPreOffset) {
        Activation.requireOneOf(act, "Elman activation", Activation.TANH, Activation.RELU);
        Arguments.sequenceBlock(steps, batch, hidden, 1);
        if (!Recurrences.handles(batch)) {
            Backend.super.elmanSequenceBackward(act, steps, batch, hidden, wHh, wHhOffset, h, hOffset, dOut,
                    dOutOffset, dh, dhOffset, dPre, dPreOffset);
            return;
        }
        long bh = (long) batch * hidden;
        Recurrences r = recurrences;
        in("wHh", wHh, wHhOffset, (long) hidden * hidden);
        r.shape(Recurrences.Cell.ELMAN, act, steps, batch, hidden);
        r.gates(in("h", h, hOffset, steps * bh), hOffset);
        r.gradients(in("dOut", dOut, dOutOffset, steps * bh), dOutOffset, out("dh", dh, dhOffset, bh), dhOffset,
                null, 0, out("dPre", dPre, dPreOffset, steps * bh), dPreOffset, null, 0);
        r.runBackward(own("wHh", wHh), wHhOffset);
    }

    // ---- losses ---------------------------------------------------------------------------

    @Override
    public double softmaxCrossEntropy(int rows, int classes, Tensor logits, int logitsOffset, int[] targets,
                                      int targetsOffset, float gradScale, Tensor dLogits, int dLogitsOffset) {
        Arguments.classTargets(rows, classes, targets, targetsOffset);
        long n = (long) rows * classes;
        Jobs j = jobs;
        j.x = in("logits", logits, logitsOffset, n);
        j.y = dLogits == null ? null : out("dLogits", dLogits, dLogitsOffset, n);
        j.xo = logitsOffset;
        j.yo = dLogitsOffset;
        j.cols = classes;
        j.alpha = gradScale;
        j.targets = targets;
        j.targetsOffset = targetsOffset;
        int rowsPerChunk = Math.max(1, Jobs.CHUNK / classes);
        return j.run(j.crossEntropy, rows, rowsPerChunk, Math.max(2, Jobs.PARALLEL_TRANSCENDENTAL / classes));
    }

    @Override
    public double squaredError(int n, Tensor pred, int predOffset, Tensor target, int targetOffset,
                               Tensor mask, int maskOffset, float gradScale, Tensor dPred, int dPredOffset) {
        nonNegative("n", n);
        Jobs j = jobs;
        j.x = in("pred", pred, predOffset, n);
        j.y = in("target", target, targetOffset, n);
        j.z = mask == null ? null : in("mask", mask, maskOffset, n);
        j.u = dPred == null ? null : out("dPred", dPred, dPredOffset, n);
        j.xo = predOffset;
        j.yo = targetOffset;
        j.zo = maskOffset;
        j.uo = dPredOffset;
        j.alpha = gradScale;
        return j.run(j.squaredError, n, Jobs.CHUNK, Jobs.PARALLEL_ELEMENTS);
    }

    @Override
    public void softmax(int rows, int classes, float temperature, Tensor logits, int logitsOffset,
                        Tensor probs, int probsOffset) {
        Arguments.temperature(temperature);
        nonNegative("rows", rows);
        Arguments.positive("classes", classes);
        long n = (long) rows * classes;
        Jobs j = jobs;
        j.x = in("logits", logits, logitsOffset, n);
        j.y = out("probs", probs, probsOffset, n);
        j.xo = logitsOffset;
        j.yo = probsOffset;
        j.cols = classes;
        j.alpha = 1f / temperature;
        j.run(j.softmax, rows, Math.max(1, Jobs.CHUNK / classes), Math.max(2, Jobs.PARALLEL_TRANSCENDENTAL / classes));
    }

    // ---- optimisers -----------------------------------------------------------------------

    @Override
    public void sgdStep(Tensor param, Tensor grad, Tensor momentumBuffer, int offset, int length, float lr,
                        boolean firstStep, SgdSettings settings) {
        notNull("settings", settings);
        nonNegative("length", length);
        Jobs j = jobs;
        j.y = in("grad", grad, offset, length);
        j.z = settings.momentum() == 0 ? null : out("momentumBuffer", momentumBuffer, offset, length);
        j.x = out("param", param, offset, length);
        j.xo = offset;
        j.alpha = lr;
        j.flag = firstStep;
        j.f1 = settings.momentum();
        j.f2 = settings.dampening();
        j.flag2 = settings.nesterov();
        j.f3 = settings.weightDecay();
        j.run(j.sgd, length, Jobs.CHUNK, Jobs.PARALLEL_ELEMENTS);
    }

    @Override
    public void adamStep(Tensor param, Tensor grad, Tensor m, Tensor v, int offset, int length, float lr, long step,
                         AdamSettings settings) {
        notNull("settings", settings);
        Arguments.adamStep(step);
        nonNegative("length", length);
        Jobs j = jobs;
        j.y = in("grad", grad, offset, length);
        j.z = out("m", m, offset, length);
        j.u = out("v", v, offset, length);
        j.x = out("param", param, offset, length);
        j.xo = offset;
        double bc1 = 1 - Math.pow(settings.beta1(), step);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(settings.beta2(), step));
        j.f1 = settings.beta1();
        j.f2 = settings.beta2();
        j.f3 = settings.epsilon();
        j.f4 = (float) (lr / bc1);
        j.f5 = (float) (1 / bc2Sqrt);
        j.f6 = settings.decoupled() ? 1f - lr * settings.weightDecay() : 1f;
        j.beta = settings.decoupled() ? 0f : settings.weightDecay();
        j.run(j.adam, length, Jobs.CHUNK, Jobs.PARALLEL_ELEMENTS);
    }

    @Override
    public void rmspropStep(Tensor param, Tensor grad, Tensor square, Tensor momentumBuffer, int offset, int length,
                            float lr, RmspropSettings settings) {
        notNull("settings", settings);
        nonNegative("length", length);
        Jobs j = jobs;
        j.y = in("grad", grad, offset, length);
        j.z = out("square", square, offset, length);
        j.u = settings.momentum() > 0 ? out("momentumBuffer", momentumBuffer, offset, length) : null;
        j.x = out("param", param, offset, length);
        j.xo = offset;
        j.alpha = lr;
        j.f1 = settings.alpha();
        j.f2 = settings.epsilon();
        j.f3 = settings.weightDecay();
        j.f4 = settings.momentum();
        j.run(j.rmsprop, length, Jobs.CHUNK, Jobs.PARALLEL_ELEMENTS);
    }

    @Override
    public void adagradStep(Tensor param, Tensor grad, Tensor sum, int offset, int length, float lr,
                            AdagradSettings settings) {
        notNull("settings", settings);
        nonNegative("length", length);
        Jobs j = jobs;
        j.y = in("grad", grad, offset, length);
        j.z = out("sum", sum, offset, length);
        j.x = out("param", param, offset, length);
        j.xo = offset;
        j.alpha = lr;
        j.f1 = settings.epsilon();
        j.f2 = settings.weightDecay();
        j.run(j.adagrad, length, Jobs.CHUNK, Jobs.PARALLEL_ELEMENTS);
    }
}
