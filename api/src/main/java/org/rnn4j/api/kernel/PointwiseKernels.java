package org.rnn4j.api.kernel;

import org.rnn4j.api.tensor.Tensor;

/**
 * Element-wise kernels over contiguous ranges, plus embedding gather/scatter and dropout masks.
 * These are also the generic kernels that run a user-defined cell on any backend.
 *
 * <p>Unless stated otherwise an output may alias an input of the same offset (in-place use).
 *
 * <pre>{@code
 * backend.activation(Activation.SIGMOID, n, z, 0, z, 0);   // in place
 * backend.multiply(n, a, 0, b, 0, 1f, acc, 0);                // acc += a * b
 * }</pre>
 */
public interface PointwiseKernels {

    /** {@code y[i] = f(x[i])} for {@code i < n}. */
    void activation(Activation f, int n, Tensor x, int xOffset, Tensor y, int yOffset);

    /**
     * {@code dx[i] = dy[i] * f'(y[i]) + beta * dx[i]}, the derivative taken from the OUTPUT
     * {@code y} (see {@link Activation}). With {@code beta == 0} old {@code dx} is ignored.
     */
    void activationBackward(Activation f, int n, Tensor y, int yOffset, Tensor dy, int dyOffset,
                            float beta, Tensor dx, int dxOffset);

    /** {@code y[i] = alpha * x[i] + beta * y[i]}; with {@code beta == 0} old {@code y} is ignored. */
    void axpby(int n, float alpha, Tensor x, int xOffset, float beta, Tensor y, int yOffset);

    /** {@code z[i] = x[i] * y[i] + beta * z[i]}; with {@code beta == 0} old {@code z} is ignored. */
    void multiply(int n, Tensor x, int xOffset, Tensor y, int yOffset, float beta, Tensor z, int zOffset);

    /** {@code x[i] = min(hi, max(lo, x[i]))}: gradient clipping by value. */
    void clamp(int n, float lo, float hi, Tensor x, int xOffset);

    /**
     * {@code sum x[i]^2}, accumulated at least in float32 with a backend-stated summation order;
     * returned as double. The global L2 norm for gradient clipping is its square root.
     */
    double sumOfSquares(int n, Tensor x, int xOffset);

    /**
     * Fills a dropout mask: {@code mask[i] = CounterRandom.dropoutMultiplier(seed, counter + i, p)}
     * for {@code i < n}. Every backend produces the same bits.
     *
     * @param p probability of dropping, in {@code [0, 1)}
     */
    void dropoutMask(int n, float p, long seed, long counter, Tensor mask, int maskOffset);

    /**
     * Embedding lookup: row {@code r} of {@code out} ({@code cols} wide, contiguous) becomes row
     * {@code rows[rowsOffset + r]} of {@code table}; a negative index yields a zero row
     * (padding). {@code count} rows are gathered.
     */
    void gatherRows(int count, int cols, Tensor table, int tableOffset,
                    int[] rows, int rowsOffset, Tensor out, int outOffset);

    /**
     * Embedding gradient: row {@code rows[rowsOffset + r]} of {@code table} accumulates row
     * {@code r} of {@code src}; negative indices are skipped. Repeated indices add up.
     */
    void scatterAddRows(int count, int cols, Tensor src, int srcOffset,
                        int[] rows, int rowsOffset, Tensor table, int tableOffset);
}
