package org.rnn4j.backend.simd;

import static org.rnn4j.backend.simd.GemmKernels.NR;

/**
 * The products of one-hot rows with a weight matrix (a recurrent layer fed characters), done as
 * copies and additions instead of multiply-adds with zeros.
 *
 * <p><b>Forward</b> ({@code C = X W^T}, row {@code r} of C is column {@code tokens[r]} of
 * {@code W [n, V]}): the columns of W are strided in memory, but {@code op(B) = W^T} packed by
 * {@link PackedWeights} holds each one as {@code n / NR} runs of NR floats, and the cache keeps it
 * until W is written. So batch-1 sampling copies 4 KiB per character (LSTM 256) where the product
 * streamed all 266 KB of W, and a training step packs W once for all its rows. A matrix too
 * large for the cache is read in place, column by column.
 *
 * <p><b>Weight gradient</b> ({@code dW += dC^T X}, column {@code tokens[r]} of dW accumulates row
 * {@code r} of dC): tasks of {@link #COLUMNS} columns by {@link #TOKENS} tokens. A task adds the
 * rows of dC whose token is in its range into a zeroed transposed scratch block (contiguous
 * vector additions), in row order, then adds the block into dW. Each element is summed by one
 * task in row order, so results do not depend on the thread count. A vocabulary larger than
 * {@link #TOKENS} reads dC once per range of tokens.
 *
 * <pre>{@code
 * OneHotProducts oneHot = new OneHotProducts(pool, gemm.cache(), PackedWeights.MAX_FLOATS);
 * oneHot.product(rows, n, vocabulary, tokens, 0, wTensor, 0, c, 0);
 * }</pre>
 */
final class OneHotProducts {

    /** Columns of dC per weight-gradient task: 512 bytes of each row. */
    static final int COLUMNS = 128;
    /** Tokens per weight-gradient task: with {@link #COLUMNS}, a 64 KiB scratch block. */
    static final int TOKENS = 128;
    /** Copied elements from which the forward gather runs on all threads. */
    private static final long PARALLEL_ELEMENTS = Jobs.PARALLEL_ELEMENTS;
    /** Rows per forward chunk. */
    private static final int ROWS_PER_CHUNK = 64;

    private final WorkerPool pool;
    private final PackedWeights cache;
    private final int maxPackedFloats;
    private final float[][] scratch;

    // The current call, read by the jobs (set before dispatch; no allocation per call).
    private int rows;
    private int n;
    private int vocabulary;
    private int[] tokens;
    private int tokensOffset;
    private float[] packed;
    private float[] w;
    private int wOffset;
    private float[] c;
    private int cOffset;
    private float[] dc;
    private int dcOffset;
    private float[] dw;
    private int dwOffset;
    private int columnTasks;

    private final ParallelJob gatherJob = this::gatherChunk;
    private final ParallelJob gradientJob = this::gradientTask;

    /**
     * @param maxPackedFloats largest packed size ({@code n} rounded up to whole NR panels, times
     *                        {@code V}) taken from the packed cache (the cache's own limit in
     *                        production; tests lower it to reach the in-place path)
     */
    OneHotProducts(WorkerPool pool, PackedWeights cache, int maxPackedFloats) {
        this.pool = pool;
        this.cache = cache;
        this.maxPackedFloats = maxPackedFloats;
        this.scratch = new float[pool.threads()][COLUMNS * TOKENS];
    }

