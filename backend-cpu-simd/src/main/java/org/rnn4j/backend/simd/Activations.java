package org.rnn4j.backend.simd;

import static org.rnn4j.backend.simd.Lanes.F;
import static org.rnn4j.backend.simd.Lanes.N;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Vectorised activations over array ranges, and their derivatives from the output.
 *
 * <p>One method per function (a Vector API operator passed as a parameter can lose its intrinsic,
 * PLATFORM pitfall 8). exp, sigmoid and tanh are computed here from exactly rounded operations
 * (see the comment on {@code exp}), so every JIT tier, every vector width and the scalar tails
 * give the same bits.
 */
final class Activations {

    private Activations() {
    }

    // ---- exp and tanh from IEEE operations only -------------------------------------------
    //
    // Why not VectorOperators.EXP/TANH: C2 maps them to the JDK's SVML stubs while the
    // interpreter and C1 compute them lane by lane with Math.exp/tanh, and the two can differ in
    // the last bit, so the same step would give different bits before and after JIT
    // compilation, breaking the determinism contract. These versions use only add, mul, fma,
    // min/max, division and exponent-bit arithmetic, which every tier computes exactly alike; the
    // scalar twins repeat the same operations, so vector lanes and scalar tails agree bit for bit
    // (results therefore do not depend on the vector width either). Accuracy: exp within about 2
    // float ulps (Cephes expf polynomial, Cody-Waite reduction), tanh within a few ulps.

    private static final float EXP_HI = 88.72283f;
    private static final float EXP_LO = -87.33654f;
    private static final float LOG2E = 1.44269504088896341f;
    /** 1.5 * 2^23: adding it rounds a float in [-2^22, 2^22] to an integer in the low mantissa bits. */
    private static final float ROUND = 12582912f;
    private static final int ROUND_BITS = Float.floatToRawIntBits(ROUND);
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    private static final float P0 = 1.9875691500e-4f;
    private static final float P1 = 1.3981999507e-3f;
    private static final float P2 = 8.3334519073e-3f;
    private static final float P3 = 4.1665795894e-2f;
    private static final float P4 = 1.6666665459e-1f;
    private static final float P5 = 5.0000001201e-1f;
    /** Below this |x| tanh uses its odd polynomial, where 1 - 2/(e^2x + 1) would cancel. */
    private static final float TANH_SMALL = 0.625f;
    private static final float T0 = -5.70498872745e-3f;
    private static final float T1 = 2.06390887954e-2f;
    private static final float T2 = -5.37397155531e-2f;
    private static final float T3 = 1.33314422036e-1f;
    private static final float T4 = -3.33332819422e-1f;

    static FloatVector exp(FloatVector x) {
        FloatVector xc = x.max(EXP_LO).min(EXP_HI);
        FloatVector t = xc.fma(FloatVector.broadcast(F, LOG2E), FloatVector.broadcast(F, ROUND));
        FloatVector n = t.sub(ROUND);
        FloatVector r = n.fma(FloatVector.broadcast(F, -LN2_HI), xc);
        r = n.fma(FloatVector.broadcast(F, -LN2_LO), r);
        FloatVector p = r.fma(FloatVector.broadcast(F, P0), FloatVector.broadcast(F, P1));
        p = p.fma(r, FloatVector.broadcast(F, P2));
        p = p.fma(r, FloatVector.broadcast(F, P3));
        p = p.fma(r, FloatVector.broadcast(F, P4));
        p = p.fma(r, FloatVector.broadcast(F, P5));
        p = p.fma(r.mul(r), r).add(1f);
        // 2^n from the exponent bits: t holds n in its low mantissa bits (the ROUND trick), so
        // the integer t_bits - ROUND_BITS + 127, shifted into the exponent field, is 2^n. Only
        // bit reinterpretations: a float-to-int conversion (F2I) is not an intrinsic on JDK 17
        // and would box every vector.
        FloatVector scale = t.reinterpretAsInts().sub(ROUND_BITS - 127).lanewise(VectorOperators.LSHL, 23)
                .reinterpretAsFloats();
        return p.mul(scale);
    }

