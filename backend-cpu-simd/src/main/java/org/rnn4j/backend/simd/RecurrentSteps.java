package org.rnn4j.backend.simd;

import static org.rnn4j.backend.simd.Lanes.F;
import static org.rnn4j.backend.simd.Lanes.N;

import jdk.incubator.vector.FloatVector;

/**
 * The fused LSTM and GRU step kernels over one segment {@code [j, j + len)} of one batch row.
 * Each is a single pass: every gate element is loaded once and every output stored once; the
 * caller splits {@code batch x hidden} into fixed segments (see {@link SimdBackend}), so a
 * segment's result does not depend on the thread that runs it.
 *
 * <p>Formulas follow the reference backend (PyTorch's documentation) term by term, in float.
 */
final class RecurrentSteps {

    private RecurrentSteps() {
    }

    /**
     * LSTM forward for row segment: {@code g} at the row's gate block ({@code 4H} wide), the
     * others at the row's {@code H} block; {@code j} and {@code len} within the row.
     */
    static void lstmForward(int hidden, float[] g, int gRow, float[] cPrev, int cpRow, float[] c, int cRow,
                            float[] h, int hRow, int j, int len) {
        int end = j + len;
        int h1 = hidden;
        int h2 = 2 * hidden;
        int h3 = 3 * hidden;
        for (int bound = j + Lanes.loopBound(len); j < bound; j += N) {
            int at = gRow + j;
            FloatVector i = Activations.sigmoid(FloatVector.fromArray(F, g, at));
            FloatVector f = Activations.sigmoid(FloatVector.fromArray(F, g, at + h1));
            FloatVector gg = Activations.tanh(FloatVector.fromArray(F, g, at + h2));
            FloatVector o = Activations.sigmoid(FloatVector.fromArray(F, g, at + h3));
            i.intoArray(g, at);
            f.intoArray(g, at + h1);
            gg.intoArray(g, at + h2);
            o.intoArray(g, at + h3);
            FloatVector cv = f.mul(FloatVector.fromArray(F, cPrev, cpRow + j)).add(i.mul(gg));
            cv.intoArray(c, cRow + j);
            o.mul(Activations.tanh(cv)).intoArray(h, hRow + j);
        }
        for (; j < end; j++) {
            int at = gRow + j;
            float i = Activations.sigmoid(g[at]);
            float f = Activations.sigmoid(g[at + h1]);
            float gg = Activations.tanh(g[at + h2]);
            float o = Activations.sigmoid(g[at + h3]);
            g[at] = i;
            g[at + h1] = f;
            g[at + h2] = gg;
            g[at + h3] = o;
            float cv = f * cPrev[cpRow + j] + i * gg;
            c[cRow + j] = cv;
            h[hRow + j] = o * Activations.tanh(cv);
        }
    }

