package org.rnn4j.backend.simd;

import static org.rnn4j.backend.simd.Lanes.F;
import static org.rnn4j.backend.simd.Lanes.N;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Fused losses and softmax, one row (or one range) at a time. Softmax cross-entropy takes three
 * passes over a row: the maximum; {@code e = exp(x - max)} summed (and stored into the gradient
 * when wanted); then the gradient scaled in place, {@code scale * e / sum}, minus {@code scale} at
 * the target. The target logit is read first, so the gradient may alias the logits.
 */
final class Losses {

    private Losses() {
    }

    private static float max(float[] x, int xo, int len) {
        FloatVector m = FloatVector.broadcast(F, Float.NEGATIVE_INFINITY);
        int i = 0;
        for (int bound = Lanes.loopBound(len); i < bound; i += N) {
            m = m.max(FloatVector.fromArray(F, x, xo + i));
        }
        float max = m.reduceLanes(VectorOperators.MAX);
        for (; i < len; i++) {
            max = Math.max(max, x[xo + i]);
        }
        return max;
    }

    /**
     * {@code sum exp((x - max) * invT)} in blocks of {@link RecurrentSteps#BLOCK}, each term stored
     * into {@code e} (or into {@code scratch} when {@code e} is null). Block sums are added in
     * order, so the sum is the same whether or not the terms are kept.
     */
    private static float expSum(float[] x, int xo, float max, float invT, float[] e, int eo, int len,
                                float[] scratch) {
        float sum = 0f;
        for (int j = 0; j < len; j += RecurrentSteps.BLOCK) {
            int b = Math.min(RecurrentSteps.BLOCK, len - j);
            sum += e != null ? Activations.expShiftedSum(x, xo + j, max, invT, e, eo + j, b)
                    : Activations.expShiftedSum(x, xo + j, max, invT, scratch, 0, b);
        }
        return sum;
    }

    private static void scale(float[] x, int xo, float factor, int len) {
        int i = 0;
        for (int bound = Lanes.loopBound(len); i < bound; i += N) {
            FloatVector.fromArray(F, x, xo + i).mul(factor).intoArray(x, xo + i);
        }
        for (; i < len; i++) {
            x[xo + i] *= factor;
        }
    }

    /**
     * One row of softmax cross-entropy: returns {@code -log softmax(x)[target]}, writes the
     * scaled gradient when {@code d} is not null. The caller handles ignored rows.
     */
    static double crossEntropyRow(int classes, float[] x, int xo, int target, float gradScale, float[] d, int dOff,
                                  float[] scratch) {
        float xt = x[xo + target];
        float max = max(x, xo, classes);
        float sum = expSum(x, xo, max, 1f, d, dOff, classes, scratch);
        double logSum = Math.log(sum) + max;
        if (d != null) {
            scale(d, dOff, gradScale / sum, classes);
            d[dOff + target] -= gradScale;
        }
        return logSum - xt;
    }

    /** One row of {@code softmax(x / temperature)}; {@code p} may alias {@code x}. */
    static void softmaxRow(int classes, float invT, float[] x, int xo, float[] p, int po) {
        float max = max(x, xo, classes);
        float sum = expSum(x, xo, max, invT, p, po, classes, null);
        scale(p, po, 1f / sum, classes);
    }

    /**
     * Squared error over a range: returns {@code sum m (pred - target)^2} (m = 1 without mask),
     * accumulated in float per range; writes {@code gradScale * 2 m (pred - target)} into
     * {@code d} when not null ({@code d} may alias {@code pred}).
     */
    static double squaredError(float[] pred, int po, float[] target, int to, float[] mask, int mo,
                               float gradScale, float[] d, int dOff, int len) {
        FloatVector s = FloatVector.zero(F);
        float g2 = 2f * gradScale;
        int i = 0;
        for (int bound = Lanes.loopBound(len); i < bound; i += N) {
            FloatVector diff = FloatVector.fromArray(F, pred, po + i).sub(FloatVector.fromArray(F, target, to + i));
            FloatVector err = diff;
            if (mask != null) {
                // m == 0 contributes exactly 0, even where pred or target is not finite.
                FloatVector m = FloatVector.fromArray(F, mask, mo + i);
                err = diff.mul(m).blend(0f, m.compare(VectorOperators.EQ, 0f));
            }
            s = err.fma(diff.blend(0f, err.compare(VectorOperators.EQ, 0f)), s);
            if (d != null) {
                err.mul(g2).intoArray(d, dOff + i);
            }
        }
        double sum = Lanes.sumLanes(s);
        for (; i < len; i++) {
            float diff = pred[po + i] - target[to + i];
            float m = mask == null ? 1f : mask[mo + i];
            if (m == 0f) {
                // padding contributes nothing, even when it holds NaN
                if (d != null) {
                    d[dOff + i] = 0f;
                }
                continue;
            }
            float err = m * diff;
            sum += err * diff;
            if (d != null) {
                d[dOff + i] = g2 * err;
            }
        }
        return sum;
    }
}
