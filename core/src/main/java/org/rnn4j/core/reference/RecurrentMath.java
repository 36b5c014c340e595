package org.rnn4j.core.reference;

import org.rnn4j.api.kernel.Activation;

/**
 * Scalar implementations of the fused recurrent step kernels, in double precision, on plain
 * arrays. These are the oracles every other backend is tested against, so they follow the
 * equations of PyTorch's documentation line by line rather than any faster formulation.
 */
final class RecurrentMath {

    private RecurrentMath() {
    }

    static void lstmForward(int batch, int hidden, double[] gates, int gOff, double[] cPrev, int cpOff,
                            double[] c, int cOff, double[] h, int hOff) {
        int g4 = 4 * hidden;
        for (int b = 0; b < batch; b++) {
            int base = gOff + b * g4;
            for (int j = 0; j < hidden; j++) {
                double i = Activations.sigmoid(gates[base + j]);
                double f = Activations.sigmoid(gates[base + hidden + j]);
                double g = Math.tanh(gates[base + 2 * hidden + j]);
                double o = Activations.sigmoid(gates[base + 3 * hidden + j]);
                gates[base + j] = i;
                gates[base + hidden + j] = f;
                gates[base + 2 * hidden + j] = g;
                gates[base + 3 * hidden + j] = o;
                double cv = f * cPrev[cpOff + b * hidden + j] + i * g;
                c[cOff + b * hidden + j] = cv;
                h[hOff + b * hidden + j] = o * Math.tanh(cv);
            }
        }
    }

    static void lstmBackward(int batch, int hidden, double[] gates, int gOff, double[] cPrev, int cpOff,
                             double[] c, int cOff, double[] dh, int dhOff, double[] dc, int dcOff,
                             double[] dGates, int dgOff, double[] dcPrev, int dcpOff) {
        int g4 = 4 * hidden;
        for (int b = 0; b < batch; b++) {
            int base = gOff + b * g4;
            int dBase = dgOff + b * g4;
            for (int j = 0; j < hidden; j++) {
                int s = b * hidden + j;
                double i = gates[base + j];
                double f = gates[base + hidden + j];
                double g = gates[base + 2 * hidden + j];
                double o = gates[base + 3 * hidden + j];
                double tc = Math.tanh(c[cOff + s]);
                double dhv = dh[dhOff + s];
                double dcv = dc[dcOff + s] + dhv * o * (1 - tc * tc);
                dGates[dBase + j] = dcv * g * i * (1 - i);
                dGates[dBase + hidden + j] = dcv * cPrev[cpOff + s] * f * (1 - f);
                dGates[dBase + 2 * hidden + j] = dcv * i * (1 - g * g);
                dGates[dBase + 3 * hidden + j] = dhv * tc * o * (1 - o);
                dcPrev[dcpOff + s] = dcv * f;
            }
        }
    }

    static void gruForward(int batch, int hidden, double[] xg, int xgOff, double[] hg, int hgOff,
                           double[] hPrev, int hpOff, double[] h, int hOff) {
        int g3 = 3 * hidden;
        for (int b = 0; b < batch; b++) {
            int xb = xgOff + b * g3;
            int hb = hgOff + b * g3;
            for (int j = 0; j < hidden; j++) {
                double r = Activations.sigmoid(xg[xb + j] + hg[hb + j]);
                double z = Activations.sigmoid(xg[xb + hidden + j] + hg[hb + hidden + j]);
                double n = Math.tanh(xg[xb + 2 * hidden + j] + r * hg[hb + 2 * hidden + j]);
                xg[xb + j] = r;
                xg[xb + hidden + j] = z;
                xg[xb + 2 * hidden + j] = n;
                h[hOff + b * hidden + j] = (1 - z) * n + z * hPrev[hpOff + b * hidden + j];
            }
        }
    }

    static void gruBackward(int batch, int hidden, double[] xg, int xgOff, double[] hg, int hgOff,
                            double[] hPrev, int hpOff, double[] dh, int dhOff, double[] dXg, int dxOff,
                            double[] dHg, int dhgOff, double[] dhPrev, int dhpOff) {
        int g3 = 3 * hidden;
        for (int b = 0; b < batch; b++) {
            int xb = xgOff + b * g3;
            int hb = hgOff + b * g3;
            int dxb = dxOff + b * g3;
            int dhb = dhgOff + b * g3;
            for (int j = 0; j < hidden; j++) {
                int s = b * hidden + j;
                double r = xg[xb + j];
                double z = xg[xb + hidden + j];
                double n = xg[xb + 2 * hidden + j];
                double hn = hg[hb + 2 * hidden + j];
                double dhv = dh[dhOff + s];
                double hp = hPrev[hpOff + s];
                double dnPre = dhv * (1 - z) * (1 - n * n);
                double dzPre = dhv * (hp - n) * z * (1 - z);
                double drPre = dnPre * hn * r * (1 - r);
                dXg[dxb + j] = drPre;
                dXg[dxb + hidden + j] = dzPre;
                dXg[dxb + 2 * hidden + j] = dnPre;
                dHg[dhb + j] = drPre;
                dHg[dhb + hidden + j] = dzPre;
                dHg[dhb + 2 * hidden + j] = dnPre * r;
                dhPrev[dhpOff + s] = dhv * z;
            }
        }
    }

    static void outputActivation(Activation act, int batch, int outputs, double[] yPre, int ypOff,
                                 double[] bias, int bOff, double[] y, int yOff) {
        for (int b = 0; b < batch; b++) {
            for (int o = 0; o < outputs; o++) {
                y[yOff + b * outputs + o] = Activations.apply(act, yPre[ypOff + b * outputs + o] + bias[bOff + o]);
            }
        }
    }
}
