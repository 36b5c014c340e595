package org.rnn4j.backend.simd;

import static org.rnn4j.backend.simd.Lanes.F;
import static org.rnn4j.backend.simd.Lanes.N;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/** Element-wise arithmetic and the row/column broadcasts, over array ranges. */
final class VectorOps {

    private VectorOps() {
    }

    /** {@code y = alpha x + beta y}, old y ignored when beta is 0. */
    static void axpby(float alpha, float[] x, int xo, float beta, float[] y, int yo, int len) {
        FloatVector a = FloatVector.broadcast(F, alpha);
        FloatVector b = FloatVector.broadcast(F, beta);
        int i = 0;
        int bound = Lanes.loopBound(len);
        if (beta == 0f) {
            for (; i < bound; i += N) {
                FloatVector.fromArray(F, x, xo + i).mul(a).intoArray(y, yo + i);
            }
            for (; i < len; i++) {
                y[yo + i] = alpha * x[xo + i];
            }
        } else {
            for (; i < bound; i += N) {
                FloatVector.fromArray(F, y, yo + i).fma(b, FloatVector.fromArray(F, x, xo + i).mul(a))
                        .intoArray(y, yo + i);
            }
            for (; i < len; i++) {
                y[yo + i] = beta * y[yo + i] + alpha * x[xo + i];
            }
        }
    }

    /** {@code y = a + b}; y may alias a or b. */
    static void add(float[] a, int ao, float[] b, int bo, float[] y, int yo, int len) {
        int i = 0;
        for (int bound = Lanes.loopBound(len); i < bound; i += N) {
            FloatVector.fromArray(F, a, ao + i).add(FloatVector.fromArray(F, b, bo + i)).intoArray(y, yo + i);
        }
        for (; i < len; i++) {
            y[yo + i] = a[ao + i] + b[bo + i];
        }
    }

    /** {@code y = a * b + y} in one rounding (fma). */
    static void fmaInto(float[] a, int ao, float[] b, int bo, float[] y, int yo, int len) {
        int i = 0;
        for (int bound = Lanes.loopBound(len); i < bound; i += N) {
            FloatVector.fromArray(F, a, ao + i).fma(FloatVector.fromArray(F, b, bo + i), FloatVector.fromArray(F, y, yo + i))
                    .intoArray(y, yo + i);
        }
        for (; i < len; i++) {
            y[yo + i] = Math.fma(a[ao + i], b[bo + i], y[yo + i]);
        }
    }

    /** {@code z = x * y + beta z}, old z ignored when beta is 0. */
    static void multiply(float[] x, int xo, float[] y, int yo, float beta, float[] z, int zo, int len) {
        FloatVector b = FloatVector.broadcast(F, beta);
        int i = 0;
        int bound = Lanes.loopBound(len);
        if (beta == 0f) {
            for (; i < bound; i += N) {
                FloatVector.fromArray(F, x, xo + i).mul(FloatVector.fromArray(F, y, yo + i)).intoArray(z, zo + i);
            }
            for (; i < len; i++) {
                z[zo + i] = x[xo + i] * y[yo + i];
            }
        } else {
            for (; i < bound; i += N) {
                FloatVector.fromArray(F, z, zo + i)
                        .fma(b, FloatVector.fromArray(F, x, xo + i).mul(FloatVector.fromArray(F, y, yo + i)))
                        .intoArray(z, zo + i);
            }
            for (; i < len; i++) {
                z[zo + i] = beta * z[zo + i] + x[xo + i] * y[yo + i];
            }
        }
    }

    /** {@code x = min(hi, max(lo, x))}. */
    static void clamp(float lo, float hi, float[] x, int xo, int len) {
        int i = 0;
        for (int bound = Lanes.loopBound(len); i < bound; i += N) {
            FloatVector.fromArray(F, x, xo + i).lanewise(VectorOperators.MAX, lo).lanewise(VectorOperators.MIN, hi)
                    .intoArray(x, xo + i);
        }
        for (; i < len; i++) {
            x[xo + i] = Math.min(hi, Math.max(lo, x[xo + i]));
        }
    }

