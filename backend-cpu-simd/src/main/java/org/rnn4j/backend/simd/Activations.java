package org.rnn4j.backend.simd;

import static org.rnn4j.backend.simd.Lanes.F;
import static org.rnn4j.backend.simd.Lanes.N;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import org.rnn4j.api.kernel.Activation;

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
    // Why the exp polynomial is written out inside each range routine instead of a helper that
    // takes and returns a FloatVector: when C2 inlines a range routine into a larger caller and
    // runs out of inlining budget, a vector-valued helper is left as a call and every vector
    // crossing it is boxed on the heap. Routines whose parameters are arrays are safe either way.
    //
    // Why not VectorOperators.EXP/TANH: C2 maps them to the JDK's SVML stubs while the
    // interpreter and C1 compute them lane by lane with Math.exp/tanh, and the two can differ in
    // the last bit, so the same step would give different bits before and after JIT
    // compilation, breaking the determinism contract. These versions use only add, mul, fma,
    // min/max, division and exponent-bit arithmetic, which every tier computes exactly alike; the
    // scalar twins repeat the same operations, so vector lanes and scalar tails agree bit for bit
    // (results therefore do not depend on the vector width either). Accuracy: exp within about 2
    // float ulps (Cephes expf polynomial, Cody-Waite reduction), tanh within a few ulps.
    //
    // Why the range clamp is two compares and two blends and not max(EXP_LO).min(EXP_HI): C2
    // expands each vector max or min into six instructions that order -0 below +0 and carry NaN
    // through; a blend keeps NaN and both zeros just the same (no bound is near them), so the
    // results are the scalar twins' bits still (ActivationsTest), in 4 instructions instead of 12:
    // one LSTM step row of 256 units 2.3 -> 2.1-2.2 ns per unit, sigmoid 0.35 -> 0.33-0.34 ns
    // per element, tanh 0.45-0.50 -> 0.43-0.44 (one thread, JDK 17, alternating builds).

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

    static float sigmoid(float x) {
        return 1f / (exp(-x) + 1f);
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
        return 1f - 2f / (exp(x + x) + 1f);
    }

    /** relu with NaN kept: {@code x > 0 ? x : (x <= 0 ? 0 : NaN)}, as the reference. */
    static float relu(float x) {
        return x > 0 ? x : (x <= 0 ? 0f : x);
    }

    // ---- ranges -------------------------------------------------------------------------

    /**
     * {@code y = tanh(x)}; {@code y} may alias {@code x}. Large |x|: {@code 1 - 2 / (e^{2x} + 1)}, for
     * either sign; small |x|: {@code x + x z P(z)}, {@code z = x^2}.
     *
     * <p>Why not the odd extension (compute from |x|, then blend the sign back in), which is a
     * few ulps more accurate for negative x: with two blends per vector, C2 compiled this method
     * in about half of all JVMs with the final store dispatched through a type profile, failed to
     * intrinsify it, and boxed every vector for the life of the JVM (docs/benchmarks.md, session
     * 10). One blend means fewer inlined Vector API methods and so fewer of their traps summed
     * against {@code -XX:PerMethodTrapLimit}, the actual cause ({@link TrapLimit}, session 11).
     */
    static void tanh(float[] x, int xo, float[] y, int yo, int len) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector log2e = FloatVector.broadcast(F, LOG2E);
        FloatVector round = FloatVector.broadcast(F, ROUND);
        FloatVector ln2Hi = FloatVector.broadcast(F, -LN2_HI);
        FloatVector ln2Lo = FloatVector.broadcast(F, -LN2_LO);
        FloatVector p0 = FloatVector.broadcast(F, P0);
        FloatVector p1 = FloatVector.broadcast(F, P1);
        FloatVector p2 = FloatVector.broadcast(F, P2);
        FloatVector p3 = FloatVector.broadcast(F, P3);
        FloatVector p4 = FloatVector.broadcast(F, P4);
        FloatVector p5 = FloatVector.broadcast(F, P5);
        FloatVector two = FloatVector.broadcast(F, 2f);
        FloatVector t0 = FloatVector.broadcast(F, T0);
        FloatVector t1 = FloatVector.broadcast(F, T1);
        FloatVector t2 = FloatVector.broadcast(F, T2);
        FloatVector t3 = FloatVector.broadcast(F, T3);
        FloatVector t4 = FloatVector.broadcast(F, T4);
        int i = 0;
        for (int bound = Lanes.loopBound(len); i < bound; i += N) {
            FloatVector v = FloatVector.fromArray(F, x, xo + i);
            FloatVector v2 = v.add(v);
            FloatVector xc = v2.blend(EXP_LO, v2.compare(VectorOperators.LT, EXP_LO))
                    .blend(EXP_HI, v2.compare(VectorOperators.GT, EXP_HI));
            FloatVector t = xc.fma(log2e, round);
            FloatVector n = t.sub(round);
            FloatVector r = n.fma(ln2Hi, xc);
            r = n.fma(ln2Lo, r);
            FloatVector p = r.fma(p0, p1);
            p = p.fma(r, p2);
            p = p.fma(r, p3);
            p = p.fma(r, p4);
            p = p.fma(r, p5);
            p = p.fma(r.mul(r), r).add(one);
            FloatVector e = p.mul(t.reinterpretAsInts().sub(ROUND_BITS - 127).lanewise(VectorOperators.LSHL, 23)
                    .reinterpretAsFloats());
            FloatVector big = one.sub(two.div(e.add(one)));
            FloatVector z = v.mul(v);
            FloatVector q = z.fma(t0, t1);
            q = q.fma(z, t2);
            q = q.fma(z, t3);
            q = q.fma(z, t4);
            big.blend(q.mul(z).fma(v, v), v.abs().compare(VectorOperators.LT, TANH_SMALL)).intoArray(y, yo + i);
        }
        for (; i < len; i++) {
            y[yo + i] = tanh(x[xo + i]);
        }
    }

    /** {@code y = sigmoid(x) = 1 / (1 + e^-x)}; {@code y} may alias {@code x}. */
    static void sigmoid(float[] x, int xo, float[] y, int yo, int len) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector log2e = FloatVector.broadcast(F, LOG2E);
        FloatVector round = FloatVector.broadcast(F, ROUND);
        FloatVector ln2Hi = FloatVector.broadcast(F, -LN2_HI);
        FloatVector ln2Lo = FloatVector.broadcast(F, -LN2_LO);
        FloatVector p0 = FloatVector.broadcast(F, P0);
        FloatVector p1 = FloatVector.broadcast(F, P1);
        FloatVector p2 = FloatVector.broadcast(F, P2);
        FloatVector p3 = FloatVector.broadcast(F, P3);
        FloatVector p4 = FloatVector.broadcast(F, P4);
        FloatVector p5 = FloatVector.broadcast(F, P5);
        int i = 0;
        for (int bound = Lanes.loopBound(len); i < bound; i += N) {
            FloatVector v = FloatVector.fromArray(F, x, xo + i).neg();
            FloatVector xc = v.blend(EXP_LO, v.compare(VectorOperators.LT, EXP_LO))
                    .blend(EXP_HI, v.compare(VectorOperators.GT, EXP_HI));
            FloatVector t = xc.fma(log2e, round);
            FloatVector n = t.sub(round);
            FloatVector r = n.fma(ln2Hi, xc);
            r = n.fma(ln2Lo, r);
            FloatVector p = r.fma(p0, p1);
            p = p.fma(r, p2);
            p = p.fma(r, p3);
            p = p.fma(r, p4);
            p = p.fma(r, p5);
            p = p.fma(r.mul(r), r).add(one);
            FloatVector e = p.mul(t.reinterpretAsInts().sub(ROUND_BITS - 127).lanewise(VectorOperators.LSHL, 23)
                    .reinterpretAsFloats());
            one.div(e.add(one)).intoArray(y, yo + i);
        }
        for (; i < len; i++) {
            y[yo + i] = sigmoid(x[xo + i]);
        }
    }

    /**
     * {@code y = exp((x - shift) * scale)} and returns the sum of the {@code y} (vector lanes
     * summed in lane order, then the tail): the exponentials of a softmax.
     */
    static float expShiftedSum(float[] x, int xo, float shift, float scale, float[] y, int yo, int len) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        FloatVector log2e = FloatVector.broadcast(F, LOG2E);
        FloatVector round = FloatVector.broadcast(F, ROUND);
        FloatVector ln2Hi = FloatVector.broadcast(F, -LN2_HI);
        FloatVector ln2Lo = FloatVector.broadcast(F, -LN2_LO);
        FloatVector p0 = FloatVector.broadcast(F, P0);
        FloatVector p1 = FloatVector.broadcast(F, P1);
        FloatVector p2 = FloatVector.broadcast(F, P2);
        FloatVector p3 = FloatVector.broadcast(F, P3);
        FloatVector p4 = FloatVector.broadcast(F, P4);
        FloatVector p5 = FloatVector.broadcast(F, P5);
        FloatVector sh = FloatVector.broadcast(F, shift);
        FloatVector sc = FloatVector.broadcast(F, scale);
        FloatVector acc = FloatVector.zero(F);
        int i = 0;
        for (int bound = Lanes.loopBound(len); i < bound; i += N) {
            FloatVector v = FloatVector.fromArray(F, x, xo + i).sub(sh).mul(sc);
            FloatVector xc = v.blend(EXP_LO, v.compare(VectorOperators.LT, EXP_LO))
                    .blend(EXP_HI, v.compare(VectorOperators.GT, EXP_HI));
            FloatVector t = xc.fma(log2e, round);
            FloatVector n = t.sub(round);
            FloatVector r = n.fma(ln2Hi, xc);
            r = n.fma(ln2Lo, r);
            FloatVector p = r.fma(p0, p1);
            p = p.fma(r, p2);
            p = p.fma(r, p3);
            p = p.fma(r, p4);
            p = p.fma(r, p5);
            p = p.fma(r.mul(r), r).add(one);
            FloatVector e = p.mul(t.reinterpretAsInts().sub(ROUND_BITS - 127).lanewise(VectorOperators.LSHL, 23)
                    .reinterpretAsFloats());
            e.intoArray(y, yo + i);
            acc = acc.add(e);
        }
        float sum = Lanes.sumLanes(acc);
        for (; i < len; i++) {
            float e = exp((x[xo + i] - shift) * scale);
            y[yo + i] = e;
            sum += e;
        }
        return sum;
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
    /**
     * {@code y = tanh(x + r * hn)}: the GRU candidate, with {@code r} at {@code ro} and
     * {@code x} (the input-side n pre-activation) at {@code yo}, overwritten by the result.
     */
    /** {@code y = x + bias} then tanh, for the Jordan output. */
    /** {@code y = sigmoid(a + b)}: a GRU gate from its two pre-activations; y may alias a. */
    static void sigmoidOfSum(float[] a, int ao, float[] b, int bo, float[] y, int yo, int len) {
        VectorOps.add(a, ao, b, bo, y, yo, len);
        sigmoid(y, yo, y, yo, len);
    }

    /**
     * {@code y = tanh(y + r * hn)}: the GRU candidate, {@code y} holding the input-side n
     * pre-activation on entry.
     */
    static void tanhOfFma(float[] r, int ro, float[] hn, int hno, float[] y, int yo, int len) {
        VectorOps.fmaInto(r, ro, hn, hno, y, yo, len);
        tanh(y, yo, y, yo, len);
    }

    /** {@code y = tanh(x + bias)}, for the Jordan output; y may alias x. */
    static void tanhWithBias(float[] x, int xo, float[] bias, int bo, float[] y, int yo, int len) {
        VectorOps.add(x, xo, bias, bo, y, yo, len);
        tanh(y, yo, y, yo, len);
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
            if (beta != 0f) {
                d = FloatVector.fromArray(F, dx, dxo + i).fma(FloatVector.broadcast(F, beta), d);
            }
            d.intoArray(dx, dxo + i);
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
            if (beta != 0f) {
                d = FloatVector.fromArray(F, dx, dxo + i).fma(FloatVector.broadcast(F, beta), d);
            }
            d.intoArray(dx, dxo + i);
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
            if (beta != 0f) {
                d = FloatVector.fromArray(F, dx, dxo + i).fma(FloatVector.broadcast(F, beta), d);
            }
            d.intoArray(dx, dxo + i);
        }
        for (; i < len; i++) {
            float d = y[yo + i] > 0 ? dy[dyo + i] : 0f;
            dx[dxo + i] = beta == 0f ? d : d + beta * dx[dxo + i];
        }
    }

    static void identityBackward(float[] dy, int dyo, float beta, float[] dx, int dxo, int len) {
        int i = 0;
        for (int bound = Lanes.loopBound(len); i < bound; i += N) {
            FloatVector d = FloatVector.fromArray(F, dy, dyo + i);
            if (beta != 0f) {
                d = FloatVector.fromArray(F, dx, dxo + i).fma(FloatVector.broadcast(F, beta), d);
            }
            d.intoArray(dx, dxo + i);
        }
        for (; i < len; i++) {
            float d = dy[dyo + i];
            dx[dxo + i] = beta == 0f ? d : d + beta * dx[dxo + i];
        }
    }

    // ---- by activation --------------------------------------------------------------------

    /** {@code y = act(x)}; y may alias x. */
    static void apply(Activation act, float[] x, int xo, float[] y, int yo, int len) {
        switch (act) {
            case TANH:
                tanh(x, xo, y, yo, len);
                break;
            case SIGMOID:
                sigmoid(x, xo, y, yo, len);
                break;
            case RELU:
                relu(x, xo, y, yo, len);
                break;
            default:
                if (x != y || xo != yo) {
                    System.arraycopy(x, xo, y, yo, len);
                }
        }
    }

    /** {@code dx = dy * act'(y) + beta dx}, from the outputs {@code y}; dx may alias dy. */
    static void applyBackward(Activation act, float[] y, int yo, float[] dy, int dyo, float beta, float[] dx, int dxo,
                              int len) {
        switch (act) {
            case TANH:
                tanhBackward(y, yo, dy, dyo, beta, dx, dxo, len);
                break;
            case SIGMOID:
                sigmoidBackward(y, yo, dy, dyo, beta, dx, dxo, len);
                break;
            case RELU:
                reluBackward(y, yo, dy, dyo, beta, dx, dxo, len);
                break;
            default:
                identityBackward(dy, dyo, beta, dx, dxo, len);
        }
    }
}
