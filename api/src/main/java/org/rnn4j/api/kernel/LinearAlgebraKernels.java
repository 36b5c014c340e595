package org.rnn4j.api.kernel;

import org.rnn4j.api.tensor.Tensor;

/**
 * Matrix products and the row/column broadcasts that surround them.
 *
 * <p>Matrices are row-major views into tensors: element {@code (i, j)} of a matrix with offset
 * {@code off} and leading dimension {@code ld} is element {@code off + i * ld + j}. A leading
 * dimension larger than the row length selects a column block, e.g. the {@code n} gate of a
 * {@code [B, 3H]} GRU block is offset {@code 2H}, leading dimension {@code 3H}.
 *
 * <pre>{@code
 * // all input projections of a [T, B, I] sequence at once: gates[T*B, 4H] = x . W_ih^T
 * backend.gemm(false, true, T * B, 4 * H, I, 1f, x, 0, I, wIh, 0, I, 0f, gates, 0, 4 * H);
 * }</pre>
 */
public interface LinearAlgebraKernels {

    /**
     * {@code C = alpha * op(A) * op(B) + beta * C} with {@code op(A)} of {@code m x k},
     * {@code op(B)} of {@code k x n} and {@code C} of {@code m x n}.
     *
     * <p>When {@code transA} is false {@code A} is stored as {@code m x k} (leading dimension
     * {@code lda >= k}); when true it is stored as {@code k x m} ({@code lda >= m}). Likewise for
     * {@code B}. When {@code beta == 0} the old contents of {@code C} are ignored, even NaN.
     * {@code C} must not overlap {@code A} or {@code B}.
     */
    void gemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
              Tensor a, int aOffset, int lda,
              Tensor b, int bOffset, int ldb,
              float beta, Tensor c, int cOffset, int ldc);

    /**
     * Copies a {@code rows x cols} matrix between views of possibly different leading
     * dimensions: {@code dst[r][c] = src[r][c]}. This is how the two directions of a
     * bidirectional layer are concatenated into {@code [T, B, 2H]} and split again.
     * The two ranges must not overlap.
     */
    void copyMatrix(int rows, int cols, Tensor src, int srcOffset, int lds, Tensor dst, int dstOffset, int ldd);

    /**
     * Adds a row vector to every row: {@code x[r][c] += v[c]} for a {@code rows x cols} matrix
     * with leading dimension {@code cols}.
     */
    void addRowVector(int rows, int cols, Tensor v, int vOffset, Tensor x, int xOffset);

    /**
     * Column sums: {@code out[c] = beta * out[c] + sum_r x[r][c]} for a {@code rows x cols}
     * matrix with leading dimension {@code cols}. This is a bias gradient over all steps. With
     * {@code beta == 0} the old contents of {@code out} are ignored.
     */
    void sumRows(int rows, int cols, Tensor x, int xOffset, float beta, Tensor out, int outOffset);

    /**
     * The product of one-hot rows with a weight matrix, without the one-hot rows: row {@code r} of
     * {@code C} ({@code rows x n}, contiguous) becomes column {@code tokens[tokensOffset + r]} of
     * {@code W} ({@code n x vocabulary}, contiguous); a negative token gives a zero row. This is
     * {@code gemm(false, true, rows, n, vocabulary, 1, X, 0, vocabulary, W, wOffset, vocabulary, 0, C,
     * cOffset, n)} for the one-hot rows {@code X} of the tokens: the input projection of a recurrent
     * layer fed characters, which a backend may do in {@code rows * n} copies instead of
     * {@code rows * n * vocabulary} multiply-adds (cpu-simd does; cuda multiplies). A token
     * {@code >= vocabulary} is refused with its position.
     *
     * <pre>{@code
     * // gates[T*B, 4H] = onehot(tokens) . W_ih^T, W_ih of [4H, V]
     * backend.oneHotProduct(T * B, 4 * H, V, tokens, 0, wIh, 0, gates, 0);
     * }</pre>
     */
    void oneHotProduct(int rows, int n, int vocabulary, int[] tokens, int tokensOffset,
                       Tensor w, int wOffset, Tensor c, int cOffset);

    /**
     * The weight gradient of {@link #oneHotProduct}, {@code dW += dC^T X}: column
     * {@code tokens[tokensOffset + r]} of {@code dW} ({@code n x vocabulary}, contiguous)
     * accumulates row {@code r} of {@code dC} ({@code rows x n}, contiguous); negative tokens are
     * skipped. This is {@code gemm(true, false, n, vocabulary, rows, 1, dC, dcOffset, n, X, 0,
     * vocabulary, 1, dW, dwOffset, vocabulary)} for the one-hot rows {@code X} of the tokens.
     *
     * <pre>{@code
     * backend.oneHotWeightGradient(T * B, 4 * H, V, tokens, 0, dGates, 0, dWIh, 0);
     * }</pre>
     */
    void oneHotWeightGradient(int rows, int n, int vocabulary, int[] tokens, int tokensOffset,
                              Tensor dc, int dcOffset, Tensor dw, int dwOffset);
}