    /**
     * {@code sum x^2} over a range: four vector accumulators in float (lane-wise order fixed by
     * the range), reduced in a fixed order and returned as double. Callers keep ranges short
     * (one chunk) and add the chunk sums in double, in chunk order.
     */
    static double sumOfSquares(float[] x, int xo, int len) {
        FloatVector s0 = FloatVector.zero(F);
        FloatVector s1 = s0;
        FloatVector s2 = s0;
        FloatVector s3 = s0;
        int i = 0;
        for (int bound = len - len % (4 * N); i < bound; i += 4 * N) {
            FloatVector v0 = FloatVector.fromArray(F, x, xo + i);
            FloatVector v1 = FloatVector.fromArray(F, x, xo + i + N);
            FloatVector v2 = FloatVector.fromArray(F, x, xo + i + 2 * N);
            FloatVector v3 = FloatVector.fromArray(F, x, xo + i + 3 * N);
            s0 = v0.fma(v0, s0);
            s1 = v1.fma(v1, s1);
            s2 = v2.fma(v2, s2);
            s3 = v3.fma(v3, s3);
        }
        double sum = Lanes.sumLanes(s0.add(s1).add(s2.add(s3)));
        for (; i < len; i++) {
            float v = x[xo + i];
            sum += v * v;
        }
        return sum;
    }

    /** Adds {@code v[0, len)} to {@code x[0, len)}: one row of addRowVector. */
    static void addTo(float[] v, int vo, float[] x, int xo, int len) {
        int i = 0;
        for (int bound = Lanes.loopBound(len); i < bound; i += N) {
            FloatVector.fromArray(F, x, xo + i).add(FloatVector.fromArray(F, v, vo + i)).intoArray(x, xo + i);
        }
        for (; i < len; i++) {
            x[xo + i] += v[vo + i];
        }
    }

    /**
     * Column sums of columns {@code [c0, c0 + width)} of a {@code rows x cols} matrix:
     * {@code out[c] = beta out[c] + sum_r x[r][c]}, rows added in order 0, 1, ... in float.
     *
     * <p>The rows are walked once per block of 16 vectors of columns (then 8, then 2), each
     * block's sums in registers: a walk reads 1 KiB of every row, where blocks of two vectors
     * read 128 bytes per row, one page apart when rows are 4 KiB long, and waited on a TLB
     * miss and an unprefetched line at every row (6400 x 1024, an LSTM 256's gate gradients:
     * 1.87 -> 0.72 ms on two threads; every column's sum is the same, so are the bits).
     */
    static void sumRows(int rows, int cols, float[] x, int xo, float beta, float[] out, int oo, int c0, int width) {
        int c = c0;
        int end = c0 + width;
        for (; c + 16 * N <= end; c += 16 * N) {
            sumRows16(rows, cols, x, xo + c, beta, out, oo + c);
        }
        for (; c + 8 * N <= end; c += 8 * N) {
            sumRows8(rows, cols, x, xo + c, beta, out, oo + c);
        }
        for (; c + 2 * N <= end; c += 2 * N) {
            FloatVector s0 = FloatVector.zero(F);
            FloatVector s1 = s0;
            int at = xo + c;
            for (int r = 0; r < rows; r++, at += cols) {
                s0 = s0.add(FloatVector.fromArray(F, x, at));
                s1 = s1.add(FloatVector.fromArray(F, x, at + N));
            }
            if (beta != 0f) {
                FloatVector b = FloatVector.broadcast(F, beta);
                s0 = FloatVector.fromArray(F, out, oo + c).fma(b, s0);
                s1 = FloatVector.fromArray(F, out, oo + c + N).fma(b, s1);
            }
            s0.intoArray(out, oo + c);
            s1.intoArray(out, oo + c + N);
        }
        for (; c < end; c++) {
            float s = 0f;
            int at = xo + c;
            for (int r = 0; r < rows; r++, at += cols) {
                s += x[at];
            }
            out[oo + c] = beta == 0f ? s : beta * out[oo + c] + s;
        }
    }
    /** {@link #sumRows} of the 16 vectors of columns at {@code x[at]}, into {@code out[o]}. */
    private static void sumRows16(int rows, int cols, float[] x, int at, float beta, float[] out, int o) {
        FloatVector s0 = FloatVector.zero(F);
        FloatVector s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
        FloatVector s8 = s0, s9 = s0, s10 = s0, s11 = s0, s12 = s0, s13 = s0, s14 = s0, s15 = s0;
        for (int r = 0; r < rows; r++, at += cols) {
            s0 = s0.add(FloatVector.fromArray(F, x, at));
            s1 = s1.add(FloatVector.fromArray(F, x, at + N));
            s2 = s2.add(FloatVector.fromArray(F, x, at + 2 * N));
            s3 = s3.add(FloatVector.fromArray(F, x, at + 3 * N));
            s4 = s4.add(FloatVector.fromArray(F, x, at + 4 * N));
            s5 = s5.add(FloatVector.fromArray(F, x, at + 5 * N));
            s6 = s6.add(FloatVector.fromArray(F, x, at + 6 * N));
            s7 = s7.add(FloatVector.fromArray(F, x, at + 7 * N));
            s8 = s8.add(FloatVector.fromArray(F, x, at + 8 * N));
            s9 = s9.add(FloatVector.fromArray(F, x, at + 9 * N));
            s10 = s10.add(FloatVector.fromArray(F, x, at + 10 * N));
            s11 = s11.add(FloatVector.fromArray(F, x, at + 11 * N));
            s12 = s12.add(FloatVector.fromArray(F, x, at + 12 * N));
            s13 = s13.add(FloatVector.fromArray(F, x, at + 13 * N));
            s14 = s14.add(FloatVector.fromArray(F, x, at + 14 * N));
            s15 = s15.add(FloatVector.fromArray(F, x, at + 15 * N));
        }
        storeSum(s0, beta, out, o);
        storeSum(s1, beta, out, o + N);
        storeSum(s2, beta, out, o + 2 * N);
        storeSum(s3, beta, out, o + 3 * N);
        storeSum(s4, beta, out, o + 4 * N);
        storeSum(s5, beta, out, o + 5 * N);
        storeSum(s6, beta, out, o + 6 * N);
        storeSum(s7, beta, out, o + 7 * N);
        storeSum(s8, beta, out, o + 8 * N);
        storeSum(s9, beta, out, o + 9 * N);
        storeSum(s10, beta, out, o + 10 * N);
        storeSum(s11, beta, out, o + 11 * N);
        storeSum(s12, beta, out, o + 12 * N);
        storeSum(s13, beta, out, o + 13 * N);
        storeSum(s14, beta, out, o + 14 * N);
        storeSum(s15, beta, out, o + 15 * N);
    }

