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
     * <p>The rows are walked once per block of 8 vectors of columns (then 2), each block's sums
     * in registers: a walk reads 512 bytes of every row, where blocks of two vectors read 128
     * bytes per row, one page apart when rows are 4 KiB long, and waited on a TLB miss and an
     * unprefetched line at every row. Two threads, one run of columns each, alternating in one
     * JVM: 6400 x 1024 (an LSTM 256's gate gradients) 1.80 -> 1.15 ms, 6400 x 2048 4.21 -> 2.49,
     * 6400 x 768 (GRU) 0.82 -> 0.69, 6400 x 256 0.24 -> 0.20. Every column's sum is the same, so
     * are the bits.
     *
     * <p>Each sum starts as {@code row0 + 0} and the loop adds rows 1, 2, ...: the same bits as
     * starting from zero. Started from {@code FloatVector.zero} and carried through the loop,
     * the sums reached the stores after it with a vector class C2 could not always pin down: in
     * some JVMs it left {@code intoArray} uncompiled and boxed every sum vector (96 bytes each,
     * 6 KiB per call for 1024 columns, on JDK 17), the more often the fewer vector calls the JDK
     * had profiled before. The same happened to sums merged from two branches (applying beta or
     * not), and to half the sums of a block of 16 vectors whatever the start. So a block is 8
     * vectors, and it stores its sums into {@code sums} (a per-thread scratch) straight after
     * the loop, where {@link #addSums} applies beta, as the GEMM kernels store into a tile.
     */
    static void sumRows(int rows, int cols, float[] x, int xo, float beta, float[] out, int oo, int c0, int width,
                        float[] sums) {
        int c = c0;
        int end = c0 + width;
        if (rows == 0) {
            for (; c < end; c++) {
                out[oo + c] = beta == 0f ? 0f : beta * out[oo + c] + 0f;
            }
            return;
        }
        for (; c + 8 * N <= end; c += 8 * N) {
            sumRows8(rows, cols, x, xo + c, sums);
            addSums(8 * N, sums, beta, out, oo + c);
        }
        for (; c + 2 * N <= end; c += 2 * N) {
            sumRows2(rows, cols, x, xo + c, sums);
            addSums(2 * N, sums, beta, out, oo + c);
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

    /** The column sums of the 8 vectors of columns at {@code x[at]}, into {@code sums[0, 8 N)}. */
    private static void sumRows8(int rows, int cols, float[] x, int at, float[] sums) {
        FloatVector z = FloatVector.zero(F);
        FloatVector s0 = FloatVector.fromArray(F, x, at).add(z);
        FloatVector s1 = FloatVector.fromArray(F, x, at + N).add(z);
        FloatVector s2 = FloatVector.fromArray(F, x, at + 2 * N).add(z);
        FloatVector s3 = FloatVector.fromArray(F, x, at + 3 * N).add(z);
        FloatVector s4 = FloatVector.fromArray(F, x, at + 4 * N).add(z);
        FloatVector s5 = FloatVector.fromArray(F, x, at + 5 * N).add(z);
        FloatVector s6 = FloatVector.fromArray(F, x, at + 6 * N).add(z);
        FloatVector s7 = FloatVector.fromArray(F, x, at + 7 * N).add(z);
        at += cols;
        for (int r = 1; r < rows; r++, at += cols) {
            s0 = FloatVector.fromArray(F, x, at).add(s0);
            s1 = FloatVector.fromArray(F, x, at + N).add(s1);
            s2 = FloatVector.fromArray(F, x, at + 2 * N).add(s2);
            s3 = FloatVector.fromArray(F, x, at + 3 * N).add(s3);
            s4 = FloatVector.fromArray(F, x, at + 4 * N).add(s4);
            s5 = FloatVector.fromArray(F, x, at + 5 * N).add(s5);
            s6 = FloatVector.fromArray(F, x, at + 6 * N).add(s6);
            s7 = FloatVector.fromArray(F, x, at + 7 * N).add(s7);
        }
        s0.intoArray(sums, 0);
        s1.intoArray(sums, N);
        s2.intoArray(sums, 2 * N);
        s3.intoArray(sums, 3 * N);
        s4.intoArray(sums, 4 * N);
        s5.intoArray(sums, 5 * N);
        s6.intoArray(sums, 6 * N);
        s7.intoArray(sums, 7 * N);
    }

    /** The column sums of the 2 vectors of columns at {@code x[at]}, into {@code sums[0, 2 N)}. */
    private static void sumRows2(int rows, int cols, float[] x, int at, float[] sums) {
        FloatVector z = FloatVector.zero(F);
        FloatVector s0 = FloatVector.fromArray(F, x, at).add(z);
        FloatVector s1 = FloatVector.fromArray(F, x, at + N).add(z);
        at += cols;
        for (int r = 1; r < rows; r++, at += cols) {
            s0 = FloatVector.fromArray(F, x, at).add(s0);
            s1 = FloatVector.fromArray(F, x, at + N).add(s1);
        }
        s0.intoArray(sums, 0);
        s1.intoArray(sums, N);
    }

    /**
     * {@code out[o + i] = beta out[o + i] + sums[i]} for {@code i < n}: the same fused multiply-add
     * as the vector code, in scalar code, which has no vector for C2 to box (a few hundred
     * elements per block, against the block's walk over every row).
     */
    private static void addSums(int n, float[] sums, float beta, float[] out, int o) {
        if (beta == 0f) {
            System.arraycopy(sums, 0, out, o, n);
            return;
        }
        for (int i = 0; i < n; i++) {
            out[o + i] = Math.fma(out[o + i], beta, sums[i]);
        }
    }
}
