package org.rnn4j.core.reference;

import org.rnn4j.api.kernel.AdagradSettings;
import org.rnn4j.api.kernel.AdamSettings;
import org.rnn4j.api.kernel.RmspropSettings;
import org.rnn4j.api.kernel.SgdSettings;

/** Scalar optimiser updates in double precision, following {@code torch.optim} line by line. */
final class OptimizerMath {

    private OptimizerMath() {
    }

    static void sgd(double[] p, double[] g, double[] buf, int off, int len, double lr, boolean first, SgdSettings s) {
        for (int i = off; i < off + len; i++) {
            double d = g[i] + s.weightDecay() * p[i];
            if (s.momentum() != 0) {
                buf[i] = first ? d : s.momentum() * buf[i] + (1 - s.dampening()) * d;
                d = s.nesterov() ? d + s.momentum() * buf[i] : buf[i];
            }
            p[i] -= lr * d;
        }
    }

    static void adam(double[] p, double[] g, double[] m, double[] v, int off, int len, double lr, long step,
                     AdamSettings s) {
        double b1 = s.beta1();
        double b2 = s.beta2();
        double bc1 = 1 - Math.pow(b1, step);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(b2, step));
        double stepSize = lr / bc1;
        for (int i = off; i < off + len; i++) {
            double d = g[i];
            if (s.decoupled()) {
                p[i] *= 1 - lr * s.weightDecay();
            } else {
                d += s.weightDecay() * p[i];
            }
            m[i] = b1 * m[i] + (1 - b1) * d;
            v[i] = b2 * v[i] + (1 - b2) * d * d;
            p[i] -= stepSize * m[i] / (Math.sqrt(v[i]) / bc2Sqrt + s.epsilon());
        }
    }

    static void rmsprop(double[] p, double[] g, double[] sq, double[] buf, int off, int len, double lr,
                        RmspropSettings s) {
        for (int i = off; i < off + len; i++) {
            double d = g[i] + s.weightDecay() * p[i];
            sq[i] = s.alpha() * sq[i] + (1 - s.alpha()) * d * d;
            double avg = Math.sqrt(sq[i]) + s.epsilon();
            if (s.momentum() > 0) {
                buf[i] = s.momentum() * buf[i] + d / avg;
                p[i] -= lr * buf[i];
            } else {
                p[i] -= lr * d / avg;
            }
        }
    }

    static void adagrad(double[] p, double[] g, double[] sum, int off, int len, double lr, AdagradSettings s) {
        for (int i = off; i < off + len; i++) {
            double d = g[i] + s.weightDecay() * p[i];
            sum[i] += d * d;
            p[i] -= lr * d / (Math.sqrt(sum[i]) + s.epsilon());
        }
    }
}
