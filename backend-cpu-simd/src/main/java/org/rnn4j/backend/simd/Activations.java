package org.rnn4j.backend.simd;

import static org.rnn4j.backend.simd.Lanes.F;
import static org.rnn4j.backend.simd.Lanes.N;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Vectorised activations over array ranges, and their derivatives from the output.
 *
 * <p>One method per function, each naming its operator ({@code TANH}, {@code EXP}) at the call
 * site: a Vector API operator passed as a parameter can lose its intrinsic and run 30x slower
 * (PLATFORM pitfall 8). On x86 the JDK maps these operators to its SVML stubs, which agree with
 * {@code Math.tanh}/{@code Math.exp} to a few float ulps, far inside the kit's transcendental
 * tolerance. Tails shorter than a vector use the scalar functions, computed in double.
 */
final class Activations {

    private Activations() {
    }

    // ---- vector building blocks (inlined into the kernels) ------------------------------

    static FloatVector sigmoid(FloatVector x) {
        // 1 / (1 + e^-x): exp overflows to +inf for x < -88, giving exactly 0, as it should.
        return FloatVector.broadcast(F, 1f).div(x.neg().lanewise(VectorOperators.EXP).add(1f));
    }

    static FloatVector tanh(FloatVector x) {
        return x.lanewise(VectorOperators.TANH);
    }

    static float sigmoid(float x) {
        return (float) (1.0 / (1.0 + Math.exp(-x)));
    }

    static float tanh(float x) {
        return (float) Math.tanh(x);
    }

    /** relu with NaN kept: {@code x > 0 ? x : (x <= 0 ? 0 : NaN)}, as the reference. */
    static float relu(float x) {
        return x > 0 ? x : (x <= 0 ? 0f : x);
    }

    // ---- ranges -------------------------------------------------------------------------

    static void tanh(float[] x, int xo, float[] y, int yo, int len) {
        int i = 0;
        for (int bound = Lanes.loopBound(len); i < bound; i += N) {
            tanh(FloatVector.fromArray(F, x, xo + i)).intoArray(y, yo + i);
        }
        for (; i < len; i++) {
            y[yo + i] = tanh(x[xo + i]);
        }
    }

    static void sigmoid(float[] x, int xo, float[] y, int yo, int len) {
        int i = 0;
        for (int bound = Lanes.loopBound(len); i < bound; i += N) {
            sigmoid(FloatVector.fromArray(F, x, xo + i)).intoArray(y, yo + i);
        }
        for (; i < len; i++) {
            y[yo + i] = sigmoid(x[xo + i]);
        }
    }

    static void relu(float[] x, int xo, float[] y, int yo, int len) {
        int i = 0;
        for (int bound = Lanes.loopBound(len); i < bound; i += N) {
            // MAX follows Math.max: NaN stays NaN and -0 becomes +0, as the reference does.
            FloatVector.fromArray(F, x, xo + i).lanewise(VectorOperators.MAX, 0f).intoArray(y, yo + i);
        }
        for (; i < len; i++) {
            y[yo + i] = relu(x[xo + i]);
        }
    }

    /** {@code y = x + bias} then tanh, for the Jordan output. */
    static void tanhWithBias(float[] x, int xo, float[] bias, int bo, float[] y, int yo, int len) {
        int i = 0;
        for (int bound = Lanes.loopBound(len); i < bound; i += N) {
            FloatVector v = FloatVector.fromArray(F, x, xo + i).add(FloatVector.fromArray(F, bias, bo + i));
            tanh(v).intoArray(y, yo + i);
        }
        for (; i < len; i++) {
            y[yo + i] = tanh(x[xo + i] + bias[bo + i]);
        }
    }

    /** {@code y = x + bias}, for the identity Jordan output. */
    static void addBias(float[] x, int xo, float[] bias, int bo, float[] y, int yo, int len) {
        int i = 0;
        for (int bound = Lanes.loopBound(len); i < bound; i += N) {
            FloatVector.fromArray(F, x, xo + i).add(FloatVector.fromArray(F, bias, bo + i)).intoArray(y, yo + i);
        }
        for (; i < len; i++) {
            y[yo + i] = x[xo + i] + bias[bo + i];
        }
    }

    // ---- derivatives from the output: dx = dy * f'(y) + beta * dx -------------------------

    static void tanhBackward(float[] y, int yo, float[] dy, int dyo, float beta, float[] dx, int dxo, int len) {
        int i = 0;
        for (int bound = Lanes.loopBound(len); i < bound; i += N) {
            FloatVector yv = FloatVector.fromArray(F, y, yo + i);
            FloatVector d = yv.neg().fma(yv, FloatVector.broadcast(F, 1f)).mul(FloatVector.fromArray(F, dy, dyo + i)); // (1 - y^2) dy
            accumulate(d, beta, dx, dxo + i);
        }
        for (; i < len; i++) {
            float yv = y[yo + i];
            float d = dy[dyo + i] * Math.fma(-yv, yv, 1f);
            dx[dxo + i] = beta == 0f ? d : d + beta * dx[dxo + i];
        }
    }

    static void sigmoidBackward(float[] y, int yo, float[] dy, int dyo, float beta, float[] dx, int dxo, int len) {
        int i = 0;
        for (int bound = Lanes.loopBound(len); i < bound; i += N) {
            FloatVector yv = FloatVector.fromArray(F, y, yo + i);
            FloatVector d = yv.mul(yv.neg().add(1f)).mul(FloatVector.fromArray(F, dy, dyo + i));
            accumulate(d, beta, dx, dxo + i);
        }
        for (; i < len; i++) {
            float yv = y[yo + i];
            float d = dy[dyo + i] * (yv * (1f - yv));
            dx[dxo + i] = beta == 0f ? d : d + beta * dx[dxo + i];
        }
    }

    static void reluBackward(float[] y, int yo, float[] dy, int dyo, float beta, float[] dx, int dxo, int len) {
        FloatVector zero = FloatVector.zero(F);
        int i = 0;
        for (int bound = Lanes.loopBound(len); i < bound; i += N) {
            FloatVector yv = FloatVector.fromArray(F, y, yo + i);
            FloatVector d = zero.blend(FloatVector.fromArray(F, dy, dyo + i), yv.compare(VectorOperators.GT, 0f));
            accumulate(d, beta, dx, dxo + i);
        }
        for (; i < len; i++) {
            float d = y[yo + i] > 0 ? dy[dyo + i] : 0f;
            dx[dxo + i] = beta == 0f ? d : d + beta * dx[dxo + i];
        }
    }

    static void identityBackward(float[] dy, int dyo, float beta, float[] dx, int dxo, int len) {
        int i = 0;
        for (int bound = Lanes.loopBound(len); i < bound; i += N) {
            accumulate(FloatVector.fromArray(F, dy, dyo + i), beta, dx, dxo + i);
        }
        for (; i < len; i++) {
            float d = dy[dyo + i];
            dx[dxo + i] = beta == 0f ? d : d + beta * dx[dxo + i];
        }
    }

    private static void accumulate(FloatVector d, float beta, float[] dx, int at) {
        if (beta != 0f) {
            d = FloatVector.fromArray(F, dx, at).fma(FloatVector.broadcast(F, beta), d);
        }
        d.intoArray(dx, at);
    }
}