    static float exp(float x) {
        float xc = Math.min(Math.max(x, EXP_LO), EXP_HI);
        float t = Math.fma(xc, LOG2E, ROUND);
        float n = t - ROUND;
        float r = Math.fma(n, -LN2_HI, xc);
        r = Math.fma(n, -LN2_LO, r);
        float p = Math.fma(r, P0, P1);
        p = Math.fma(p, r, P2);
        p = Math.fma(p, r, P3);
        p = Math.fma(p, r, P4);
        p = Math.fma(p, r, P5);
        p = Math.fma(p, r * r, r) + 1f;
        float scale = Float.intBitsToFloat((Float.floatToRawIntBits(t) - (ROUND_BITS - 127)) << 23);
        return p * scale;
    }

    static FloatVector sigmoid(FloatVector x) {
        // 1 / (1 + e^-x): e^-x is +inf (or huge) for x << 0, giving 0, as it should.
        return FloatVector.broadcast(F, 1f).div(exp(x.neg()).add(1f));
    }

    static float sigmoid(float x) {
        return 1f / (exp(-x) + 1f);
    }

    static FloatVector tanh(FloatVector x) {
        FloatVector ax = x.abs();
        // large |x|: 1 - 2 / (e^{2|x|} + 1), sign restored
        FloatVector big = FloatVector.broadcast(F, 1f).sub(FloatVector.broadcast(F, 2f).div(exp(ax.add(ax)).add(1f)));
        big = big.blend(big.neg(), x.compare(VectorOperators.LT, 0f));
        // small |x|: x + x z P(z), z = x^2
        FloatVector z = x.mul(x);
        FloatVector p = z.fma(FloatVector.broadcast(F, T0), FloatVector.broadcast(F, T1));
        p = p.fma(z, FloatVector.broadcast(F, T2));
        p = p.fma(z, FloatVector.broadcast(F, T3));
        p = p.fma(z, FloatVector.broadcast(F, T4));
        FloatVector small = p.mul(z).fma(x, x);
        return big.blend(small, ax.compare(VectorOperators.LT, TANH_SMALL));
    }

    static float tanh(float x) {
        float ax = Math.abs(x);
        if (ax < TANH_SMALL) {
            float z = x * x;
            float p = Math.fma(z, T0, T1);
            p = Math.fma(p, z, T2);
            p = Math.fma(p, z, T3);
            p = Math.fma(p, z, T4);
            return Math.fma(p * z, x, x);
        }
        return Math.copySign(1f - 2f / (exp(ax + ax) + 1f), x);
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

    /** {@code y = sigmoid(a + b)}: a GRU gate from its two pre-activations. */
    static void sigmoidOfSum(float[] a, int ao, float[] b, int bo, float[] y, int yo, int len) {
        int i = 0;
        for (int bound = Lanes.loopBound(len); i < bound; i += N) {
            sigmoid(FloatVector.fromArray(F, a, ao + i).add(FloatVector.fromArray(F, b, bo + i))).intoArray(y, yo + i);
        }
        for (; i < len; i++) {
            y[yo + i] = sigmoid(a[ao + i] + b[bo + i]);
        }
    }

    /**
     * {@code y = tanh(x + r * hn)}: the GRU candidate, with {@code r} at {@code ro} and
     * {@code x} (the input-side n pre-activation) at {@code yo}, overwritten by the result.
     */
    static void tanhOfFma(float[] r, int ro, float[] hn, int hno, float[] y, int yo, int len) {
        int i = 0;
        for (int bound = Lanes.loopBound(len); i < bound; i += N) {
            FloatVector v = FloatVector.fromArray(F, r, ro + i).fma(FloatVector.fromArray(F, hn, hno + i),
                    FloatVector.fromArray(F, y, yo + i));
            tanh(v).intoArray(y, yo + i);
        }
        for (; i < len; i++) {
            y[yo + i] = tanh(Math.fma(r[ro + i], hn[hno + i], y[yo + i]));
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