    /** LSTM backward for one row segment; {@code dcPrev} may alias {@code dc}. */
    static void lstmBackward(int hidden, float[] g, int gRow, float[] cPrev, int cpRow, float[] c, int cRow,
                             float[] dh, int dhRow, float[] dc, int dcRow, float[] dg, int dgRow,
                             float[] dcPrev, int dcpRow, int j, int len) {
        int end = j + len;
        int h1 = hidden;
        int h2 = 2 * hidden;
        int h3 = 3 * hidden;
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int bound = j + Lanes.loopBound(len); j < bound; j += N) {
            int at = gRow + j;
            int dat = dgRow + j;
            FloatVector i = FloatVector.fromArray(F, g, at);
            FloatVector f = FloatVector.fromArray(F, g, at + h1);
            FloatVector gg = FloatVector.fromArray(F, g, at + h2);
            FloatVector o = FloatVector.fromArray(F, g, at + h3);
            FloatVector tc = Activations.tanh(FloatVector.fromArray(F, c, cRow + j));
            FloatVector dhv = FloatVector.fromArray(F, dh, dhRow + j);
            // dc + dh * o * (1 - tc^2)
            FloatVector dcv = dhv.mul(o).mul(tc.neg().fma(tc, one)).add(FloatVector.fromArray(F, dc, dcRow + j));
            dcv.mul(gg).mul(i).mul(one.sub(i)).intoArray(dg, dat);
            dcv.mul(FloatVector.fromArray(F, cPrev, cpRow + j)).mul(f).mul(one.sub(f)).intoArray(dg, dat + h1);
            dcv.mul(i).mul(gg.neg().fma(gg, one)).intoArray(dg, dat + h2);
            dhv.mul(tc).mul(o).mul(one.sub(o)).intoArray(dg, dat + h3);
            dcv.mul(f).intoArray(dcPrev, dcpRow + j);
        }
        for (; j < end; j++) {
            int at = gRow + j;
            int dat = dgRow + j;
            float i = g[at];
            float f = g[at + h1];
            float gg = g[at + h2];
            float o = g[at + h3];
            float tc = Activations.tanh(c[cRow + j]);
            float dhv = dh[dhRow + j];
            float dcv = dhv * o * Math.fma(-tc, tc, 1f) + dc[dcRow + j];
            dg[dat] = dcv * gg * i * (1f - i);
            dg[dat + h1] = dcv * cPrev[cpRow + j] * f * (1f - f);
            dg[dat + h2] = dcv * i * Math.fma(-gg, gg, 1f);
            dg[dat + h3] = dhv * tc * o * (1f - o);
            dcPrev[dcpRow + j] = dcv * f;
        }
    }

    /** GRU forward for one row segment: {@code xg}, {@code hg} at the row's {@code 3H} blocks. */
    static void gruForward(int hidden, float[] xg, int xRow, float[] hg, int hRow, float[] hPrev, int hpRow,
                           float[] h, int outRow, int j, int len) {
        int end = j + len;
        int h1 = hidden;
        int h2 = 2 * hidden;
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int bound = j + Lanes.loopBound(len); j < bound; j += N) {
            int xa = xRow + j;
            int ha = hRow + j;
            FloatVector r = Activations.sigmoid(FloatVector.fromArray(F, xg, xa).add(FloatVector.fromArray(F, hg, ha)));
            FloatVector z = Activations.sigmoid(FloatVector.fromArray(F, xg, xa + h1)
                    .add(FloatVector.fromArray(F, hg, ha + h1)));
            FloatVector n = Activations.tanh(r.fma(FloatVector.fromArray(F, hg, ha + h2),
                    FloatVector.fromArray(F, xg, xa + h2)));
            r.intoArray(xg, xa);
            z.intoArray(xg, xa + h1);
            n.intoArray(xg, xa + h2);
            // (1 - z) n + z hPrev
            one.sub(z).mul(n).add(z.mul(FloatVector.fromArray(F, hPrev, hpRow + j))).intoArray(h, outRow + j);
        }
        for (; j < end; j++) {
            int xa = xRow + j;
            int ha = hRow + j;
            float r = Activations.sigmoid(xg[xa] + hg[ha]);
            float z = Activations.sigmoid(xg[xa + h1] + hg[ha + h1]);
            float n = Activations.tanh(Math.fma(r, hg[ha + h2], xg[xa + h2]));
            xg[xa] = r;
            xg[xa + h1] = z;
            xg[xa + h2] = n;
            h[outRow + j] = (1f - z) * n + z * hPrev[hpRow + j];
        }
    }

    /** GRU backward for one row segment; {@code dhPrev} may alias {@code dh}. */
    static void gruBackward(int hidden, float[] xg, int xRow, float[] hg, int hRow, float[] hPrev, int hpRow,
                            float[] dh, int dhRow, float[] dXg, int dxRow, float[] dHg, int dhgRow,
                            float[] dhPrev, int dhpRow, int j, int len) {
        int end = j + len;
        int h1 = hidden;
        int h2 = 2 * hidden;
        FloatVector one = FloatVector.broadcast(F, 1f);
        for (int bound = j + Lanes.loopBound(len); j < bound; j += N) {
            FloatVector r = FloatVector.fromArray(F, xg, xRow + j);
            FloatVector z = FloatVector.fromArray(F, xg, xRow + h1 + j);
            FloatVector n = FloatVector.fromArray(F, xg, xRow + h2 + j);
            FloatVector hn = FloatVector.fromArray(F, hg, hRow + h2 + j);
            FloatVector dhv = FloatVector.fromArray(F, dh, dhRow + j);
            FloatVector hp = FloatVector.fromArray(F, hPrev, hpRow + j);
            FloatVector dnPre = dhv.mul(one.sub(z)).mul(n.neg().fma(n, one));
            FloatVector dzPre = dhv.mul(hp.sub(n)).mul(z).mul(one.sub(z));
            FloatVector drPre = dnPre.mul(hn).mul(r).mul(one.sub(r));
            drPre.intoArray(dXg, dxRow + j);
            dzPre.intoArray(dXg, dxRow + h1 + j);
            dnPre.intoArray(dXg, dxRow + h2 + j);
            drPre.intoArray(dHg, dhgRow + j);
            dzPre.intoArray(dHg, dhgRow + h1 + j);
            dnPre.mul(r).intoArray(dHg, dhgRow + h2 + j);
            dhv.mul(z).intoArray(dhPrev, dhpRow + j);
        }
        for (; j < end; j++) {
            float r = xg[xRow + j];
            float z = xg[xRow + h1 + j];
            float n = xg[xRow + h2 + j];
            float hn = hg[hRow + h2 + j];
            float dhv = dh[dhRow + j];
            float hp = hPrev[hpRow + j];
            float dnPre = dhv * (1f - z) * Math.fma(-n, n, 1f);
            float dzPre = dhv * (hp - n) * z * (1f - z);
            float drPre = dnPre * hn * r * (1f - r);
            dXg[dxRow + j] = drPre;
            dXg[dxRow + h1 + j] = dzPre;
            dXg[dxRow + h2 + j] = dnPre;
            dHg[dhgRow + j] = drPre;
            dHg[dhgRow + h1 + j] = dzPre;
            dHg[dhgRow + h2 + j] = dnPre * r;
            dhPrev[dhpRow + j] = dhv * z;
        }
    }
}
