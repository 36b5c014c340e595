package org.rnn4j.backend.cuda;

import static org.rnn4j.api.tensor.Arguments.fits;
import static org.rnn4j.api.tensor.Arguments.fitsHost;
import static org.rnn4j.api.tensor.Arguments.fitsMatrix;
import static org.rnn4j.api.tensor.Arguments.nonNegative;
import static org.rnn4j.api.tensor.Arguments.notNull;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
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
 * The CUDA backend: every kernel of {@link Backend} as a CUDA kernel of this module's sources
 * (src/main/cuda), launched on one {@link Device} stream. This class checks arguments exactly as
 * the other backends do (same argument names in the messages), turns tensor offsets into device
 * addresses, picks grid sizes, and keeps the few device workspaces the reductions need.
 *
 * <p><b>Memory.</b> A tensor is one device allocation made by {@link #allocate} and reused by its
 * owner (models allocate theirs once per model and workspace). Host data crosses only in
 * {@code upload}/{@code download}, the index arrays of the embedding and loss kernels, and the
 * per-block partial sums of reductions (at most {@value #REDUCTION_BLOCKS} floats), all through
 * the device's pinned staging buffer.
 *
 * <p><b>Determinism.</b> No kernel uses atomics: every output element is written by one thread
 * in a fixed order (a GEMM whose k is split by {@link GemmPlan} adds its slices in slice order in
 * a second kernel), and reductions add fixed per-block partial sums (their count depends only
 * on the size) in block order in double on the host. Same inputs on the same GPU (the same
 * multiprocessor count, which sets the GEMM's slices): same bits, run to run.
 */
final class CudaBackend implements Backend {

    /** Threads per block of every kernel. */
    static final int THREADS = 256;

    /** Partial sums per reduction: enough blocks to fill a large GPU, few enough to add on the host. */
    static final int REDUCTION_BLOCKS = 1024;

    private static final int MAX_GRID_Y = 65_535;

    private final Device device;
    private final LaunchArgs args = new LaunchArgs();
    private final Set<CudaTensor> live = Collections.newSetFromMap(new IdentityHashMap<>());
    private final int elementwiseBlocks;

    private final KernelFunction[][] gemm; // [tile index][transpose index]
    private final KernelFunction gemmReduceSlices;
    private final KernelFunction fill;
    private final KernelFunction copyMatrix;
    private final KernelFunction addRowVector;
    private final KernelFunction sumRows;
    private final KernelFunction activationForward;
    private final KernelFunction activationBackward;
    private final KernelFunction axpby;
    private final KernelFunction multiply;
    private final KernelFunction clamp;
    private final KernelFunction sumSquaresPartial;
    private final KernelFunction dropoutMask;
    private final KernelFunction gatherRows;
    private final KernelFunction scatterAddRows;
    private final KernelFunction lstmForward;
    private final KernelFunction lstmBackward;
    private final KernelFunction gruForward;
    private final KernelFunction gruBackward;
    private final KernelFunction jordanOutputForward;
    private final KernelFunction softmaxCrossEntropy;
    private final KernelFunction softmaxRows;
    private final KernelFunction squaredErrorPartial;
    private final KernelFunction sumPartial;
    private final KernelFunction sgdStep;
    private final KernelFunction adamStep;
    private final KernelFunction rmspropStep;
    private final KernelFunction adagradStep;

    private final long partials;
    private final float[] partialsHost = new float[REDUCTION_BLOCKS];
    private final DeviceWorkspace rowLoss;
    private final DeviceWorkspace indices;
    private final DeviceWorkspace gemmSlices;
    /**
     * Identity whose rows {@link #oneHotRows} gathers, {@code [width, width]} for the largest
     * vocabulary asked so far (grown, never shrunk: models of different vocabularies on one
     * backend share it without rebuilding it call after call).
     */
    private Tensor oneHotIdentity;
    private int oneHotWidth;
    /** The one-hot rows of the last one-hot product, {@code oneHotWidth} wide, grown on demand. */
    private Tensor oneHotBlock;
    private float[] hostFloats = new float[0];
    private int[] scatterCounts = new int[0];
    private int[] scatterPlan = new int[0];
    private int plannedRows;
    private GemmPlan plan;
    private int planM;
    private int planN;
    private int planK;
    private int forcedGemmTile;
    private int forcedGemmSlices;
    private boolean closed;

    CudaBackend(Device device) {
        this.device = device;
        this.elementwiseBlocks = Math.max(1, device.multiprocessors()) * 16;
        String[] transposes = {"nn", "nt", "tn", "tt"};
        this.gemm = new KernelFunction[GemmPlan.TILES.length][transposes.length];
        for (int t = 0; t < GemmPlan.TILES.length; t++) {
            for (int x = 0; x < transposes.length; x++) {
                gemm[t][x] = device.function("gemm_" + transposes[x] + "_" + GemmPlan.TILES[t]);
            }
        }
        this.gemmReduceSlices = device.function("gemm_reduce_slices");
        this.fill = device.function("fill_f32");
        this.copyMatrix = device.function("copy_matrix");
        this.addRowVector = device.function("add_row_vector");
        this.sumRows = device.function("sum_rows");
        this.activationForward = device.function("activation_forward");
        this.activationBackward = device.function("activation_backward");
        this.axpby = device.function("axpby");
        this.multiply = device.function("multiply");
        this.clamp = device.function("clamp");
        this.sumSquaresPartial = device.function("sum_squares_partial");
        this.dropoutMask = device.function("dropout_mask");
        this.gatherRows = device.function("gather_rows");
        this.scatterAddRows = device.function("scatter_add_sorted");
        this.lstmForward = device.function("lstm_forward");
        this.lstmBackward = device.function("lstm_backward");
        this.gruForward = device.function("gru_forward");
        this.gruBackward = device.function("gru_backward");
        this.jordanOutputForward = device.function("jordan_output_forward");
        this.softmaxCrossEntropy = device.function("softmax_cross_entropy");
        this.softmaxRows = device.function("softmax_rows");
        this.squaredErrorPartial = device.function("squared_error_partial");
        this.sumPartial = device.function("sum_partial");
        this.sgdStep = device.function("sgd_step");
        this.adamStep = device.function("adam_step");
        this.rmspropStep = device.function("rmsprop_step");
        this.adagradStep = device.function("adagrad_step");
        this.partials = device.allocate(4L * REDUCTION_BLOCKS);
        this.rowLoss = new DeviceWorkspace(device);
        this.indices = new DeviceWorkspace(device);
        this.gemmSlices = new DeviceWorkspace(device);
    }

    @Override
    public String name() {
        return CudaProvider.NAME;
    }

    @Override
    public Precision precision() {
        return Precision.FLOAT32;
    }

    @Override
    public String toString() {
        return CudaProvider.NAME + " backend (" + device.description() + ")";
    }

    /**
     * Tests only: use one GEMM tile edge (128, 64 or 32) and about {@code slices} slices of k for
     * every product; 0 and 0 restore {@link GemmPlan#choose}.
     */
    void forceGemmPlan(int tile, int slices) {
        this.forcedGemmTile = tile;
        this.forcedGemmSlices = slices;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (CudaTensor t : new ArrayList<>(live)) {
            t.close();
        }
        device.free(partials);
        rowLoss.free();
        indices.free();
        gemmSlices.free();
        device.close();
    }

    /** Called by {@link CudaTensor#close()}. */
    void release(CudaTensor tensor, long address) {
        if (live.remove(tensor)) {
            device.free(address);
        }
    }

    // ---- argument helpers -----------------------------------------------------------------

    private CudaTensor own(String arg, Tensor t) {
        if (t == null) {
            throw new IllegalArgumentException(arg + " must not be null");
        }
        if (!(t instanceof CudaTensor)) {
            throw new IllegalArgumentException(arg + " belongs to backend '" + t.backendName()
                    + "', not '" + CudaProvider.NAME + "'; allocate it with this backend or copy it through the host");
        }
        CudaTensor ct = (CudaTensor) t;
        if (ct.owner() != this) {
            throw new IllegalArgumentException(arg + " belongs to another '" + CudaProvider.NAME
                    + "' backend instance; allocate it with this one or copy it through the host");
        }
        return ct;
    }

    /** The device address of element {@code offset} of a checked range. */
    private long at(String arg, Tensor t, int offset, long length) {
        fits(arg, t, offset, length);
        return own(arg, t).address() + 4L * offset;
    }

    private long matrix(String arg, Tensor t, int offset, int rows, int cols, int ld) {
        fitsMatrix(arg, t, offset, rows, cols, ld);
        return own(arg, t).address() + 4L * offset;
    }

    private void launch(KernelFunction f, long elements) {
        if (elements > 0) {
            device.launch(f, blocks(elements), 1, THREADS, args);
        }
    }

    private int blocks(long elements) {
        return (int) Math.max(1, Math.min((elements + THREADS - 1) / THREADS, elementwiseBlocks));
    }

    private static int reductionBlocks(long elements) {
        return (int) Math.max(1, Math.min((elements + THREADS - 1) / THREADS, REDUCTION_BLOCKS));
    }

    /** Adds the first {@code count} partial sums in block order, in double. */
    private double sumPartials(int count) {
        device.download(partials, partialsHost, 0, count);
        double sum = 0;
        for (int i = 0; i < count; i++) {
            sum += partialsHost[i];
        }
        return sum;
    }

    private long indices(int[] rows, int offset, int count) {
        long address = indices.atLeast(count);
        device.upload(rows, offset, address, count);
        return address;
    }

    private float[] hostFloats(int length) {
        if (hostFloats.length < length) {
            hostFloats = new float[Math.max(length, 2 * hostFloats.length)];
        }
        return hostFloats;
    }

    /** The codes of common.cuh. */
    static int activationCode(Activation f) {
        switch (f) {
            case IDENTITY:
                return 0;
            case TANH:
                return 1;
            case RELU:
                return 2;
            case SIGMOID:
                return 3;
            default:
                throw new IllegalArgumentException("activation " + f + " has no CUDA kernel");
        }
    }

    // ---- memory ---------------------------------------------------------------------------

    @Override
    public Tensor allocate(Shape shape) {
        notNull("shape", shape);
        if (closed) {
            throw new IllegalStateException("backend " + CudaProvider.NAME + " was closed");
        }
        long address = device.allocate(4L * Math.max(1, shape.size()));
        CudaTensor t = new CudaTensor(shape, address, this);
        live.add(t);
        args.clear().i32(shape.size()).f32(0f).pointer(address);
        launch(fill, shape.size());
        return t;
    }

    @Override
    public void upload(float[] src, int srcOffset, Tensor dst, int dstOffset, int length) {
        fitsHost("src", notNull("src", src).length, srcOffset, length);
        long d = at("dst", dst, dstOffset, length);
        if (length > 0) {
            device.upload(src, srcOffset, d, length);
        }
    }

    @Override
    public void upload(double[] src, int srcOffset, Tensor dst, int dstOffset, int length) {
        fitsHost("src", notNull("src", src).length, srcOffset, length);
        long d = at("dst", dst, dstOffset, length);
        float[] staged = hostFloats(length);
        for (int i = 0; i < length; i++) {
            staged[i] = (float) src[srcOffset + i];
        }
        if (length > 0) {
            device.upload(staged, 0, d, length);
        }
    }

    @Override
    public void download(Tensor src, int srcOffset, float[] dst, int dstOffset, int length) {
        fitsHost("dst", notNull("dst", dst).length, dstOffset, length);
        long s = at("src", src, srcOffset, length);
        if (length > 0) {
            device.download(s, dst, dstOffset, length);
        }
    }

    @Override
    public void download(Tensor src, int srcOffset, double[] dst, int dstOffset, int length) {
        fitsHost("dst", notNull("dst", dst).length, dstOffset, length);
        long s = at("src", src, srcOffset, length);
        float[] staged = hostFloats(length);
        if (length > 0) {
            device.download(s, staged, 0, length);
        }
        for (int i = 0; i < length; i++) {
            dst[dstOffset + i] = staged[i];
        }
    }

    @Override
    public void copy(Tensor src, int srcOffset, Tensor dst, int dstOffset, int length) {
        long s = at("src", src, srcOffset, length);
        long d = at("dst", dst, dstOffset, length);
        if (length > 0 && s != d) {
            device.copy(s, d, 4L * length);
        }
    }

    @Override
    public void fill(Tensor dst, int offset, int length, float value) {
        long d = at("dst", dst, offset, length);
        args.clear().i32(length).f32(value).pointer(d);
        launch(fill, length);
    }

    // ---- linear algebra -------------------------------------------------------------------

    @Override
    public void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                     Tensor a, int aOffset, int lda, Tensor b, int bOffset, int ldb,
                     float beta, Tensor c, int cOffset, int ldc) {
        nonNegative("m", m);
        nonNegative("n", n);
        nonNegative("k", k);
        long pa = matrix("A", a, aOffset, transA ? k : m, transA ? m : k, lda);
        long pb = matrix("B", b, bOffset, transB ? n : k, transB ? k : n, ldb);
        long pc = matrix("C", c, cOffset, m, n, ldc);
        if (m == 0 || n == 0) {
            return;
        }
        int kUsed = alpha == 0f ? 0 : k; // alpha == 0 must not touch op(A) op(B): 0 * Inf is NaN
        // The grid's y dimension is limited to 65,535 blocks: taller products go in row bands.
        int bandRows = MAX_GRID_Y * GemmPlan.TILES[GemmPlan.TILES.length - 1];
        for (int r0 = 0; r0 < m; r0 += bandRows) {
            int rows = Math.min(bandRows, m - r0);
            GemmPlan plan = gemmPlan(rows, n, kUsed);
            int tile = plan.tile();
            long aBand = pa + 4L * (transA ? r0 : (long) r0 * lda);
            long cBand = pc + 4L * r0 * ldc;
            long partial = plan.slices() > 1 ? gemmSlices.atLeast((long) plan.slices() * rows * n) : 0L;
            KernelFunction f = gemm[plan.tileIndex()][(transA ? 2 : 0) + (transB ? 1 : 0)];
            args.clear().i32(rows).i32(n).i32(kUsed).i32(plan.kChunk()).f32(alpha).pointer(aBand).i32(lda)
                    .pointer(pb).i32(ldb).f32(beta).pointer(cBand).i32(ldc).pointer(partial);
            device.launch(f, (n + tile - 1) / tile, (rows + tile - 1) / tile, plan.slices(), THREADS, args);
            if (partial != 0) {
                args.clear().i32(rows).i32(n).i32(plan.slices()).f32(alpha).pointer(partial).f32(beta)
                        .pointer(cBand).i32(ldc);
                launch(gemmReduceSlices, (long) rows * n);
            }
        }
    }

    private GemmPlan gemmPlan(int m, int n, int k) {
        if (forcedGemmTile == 0) {
            // One remembered plan suffices: a recurrence's per-step loop repeats one shape, so
            // the steady state chooses (and allocates) nothing.
            if (m != planM || n != planN || k != planK || plan == null) {
                plan = GemmPlan.choose(m, n, k, device.multiprocessors());
                planM = m;
                planN = n;
                planK = k;
            }
            return plan;
        }
        for (int t = 0; t < GemmPlan.TILES.length; t++) {
            if (GemmPlan.TILES[t] == forcedGemmTile) {
                return GemmPlan.sliced(t, forcedGemmSlices, k);
            }
        }
        throw new IllegalStateException("no GEMM tile of edge " + forcedGemmTile);
    }

    // The one-hot products build the one-hot rows on the device (a gather from an identity) and
    // multiply: on a GPU the product of a 65-wide one-hot block is cheap next to the recurrence,
    // and this reuses the gather and GEMM kernels the kit already checks.

    @Override
    public void oneHotProduct(int rows, int n, int vocabulary, int[] tokens, int tokensOffset,
                              Tensor w, int wOffset, Tensor c, int cOffset) {
        Arguments.oneHotBlocks(rows, n, vocabulary, tokens, tokensOffset, "W", w, wOffset, "C", c, cOffset);
        // checked here so that a foreign tensor is named as the caller knows it, not as the GEMM's B
        own("W", w);
        own("C", c);
        if ((long) rows * n == 0) {
            return;
        }
        Tensor x = oneHotRows(rows, vocabulary, tokens, tokensOffset);
        gemm(false, true, rows, n, vocabulary, 1f, x, 0, oneHotWidth, w, wOffset, vocabulary, 0f, c, cOffset, n);
    }

    @Override
    public void oneHotWeightGradient(int rows, int n, int vocabulary, int[] tokens, int tokensOffset,
                                     Tensor dc, int dcOffset, Tensor dw, int dwOffset) {
        Arguments.oneHotBlocks(rows, n, vocabulary, tokens, tokensOffset, "dW", dw, dwOffset, "dC", dc, dcOffset);
        own("dC", dc);
        own("dW", dw);
        if ((long) rows * n == 0) {
            return;
        }
        Tensor x = oneHotRows(rows, vocabulary, tokens, tokensOffset);
        gemm(true, false, n, vocabulary, rows, 1f, dc, dcOffset, n, x, 0, oneHotWidth, 1f, dw, dwOffset, vocabulary);
    }

    /**
     * The one-hot rows of {@code tokens}, {@code [rows, oneHotWidth]} (zero rows for negative
     * tokens); their first {@code vocabulary} columns are the one-hot rows over the vocabulary.
     */
    private Tensor oneHotRows(int rows, int vocabulary, int[] tokens, int tokensOffset) {
        if (oneHotIdentity == null || oneHotWidth < vocabulary) {
            if (oneHotIdentity != null) {
                oneHotIdentity.close();
                oneHotIdentity = null;
            }
            if (oneHotBlock != null) {
                oneHotBlock.close();
                oneHotBlock = null;
            }
            Tensor identity = allocate(vocabulary, vocabulary);
            float[] one = {1f};
            for (int v = 0; v < vocabulary; v++) {
                upload(one, 0, identity, v * vocabulary + v, 1);
            }
            oneHotIdentity = identity;
            oneHotWidth = vocabulary;
        }
        long size = (long) rows * oneHotWidth;
        if (oneHotBlock == null || oneHotBlock.size() < size) {
            if (oneHotBlock != null) {
                oneHotBlock.close();
                oneHotBlock = null;
            }
            oneHotBlock = allocate(Math.toIntExact(size));
        }
        gatherRows(rows, oneHotWidth, oneHotIdentity, 0, tokens, tokensOffset, oneHotBlock, 0);
        return oneHotBlock;
    }

    @Override
    public void copyMatrix(int rows, int cols, Tensor src, int srcOffset, int lds, Tensor dst, int dstOffset, int ldd) {
        nonNegative("rows", rows);
        long s = matrix("src", src, srcOffset, rows, cols, lds);
        long d = matrix("dst", dst, dstOffset, rows, cols, ldd);
        args.clear().i32(rows).i32(cols).pointer(s).i32(lds).pointer(d).i32(ldd);
        launch(copyMatrix, (long) rows * cols);
    }

    @Override
    public void addRowVector(int rows, int cols, Tensor v, int vOffset, Tensor x, int xOffset) {
        nonNegative("rows", rows);
        long px = at("x", x, xOffset, (long) rows * cols);
        long pv = at("v", v, vOffset, cols);
        args.clear().i32(rows).i32(cols).pointer(pv).pointer(px);
        launch(addRowVector, (long) rows * cols);
    }

    @Override
    public void sumRows(int rows, int cols, Tensor x, int xOffset, float beta, Tensor out, int outOffset) {
        nonNegative("rows", rows);
        long po = at("out", out, outOffset, cols);
        long px = at("x", x, xOffset, (long) rows * cols);
        if (cols > 0) {
            args.clear().i32(rows).i32(cols).pointer(px).f32(beta).pointer(po);
            device.launch(sumRows, (cols + 31) / 32, 1, THREADS, args); // 32 columns x 8 row groups
        }
    }

    // ---- pointwise ------------------------------------------------------------------------

    @Override
    public void activation(Activation f, int n, Tensor x, int xOffset, Tensor y, int yOffset) {
        notNull("activation", f);
        nonNegative("n", n);
        long px = at("x", x, xOffset, n);
        long py = at("y", y, yOffset, n);
        args.clear().i32(activationCode(f)).i32(n).pointer(px).pointer(py);
        launch(activationForward, n);
    }

    @Override
    public void activationBackward(Activation f, int n, Tensor y, int yOffset, Tensor dy, int dyOffset,
                                   float beta, Tensor dx, int dxOffset) {
        notNull("activation", f);
        nonNegative("n", n);
        backward(f, n, "y", y, yOffset, "dy", dy, dyOffset, beta, "dx", dx, dxOffset);
    }

    private void backward(Activation f, int n, String yName, Tensor y, int yOffset, String dyName, Tensor dy,
                          int dyOffset, float beta, String dxName, Tensor dx, int dxOffset) {
        long py = at(yName, y, yOffset, n);
        long pdy = at(dyName, dy, dyOffset, n);
        long pdx = at(dxName, dx, dxOffset, n);
        args.clear().i32(activationCode(f)).i32(n).pointer(py).pointer(pdy).f32(beta).pointer(pdx);
        launch(activationBackward, n);
    }

    @Override
    public void axpby(int n, float alpha, Tensor x, int xOffset, float beta, Tensor y, int yOffset) {
        nonNegative("n", n);
        long px = at("x", x, xOffset, n);
        long py = at("y", y, yOffset, n);
        args.clear().i32(n).f32(alpha).pointer(px).f32(beta).pointer(py);
        launch(axpby, n);
    }

    @Override
    public void multiply(int n, Tensor x, int xOffset, Tensor y, int yOffset, float beta, Tensor z, int zOffset) {
        nonNegative("n", n);
        long px = at("x", x, xOffset, n);
        long py = at("y", y, yOffset, n);
        long pz = at("z", z, zOffset, n);
        args.clear().i32(n).pointer(px).pointer(py).f32(beta).pointer(pz);
        launch(multiply, n);
    }

    @Override
    public void clamp(int n, float lo, float hi, Tensor x, int xOffset) {
        Arguments.clampRange(lo, hi);
        nonNegative("n", n);
        long px = at("x", x, xOffset, n);
        args.clear().i32(n).f32(lo).f32(hi).pointer(px);
        launch(clamp, n);
    }

    @Override
    public double sumOfSquares(int n, Tensor x, int xOffset) {
        nonNegative("n", n);
        long px = at("x", x, xOffset, n);
        if (n == 0) {
            return 0;
        }
        int blocks = reductionBlocks(n);
        args.clear().i32(n).pointer(px).pointer(partials);
        device.launch(sumSquaresPartial, blocks, 1, THREADS, args);
        return sumPartials(blocks);
    }

    @Override
    public void dropoutMask(int n, float p, long seed, long counter, Tensor mask, int maskOffset) {
        Arguments.dropoutProbability(p);
        nonNegative("n", n);
        long pm = at("mask", mask, maskOffset, n);
        // The multiplier is computed here, in Java float, so that it has CounterRandom's bits.
        args.clear().i32(n).f32(p).f32(1f / (1f - p)).u64(seed).u64(counter).pointer(pm);
        launch(dropoutMask, n);
    }

    @Override
    public void gatherRows(int count, int cols, Tensor table, int tableOffset, int[] rows, int rowsOffset,
                           Tensor out, int outOffset) {
        fitsHost("rows", notNull("rows", rows).length, rowsOffset, count);
        long tableBase = own("table", table).address() + 4L * tableOffset;
        long po = at("out", out, outOffset, (long) count * cols);
        for (int r = 0; r < count; r++) {
            if (rows[rowsOffset + r] >= 0) {
                Arguments.tableRow(table, tableOffset, cols, rows, rowsOffset + r);
            }
        }
        if ((long) count * cols == 0) {
            return;
        }
        args.clear().i32(count).i32(cols).pointer(tableBase).pointer(indices(rows, rowsOffset, count)).pointer(po);
        launch(gatherRows, (long) count * cols);
    }

    @Override
    public void scatterAddRows(int count, int cols, Tensor src, int srcOffset, int[] rows, int rowsOffset,
                               Tensor table, int tableOffset) {
        fitsHost("rows", notNull("rows", rows).length, rowsOffset, count);
        long ps = at("src", src, srcOffset, (long) count * cols);
        long tableBase = own("table", table).address() + 4L * tableOffset;
        for (int r = 0; r < count; r++) {
            if (rows[rowsOffset + r] >= 0) {
                Arguments.tableRow(table, tableOffset, cols, rows, rowsOffset + r);
            }
        }
        if ((long) count * cols == 0) {
            return;
        }
        int segments = planScatter(rows, rowsOffset, count, (table.size() - tableOffset) / cols);
        if (segments == 0) {
            return;
        }
        int planLength = 2 * segments + 1 + plannedRows;
        args.clear().i32(segments).i32(cols).pointer(ps).pointer(indices(scatterPlan, 0, planLength))
                .pointer(tableBase);
        launch(scatterAddRows, (long) segments * cols);
    }

    /**
     * Sorts the positions of {@code rows} by index, stably, into {@link #scatterPlan} (layout in
     * pointwise.cuh, scatter_add_sorted); returns the number of distinct indices. A counting sort
     * over the table's rows: linear, and allocation-free once the buffers have grown.
     */
    private int planScatter(int[] rows, int rowsOffset, int count, int tableRows) {
        if (scatterCounts.length < tableRows) {
            scatterCounts = new int[Math.max(tableRows, 2 * scatterCounts.length)];
        }
        int[] counts = scatterCounts;
        java.util.Arrays.fill(counts, 0, tableRows, 0);
        int used = 0;
        for (int r = 0; r < count; r++) {
            int index = rows[rowsOffset + r];
            if (index >= 0) {
                counts[index]++;
                used++;
            }
        }
        int segments = 0;
        for (int i = 0; i < tableRows; i++) {
            if (counts[i] > 0) {
                segments++;
            }
        }
        int length = 2 * segments + 1 + used;
        if (scatterPlan.length < length) {
            scatterPlan = new int[Math.max(length, 2 * scatterPlan.length)];
        }
        int[] plan = scatterPlan;
        int orderAt = 2 * segments + 1;
        int s = 0;
        int position = 0;
        for (int i = 0; i < tableRows; i++) {
            if (counts[i] > 0) {
                plan[s] = position;
                plan[segments + 1 + s] = i;
                int n = counts[i];
                counts[i] = position; // from here on: where this index's next position goes
                position += n;
                s++;
            }
        }
        plan[segments] = position;
        for (int r = 0; r < count; r++) {
            int index = rows[rowsOffset + r];
            if (index >= 0) {
                plan[orderAt + counts[index]++] = r;
            }
        }
        plannedRows = used;
        return segments;
    }

    // ---- recurrent ------------------------------------------------------------------------

    @Override
    public void lstmForward(int batch, int hidden, Tensor gates, int gatesOffset, Tensor cPrev, int cPrevOffset,
                            Tensor c, int cOffset, Tensor h, int hOffset) {
        Arguments.stepBlock(batch, hidden);
        long bh = (long) batch * hidden;
        long pcp = at("cPrev", cPrev, cPrevOffset, bh);
        long pg = at("gates", gates, gatesOffset, 4 * bh);
        long pc = at("c", c, cOffset, bh);
        long ph = at("h", h, hOffset, bh);
        args.clear().i32(batch).i32(hidden).pointer(pg).pointer(pcp).pointer(pc).pointer(ph);
        launch(lstmForward, bh);
    }

    @Override
    public void lstmBackward(int batch, int hidden, Tensor gates, int gatesOffset, Tensor cPrev, int cPrevOffset,
                             Tensor c, int cOffset, Tensor dh, int dhOffset, Tensor dc, int dcOffset,
                             Tensor dGates, int dGatesOffset, Tensor dcPrev, int dcPrevOffset) {
        Arguments.stepBlock(batch, hidden);
        long bh = (long) batch * hidden;
        long pg = at("gates", gates, gatesOffset, 4 * bh);
        long pcp = at("cPrev", cPrev, cPrevOffset, bh);
        long pc = at("c", c, cOffset, bh);
        long pdh = at("dh", dh, dhOffset, bh);
        long pdc = at("dc", dc, dcOffset, bh);
        long pdg = at("dGates", dGates, dGatesOffset, 4 * bh);
        long pdcp = at("dcPrev", dcPrev, dcPrevOffset, bh);
        args.clear().i32(batch).i32(hidden).pointer(pg).pointer(pcp).pointer(pc).pointer(pdh).pointer(pdc)
                .pointer(pdg).pointer(pdcp);
        launch(lstmBackward, bh);
    }

    @Override
    public void gruForward(int batch, int hidden, Tensor xg, int xgOffset, Tensor hg, int hgOffset,
                           Tensor hPrev, int hPrevOffset, Tensor h, int hOffset) {
        Arguments.stepBlock(batch, hidden);
        long bh = (long) batch * hidden;
        long phg = at("hg", hg, hgOffset, 3 * bh);
        long php = at("hPrev", hPrev, hPrevOffset, bh);
        long pxg = at("xg", xg, xgOffset, 3 * bh);
        long ph = at("h", h, hOffset, bh);
        args.clear().i32(batch).i32(hidden).pointer(pxg).pointer(phg).pointer(php).pointer(ph);
        launch(gruForward, bh);
    }

    @Override
    public void gruBackward(int batch, int hidden, Tensor xg, int xgOffset, Tensor hg, int hgOffset,
                            Tensor hPrev, int hPrevOffset, Tensor dh, int dhOffset, Tensor dXg, int dXgOffset,
                            Tensor dHg, int dHgOffset, Tensor dhPrev, int dhPrevOffset) {
        Arguments.stepBlock(batch, hidden);
        long bh = (long) batch * hidden;
        long pxg = at("xg", xg, xgOffset, 3 * bh);
        long phg = at("hg", hg, hgOffset, 3 * bh);
        long php = at("hPrev", hPrev, hPrevOffset, bh);
        long pdh = at("dh", dh, dhOffset, bh);
        long pdx = at("dXg", dXg, dXgOffset, 3 * bh);
        long pdhg = at("dHg", dHg, dHgOffset, 3 * bh);
        long pdhp = at("dhPrev", dhPrev, dhPrevOffset, bh);
        args.clear().i32(batch).i32(hidden).pointer(pxg).pointer(phg).pointer(php).pointer(pdh).pointer(pdx)
                .pointer(pdhg).pointer(pdhp);
        launch(gruBackward, bh);
    }

    @Override
    public void elmanForward(Activation act, int batch, int hidden, Tensor pre, int preOffset, Tensor h, int hOffset) {
        Activation.requireOneOf(act, "Elman activation", Activation.TANH, Activation.RELU);
        Arguments.stepBlock(batch, hidden);
        int n = batch * hidden;
        long pp = at("pre", pre, preOffset, n);
        long ph = at("h", h, hOffset, n);
        args.clear().i32(activationCode(act)).i32(n).pointer(pp).pointer(ph);
        launch(activationForward, n);
    }

    @Override
    public void elmanBackward(Activation act, int batch, int hidden, Tensor h, int hOffset, Tensor dh, int dhOffset,
                              Tensor dPre, int dPreOffset) {
        Activation.requireOneOf(act, "Elman activation", Activation.TANH, Activation.RELU);
        Arguments.stepBlock(batch, hidden);
        backward(act, batch * hidden, "h", h, hOffset, "dh", dh, dhOffset, 0f, "dPre", dPre, dPreOffset);
    }

    @Override
    public void jordanOutputForward(Activation act, int batch, int outputs, Tensor yPre, int yPreOffset,
                                    Tensor bias, int biasOffset, Tensor y, int yOffset) {
        Activation.requireOneOf(act, "Jordan output activation", Activation.IDENTITY, Activation.TANH);
        Arguments.stepBlock(batch, outputs);
        int n = batch * outputs;
        long pp = at("yPre", yPre, yPreOffset, n);
        long pb = at("bias", bias, biasOffset, outputs);
        long py = at("y", y, yOffset, n);
        args.clear().i32(activationCode(act)).i32(batch).i32(outputs).pointer(pp).pointer(pb).pointer(py);
        launch(jordanOutputForward, n);
    }

    @Override
    public void jordanOutputBackward(Activation act, int batch, int outputs, Tensor y, int yOffset,
                                     Tensor dy, int dyOffset, Tensor dyPre, int dyPreOffset) {
        Activation.requireOneOf(act, "Jordan output activation", Activation.IDENTITY, Activation.TANH);
        Arguments.stepBlock(batch, outputs);
        backward(act, batch * outputs, "y", y, yOffset, "dy", dy, dyOffset, 0f, "dyPre", dyPre, dyPreOffset);
    }

    // ---- losses ---------------------------------------------------------------------------

    @Override
    public double softmaxCrossEntropy(int rows, int classes, Tensor logits, int logitsOffset, int[] targets,
                                      int targetsOffset, float gradScale, Tensor dLogits, int dLogitsOffset) {
        Arguments.classTargets(rows, classes, targets, targetsOffset);
        long n = (long) rows * classes;
        long pl = at("logits", logits, logitsOffset, n);
        long pd = dLogits == null ? 0 : at("dLogits", dLogits, dLogitsOffset, n);
        if (rows == 0) {
            return 0;
        }
        long losses = rowLoss.atLeast(rows);
        args.clear().i32(rows).i32(classes).pointer(pl).pointer(indices(targets, targetsOffset, rows))
                .f32(gradScale).pointer(pd).pointer(losses);
        device.launch(softmaxCrossEntropy, Math.min(rows, elementwiseBlocks * 4), 1, THREADS, args);
        int blocks = reductionBlocks(rows);
        args.clear().i32(rows).pointer(losses).pointer(partials);
        device.launch(sumPartial, blocks, 1, THREADS, args);
        return sumPartials(blocks);
    }

    @Override
    public double squaredError(int n, Tensor pred, int predOffset, Tensor target, int targetOffset,
                               Tensor mask, int maskOffset, float gradScale, Tensor dPred, int dPredOffset) {
        nonNegative("n", n);
        long pp = at("pred", pred, predOffset, n);
        long pt = at("target", target, targetOffset, n);
        long pm = mask == null ? 0 : at("mask", mask, maskOffset, n);
        long pd = dPred == null ? 0 : at("dPred", dPred, dPredOffset, n);
        if (n == 0) {
            return 0;
        }
        int blocks = reductionBlocks(n);
        args.clear().i32(n).pointer(pp).pointer(pt).pointer(pm).f32(gradScale).pointer(pd).pointer(partials);
        device.launch(squaredErrorPartial, blocks, 1, THREADS, args);
        return sumPartials(blocks);
    }

    @Override
    public void softmax(int rows, int classes, float temperature, Tensor logits, int logitsOffset,
                        Tensor probs, int probsOffset) {
        Arguments.temperature(temperature);
        nonNegative("rows", rows);
        Arguments.positive("classes", classes);
        long n = (long) rows * classes;
        long pl = at("logits", logits, logitsOffset, n);
        long pp = at("probs", probs, probsOffset, n);
        if (rows > 0) {
            args.clear().i32(rows).i32(classes).f32(1f / temperature).pointer(pl).pointer(pp);
            device.launch(softmaxRows, Math.min(rows, elementwiseBlocks * 4), 1, THREADS, args);
        }
    }

    // ---- optimisers -----------------------------------------------------------------------

    @Override
    public void sgdStep(Tensor param, Tensor grad, Tensor momentumBuffer, int offset, int length, float lr,
                        boolean firstStep, SgdSettings settings) {
        notNull("settings", settings);
        nonNegative("length", length);
        long pg = at("grad", grad, offset, length);
        long pb = settings.momentum() == 0 ? 0 : at("momentumBuffer", momentumBuffer, offset, length);
        long pp = at("param", param, offset, length);
        args.clear().i32(length).pointer(pp).pointer(pg).pointer(pb).f32(lr).i32(firstStep ? 1 : 0)
                .f32(settings.momentum()).f32(settings.dampening()).i32(settings.nesterov() ? 1 : 0)
                .f32(settings.weightDecay());
        launch(sgdStep, length);
    }

    @Override
    public void adamStep(Tensor param, Tensor grad, Tensor m, Tensor v, int offset, int length, float lr, long step,
                         AdamSettings settings) {
        notNull("settings", settings);
        Arguments.adamStep(step);
        nonNegative("length", length);
        long pg = at("grad", grad, offset, length);
        long pm = at("m", m, offset, length);
        long pv = at("v", v, offset, length);
        long pp = at("param", param, offset, length);
        double bc1 = 1 - Math.pow(settings.beta1(), step);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(settings.beta2(), step));
        args.clear().i32(length).pointer(pp).pointer(pg).pointer(pm).pointer(pv).f32(settings.beta1())
                .f32(settings.beta2()).f32(settings.epsilon()).f32((float) (lr / bc1)).f32((float) (1 / bc2Sqrt))
                .f32(settings.decoupled() ? 1f - lr * settings.weightDecay() : 1f)
                .f32(settings.decoupled() ? 0f : settings.weightDecay());
        launch(adamStep, length);
    }

    @Override
    public void rmspropStep(Tensor param, Tensor grad, Tensor square, Tensor momentumBuffer, int offset, int length,
                            float lr, RmspropSettings settings) {
        notNull("settings", settings);
        nonNegative("length", length);
        long pg = at("grad", grad, offset, length);
        long ps = at("square", square, offset, length);
        long pb = settings.momentum() > 0 ? at("momentumBuffer", momentumBuffer, offset, length) : 0;
        long pp = at("param", param, offset, length);
        args.clear().i32(length).pointer(pp).pointer(pg).pointer(ps).pointer(pb).f32(lr).f32(settings.alpha())
                .f32(settings.epsilon()).f32(settings.weightDecay()).f32(settings.momentum());
        launch(rmspropStep, length);
    }

    @Override
    public void adagradStep(Tensor param, Tensor grad, Tensor sum, int offset, int length, float lr,
                            AdagradSettings settings) {
        notNull("settings", settings);
        nonNegative("length", length);
        long pg = at("grad", grad, offset, length);
        long ps = at("sum", sum, offset, length);
        long pp = at("param", param, offset, length);
        args.clear().i32(length).pointer(pp).pointer(pg).pointer(ps).f32(lr).f32(settings.epsilon())
                .f32(settings.weightDecay());
        launch(adagradStep, length);
    }
}