    /** {@link #sumRows} of the 8 vectors of columns at {@code x[at]}, into {@code out[o]}. */
    private static void sumRows8(int rows, int cols, float[] x, int at, float beta, float[] out, int o) {
        FloatVector s0 = FloatVector.zero(F);
        FloatVector s1 = s0, s2 = s0, s3 = s0, s4 = s0, s5 = s0, s6 = s0, s7 = s0;
        for (int r = 0; r < rows; r++, at += cols) {
            s0 = s0.add(FloatVector.fromArray(F, x, at));
            s1 = s1.add(FloatVector.fromArray(F, x, at + N));
            s2 = s2.add(FloatVector.fromArray(F, x, at + 2 * N));
            s3 = s3.add(FloatVector.fromArray(F, x, at + 3 * N));
            s4 = s4.add(FloatVector.fromArray(F, x, at + 4 * N));
            s5 = s5.add(FloatVector.fromArray(F, x, at + 5 * N));
            s6 = s6.add(FloatVector.fromArray(F, x, at + 6 * N));
            s7 = s7.add(FloatVector.fromArray(F, x, at + 7 * N));
        }
        storeSum(s0, beta, out, o);
        storeSum(s1, beta, out, o + N);
        storeSum(s2, beta, out, o + 2 * N);
        storeSum(s3, beta, out, o + 3 * N);
        storeSum(s4, beta, out, o + 4 * N);
        storeSum(s5, beta, out, o + 5 * N);
        storeSum(s6, beta, out, o + 6 * N);
        storeSum(s7, beta, out, o + 7 * N);
    }

    /** {@code out[o..] = beta * out[o..] + sum} for one vector of column sums. */
    private static void storeSum(FloatVector sum, float beta, float[] out, int o) {
        if (beta != 0f) {
            sum = FloatVector.fromArray(F, out, o).fma(FloatVector.broadcast(F, beta), sum);
        }
        sum.intoArray(out, o);
    }
}
