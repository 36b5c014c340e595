package org.rnn4j.backend.simd;

import static org.rnn4j.backend.simd.Lanes.F;
import static org.rnn4j.backend.simd.Lanes.N;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;

/**
 * Fused optimiser updates over a range of the flat parameter vector, each one pass that reads
 * every buffer once and writes it once, following {@code torch.optim} (and the reference
 * backend) term by term in float. Scalars derived from the step (bias corrections) are computed
 * once per call in double by the caller.
 */
final class Optimizers {

    private Optimizers() {
    }

    /** SGD with optional momentum / Nesterov; {@code buf} null when momentum is 0. */
    static void sgd(float[] p, float[] g, float[] buf, int off, int len, float lr, boolean first,
                    float momentum, float dampening, boolean nesterov, float wd) {
        FloatVector lrV = FloatVector.broadcast(F, lr);
        FloatVector wdV = FloatVector.broadcast(F, wd);
        FloatVector momV = FloatVector.broadcast(F, momentum);
        FloatVector dampV = FloatVector.broadcast(F, 1f - dampening);
        int i = off;
        int end = off + len;
        for (int bound = off + Lanes.loopBound(len); i < bound; i += N) {
            FloatVector pv = FloatVector.fromArray(F, p, i);
            FloatVector d = pv.fma(wdV, FloatVector.fromArray(F, g, i));
            if (buf != null) {
                FloatVector b = first ? d : FloatVector.fromArray(F, buf, i).fma(momV, d.mul(dampV));
                b.intoArray(buf, i);
                d = nesterov ? b.fma(momV, d) : b;
            }
            pv.sub(d.mul(lrV)).intoArray(p, i);
        }
        for (; i < end; i++) {
            float d = g[i] + wd * p[i];
            if (buf != null) {
                float b = first ? d : momentum * buf[i] + (1f - dampening) * d;
                buf[i] = b;
                d = nesterov ? d + momentum * b : b;
            }
            p[i] -= lr * d;
        }
    }

    /**
     * Adam/AdamW: {@code stepSize = lr / (1 - b1^t)}, {@code bc2Sqrt = sqrt(1 - b2^t)};
     * {@code decay} is {@code 1 - lr wd} for AdamW (1 otherwise), {@code l2} is wd for Adam (0
     * otherwise).
     */
    static void adam(float[] p, float[] g, float[] m, float[] v, int off, int len, float b1, float b2, float eps,
                     float stepSize, float invBc2Sqrt, float decay, float l2) {
        FloatVector b1V = FloatVector.broadcast(F, b1);
        FloatVector b2V = FloatVector.broadcast(F, b2);
        FloatVector c1 = FloatVector.broadcast(F, 1f - b1);
        FloatVector c2 = FloatVector.broadcast(F, 1f - b2);
        FloatVector epsV = FloatVector.broadcast(F, eps);
        FloatVector stepV = FloatVector.broadcast(F, stepSize);
        FloatVector invBc = FloatVector.broadcast(F, invBc2Sqrt);
        FloatVector decayV = FloatVector.broadcast(F, decay);
        FloatVector l2V = FloatVector.broadcast(F, l2);
        int i = off;
        int end = off + len;
        for (int bound = off + Lanes.loopBound(len); i < bound; i += N) {
            FloatVector pv = FloatVector.fromArray(F, p, i).mul(decayV);
            FloatVector d = pv.fma(l2V, FloatVector.fromArray(F, g, i));
            FloatVector mv = FloatVector.fromArray(F, m, i).mul(b1V).add(d.mul(c1));
            FloatVector vv = FloatVector.fromArray(F, v, i).mul(b2V).add(d.mul(d).mul(c2));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            FloatVector denom = vv.lanewise(VectorOperators.SQRT).mul(invBc).add(epsV);
            pv.sub(stepV.mul(mv).div(denom)).intoArray(p, i);
        }
        for (; i < end; i++) {
            float pv = p[i] * decay;
            float d = g[i] + l2 * pv;
            float mv = b1 * m[i] + (1f - b1) * d;
            float vv = b2 * v[i] + (1f - b2) * d * d;
            m[i] = mv;
            v[i] = vv;
            p[i] = pv - stepSize * mv / ((float) Math.sqrt(vv) * invBc2Sqrt + eps);
        }
    }

    /** RMSprop; {@code buf} null when momentum is 0. */
    static void rmsprop(float[] p, float[] g, float[] sq, float[] buf, int off, int len, float lr, float alpha,
                        float eps, float wd, float momentum) {
        FloatVector alphaV = FloatVector.broadcast(F, alpha);
        FloatVector c = FloatVector.broadcast(F, 1f - alpha);
        FloatVector epsV = FloatVector.broadcast(F, eps);
        FloatVector wdV = FloatVector.broadcast(F, wd);
        FloatVector lrV = FloatVector.broadcast(F, lr);
        FloatVector momV = FloatVector.broadcast(F, momentum);
        int i = off;
        int end = off + len;
        for (int bound = off + Lanes.loopBound(len); i < bound; i += N) {
            FloatVector pv = FloatVector.fromArray(F, p, i);
            FloatVector d = pv.fma(wdV, FloatVector.fromArray(F, g, i));
            FloatVector s = FloatVector.fromArray(F, sq, i).mul(alphaV).add(d.mul(d).mul(c));
            s.intoArray(sq, i);
            FloatVector avg = s.lanewise(VectorOperators.SQRT).add(epsV);
            if (buf != null) {
                FloatVector b = FloatVector.fromArray(F, buf, i).fma(momV, d.div(avg));
                b.intoArray(buf, i);
                pv.sub(b.mul(lrV)).intoArray(p, i);
            } else {
                pv.sub(lrV.mul(d).div(avg)).intoArray(p, i);
            }
        }
        for (; i < end; i++) {
            float d = g[i] + wd * p[i];
            float s = alpha * sq[i] + (1f - alpha) * d * d;
            sq[i] = s;
            float avg = (float) Math.sqrt(s) + eps;
            if (buf != null) {
                float b = momentum * buf[i] + d / avg;
                buf[i] = b;
                p[i] -= lr * b;
            } else {
                p[i] -= lr * d / avg;
            }
        }
    }

    /** Adagrad. */
    static void adagrad(float[] p, float[] g, float[] sum, int off, int len, float lr, float eps, float wd) {
        FloatVector epsV = FloatVector.broadcast(F, eps);
        FloatVector wdV = FloatVector.broadcast(F, wd);
        FloatVector lrV = FloatVector.broadcast(F, lr);
        int i = off;
        int end = off + len;
        for (int bound = off + Lanes.loopBound(len); i < bound; i += N) {
            FloatVector pv = FloatVector.fromArray(F, p, i);
            FloatVector d = pv.fma(wdV, FloatVector.fromArray(F, g, i));
            FloatVector s = d.fma(d, FloatVector.fromArray(F, sum, i));
            s.intoArray(sum, i);
            pv.sub(lrV.mul(d).div(s.lanewise(VectorOperators.SQRT).add(epsV))).intoArray(p, i);
        }
        for (; i < end; i++) {
            float d = g[i] + wd * p[i];
            float s = sum[i] + d * d;
            sum[i] = s;
            p[i] -= lr * d / ((float) Math.sqrt(s) + eps);
        }
    }
}