    /** {@code C[r] = W[:, tokens[r]]} (zeros for a negative token); tokens already checked. */
    void product(int rows, int n, int vocabulary, int[] tokens, int tokensOffset, SimdTensor w, int wOffset,
                 float[] c, int cOffset) {
        if (rows == 0 || n == 0) {
            return;
        }
        boolean parallel = (long) rows * n >= PARALLEL_ELEMENTS && pool.threads() > 1;
        long packedSize = (long) ((n + NR - 1) / NR) * NR * vocabulary;
        this.packed = packedSize <= maxPackedFloats
                ? cache.packed(true, vocabulary, n, w, wOffset, vocabulary, parallel) : null;
        this.rows = rows;
        this.n = n;
        this.vocabulary = vocabulary;
        this.tokens = tokens;
        this.tokensOffset = tokensOffset;
        this.w = w.data();
        this.wOffset = wOffset;
        this.c = c;
        this.cOffset = cOffset;
        int chunks = (rows + ROWS_PER_CHUNK - 1) / ROWS_PER_CHUNK;
        pool.run(gatherJob, chunks, parallel);
        this.tokens = null;
        this.packed = null;
        this.w = null;
        this.c = null;
    }

    private void gatherChunk(int chunk, int worker) {
        int first = chunk * ROWS_PER_CHUNK;
        int last = Math.min(rows, first + ROWS_PER_CHUNK);
        for (int r = first; r < last; r++) {
            int token = tokens[tokensOffset + r];
            int row = cOffset + r * n;
            if (token < 0) {
                java.util.Arrays.fill(c, row, row + n, 0f);
            } else if (packed != null) {
                copyPackedRow(token, row);
            } else {
                for (int j = 0, at = wOffset + token; j < n; j++, at += vocabulary) {
                    c[row + j] = w[at];
                }
            }
        }
    }

    /** Row {@code p} of the packed {@code op(B)} ({@code V x n}, PackedWeights' layout) to {@code c[row]}. */
    private void copyPackedRow(int p, int row) {
        int nPanels = (n + NR - 1) / NR;
        int k0 = p / Gemm.KC * Gemm.KC;
        int kc = Math.min(Gemm.KC, vocabulary - k0);
        int at = k0 * nPanels * NR + (p - k0) * NR;
        int panelStride = kc * NR;
        for (int jp = 0; jp < nPanels; jp++, at += panelStride) {
            int j0 = jp * NR;
            System.arraycopy(packed, at, c, row + j0, Math.min(NR, n - j0));
        }
    }

    /** {@code dW[:, tokens[r]] += dC[r]} for every row; tokens already checked. */
    void weightGradient(int rows, int n, int vocabulary, int[] tokens, int tokensOffset, float[] dc, int dcOffset,
                        float[] dw, int dwOffset) {
        if (rows == 0 || n == 0) {
            return;
        }
        this.rows = rows;
        this.n = n;
        this.vocabulary = vocabulary;
        this.tokens = tokens;
        this.tokensOffset = tokensOffset;
        this.dc = dc;
        this.dcOffset = dcOffset;
        this.dw = dw;
        this.dwOffset = dwOffset;
        columnTasks = (n + COLUMNS - 1) / COLUMNS;
        int tasks = columnTasks * ((vocabulary + TOKENS - 1) / TOKENS);
        pool.run(gradientJob, tasks, (long) rows * n >= PARALLEL_ELEMENTS && pool.threads() > 1 && tasks > 1);
        this.tokens = null;
        this.dc = null;
        this.dw = null;
    }

    private void gradientTask(int task, int worker) {
        int j0 = task % columnTasks * COLUMNS;
        int width = Math.min(COLUMNS, n - j0);
        int v0 = task / columnTasks * TOKENS;
        int count = Math.min(TOKENS, vocabulary - v0);
        float[] block = scratch[worker];
        java.util.Arrays.fill(block, 0, count * COLUMNS, 0f);
        // block[v][j] accumulates the rows of token v0 + v, in row order
        for (int r = 0; r < rows; r++) {
            int v = tokens[tokensOffset + r] - v0;
            if (v >= 0 && v < count) {
                VectorOps.addTo(dc, dcOffset + r * n + j0, block, v * COLUMNS, width);
            }
        }
        for (int j = 0; j < width; j++) {
            int at = dwOffset + (j0 + j) * vocabulary + v0;
            for (int v = 0; v < count; v++) {
                dw[at + v] += block[v * COLUMNS + j];
            }
        }
    }
}
