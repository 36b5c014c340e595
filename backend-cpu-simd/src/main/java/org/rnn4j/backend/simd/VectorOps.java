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
     */
    static void sumRows(int rows, int cols, float[] x, int xo, float beta, float[] out, int oo, int c0, int width) {
        int c = c0;
        int end = c0 + width;
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
}
