package org.rnn4j.backend.simd;

import static org.rnn4j.backend.simd.Lanes.F;
import static org.rnn4j.backend.simd.Lanes.N;

import jdk.incubator.vector.FloatVector;

/**
 * The fused LSTM and GRU step kernels over one segment {@code [j, j + len)} of one batch row.
 * The caller splits {@code batch x hidden} into fixed segments (see {@link Jobs}), so a
 * segment's result does not depend on the thread that runs it.
 *
 * <p><b>One pass, in blocks.</b> A segment is processed in blocks of {@link #BLOCK} columns; each
 * block runs a few small vector routines one after another (activations in place, then the cell
 * arithmetic) while its ~4 KiB of gates and states sit in L1, so every element still comes from
 * memory once. Why not one loop body doing everything: C2 then exceeds its inlining node budget,
 * leaves a vector helper (tanh) un-inlined, and every vector crossing that call is boxed on the
 * heap (megabytes per step). Routines that take arrays, not vectors, are safe to leave
 * un-inlined.
 *
 * <p>Formulas follow the reference backend (PyTorch's documentation) term by term, in float.
 */
final class RecurrentSteps {

    private RecurrentSteps() {
    }

    /** Columns per block: gates, states and scratch of one block stay in L1. */
    static final int BLOCK = 128;

    /**
     * LSTM forward for one row segment: {@code g} at the row's gate block ({@code 4H} wide), the
     * others at the row's {@code H} block; {@code j} and {@code len} within the row.
     */
    static void lstmForward(int hidden, float[] g, int gRow, float[] cPrev, int cpRow, float[] c, int cRow,
                            float[] h, int hRow, int j, int len) {
        for (int end = j + len; j < end; j += BLOCK) {
            int b = Math.min(BLOCK, end - j);
            int at = gRow + j;
            Activations.sigmoid(g, at, g, at, b);
            Activations.sigmoid(g, at + hidden, g, at + hidden, b);
            Activations.tanh(g, at + 2 * hidden, g, at + 2 * hidden, b);
            Activations.sigmoid(g, at + 3 * hidden, g, at + 3 * hidden, b);
            lstmCell(hidden, g, at, cPrev, cpRow + j, c, cRow + j, b);
            Activations.tanh(c, cRow + j, h, hRow + j, b);
            VectorOps.multiply(g, at + 3 * hidden, h, hRow + j, 0f, h, hRow + j, b);
        }
    }

    /** {@code c = f * cPrev + i * g} over activated gates at {@code at}. */
    private static void lstmCell(int hidden, float[] g, int at, float[] cPrev, int cp, float[] c, int co, int len) {
        int i = 0;
        for (int bound = Lanes.loopBound(len); i < bound; i += N) {
            FloatVector iv = FloatVector.fromArray(F, g, at + i);
            FloatVector f = FloatVector.fromArray(F, g, at + hidden + i);
            FloatVector gg = FloatVector.fromArray(F, g, at + 2 * hidden + i);
            f.mul(FloatVector.fromArray(F, cPrev, cp + i)).add(iv.mul(gg)).intoArray(c, co + i);
        }
        for (; i < len; i++) {
            c[co + i] = g[at + hidden + i] * cPrev[cp + i] + g[at + i] * g[at + 2 * hidden + i];
        }
    }

    /**
     * LSTM backward for one row segment; {@code dcPrev} may alias {@code dc}. {@code tc} is
     * scratch of {@link #BLOCK} floats for {@code tanh(c)}.
     */
    static void lstmBackward(int hidden, float[] g, int gRow, float[] cPrev, int cpRow, float[] c, int cRow,
                             float[] dh, int dhRow, float[] dc, int dcRow, float[] dg, int dgRow,
                             float[] dcPrev, int dcpRow, int j, int len, float[] tc) {
        for (int end = j + len; j < end; j += BLOCK) {
            int b = Math.min(BLOCK, end - j);
            Activations.tanh(c, cRow + j, tc, 0, b);
            lstmBackwardBlock(hidden, g, gRow + j, cPrev, cpRow + j, tc, dh, dhRow + j, dc, dcRow + j, dg, dgRow + j,
                    dcPrev, dcpRow + j, b);
        }
    }

    private static void lstmBackwardBlock(int hidden, float[] g, int at, float[] cPrev, int cp, float[] tcs,
                                          float[] dh, int dho, float[] dc, int dco, float[] dg, int dat,
                                          float[] dcPrev, int dcpo, int len) {
        int h1 = hidden;
        int h2 = 2 * hidden;
        int h3 = 3 * hidden;
        FloatVector one = FloatVector.broadcast(F, 1f);
        int j = 0;
        for (int bound = Lanes.loopBound(len); j < bound; j += N) {
            FloatVector i = FloatVector.fromArray(F, g, at + j);
            FloatVector f = FloatVector.fromArray(F, g, at + h1 + j);
            FloatVector gg = FloatVector.fromArray(F, g, at + h2 + j);
            FloatVector o = FloatVector.fromArray(F, g, at + h3 + j);
            FloatVector tc = FloatVector.fromArray(F, tcs, j);
            FloatVector dhv = FloatVector.fromArray(F, dh, dho + j);
            // dc + dh * o * (1 - tc^2)
            FloatVector dcv = dhv.mul(o).mul(tc.neg().fma(tc, one)).add(FloatVector.fromArray(F, dc, dco + j));
            dcv.mul(gg).mul(i).mul(one.sub(i)).intoArray(dg, dat + j);
            dcv.mul(FloatVector.fromArray(F, cPrev, cp + j)).mul(f).mul(one.sub(f)).intoArray(dg, dat + h1 + j);
            dcv.mul(i).mul(gg.neg().fma(gg, one)).intoArray(dg, dat + h2 + j);
            dhv.mul(tc).mul(o).mul(one.sub(o)).intoArray(dg, dat + h3 + j);
            dcv.mul(f).intoArray(dcPrev, dcpo + j);
        }
        for (; j < len; j++) {
            float i = g[at + j];
            float f = g[at + h1 + j];
            float gg = g[at + h2 + j];
            float o = g[at + h3 + j];
            float tc = tcs[j];
            float dhv = dh[dho + j];
            float dcv = dhv * o * Math.fma(-tc, tc, 1f) + dc[dco + j];
            dg[dat + j] = dcv * gg * i * (1f - i);
            dg[dat + h1 + j] = dcv * cPrev[cp + j] * f * (1f - f);
            dg[dat + h2 + j] = dcv * i * Math.fma(-gg, gg, 1f);
            dg[dat + h3 + j] = dhv * tc * o * (1f - o);
            dcPrev[dcpo + j] = dcv * f;
        }
    }

    /** GRU forward for one row segment: {@code xg}, {@code hg} at the row's {@code 3H} blocks. */
    static void gruForward(int hidden, float[] xg, int xRow, float[] hg, int hRow, float[] hPrev, int hpRow,
                           float[] h, int outRow, int j, int len) {
        for (int end = j + len; j < end; j += BLOCK) {
            int b = Math.min(BLOCK, end - j);
            int xa = xRow + j;
            int ha = hRow + j;
            Activations.sigmoidOfSum(xg, xa, hg, ha, xg, xa, b);
            Activations.sigmoidOfSum(xg, xa + hidden, hg, ha + hidden, xg, xa + hidden, b);
            Activations.tanhOfFma(xg, xa, hg, ha + 2 * hidden, xg, xa + 2 * hidden, b);
            gruOutput(hidden, xg, xa, hPrev, hpRow + j, h, outRow + j, b);
        }
    }

    /** {@code h = (1 - z) n + z hPrev} over activated r, z, n at {@code xa}. */
    private static void gruOutput(int hidden, float[] xg, int xa, float[] hPrev, int hp, float[] h, int ho, int len) {
        FloatVector one = FloatVector.broadcast(F, 1f);
        int j = 0;
        for (int bound = Lanes.loopBound(len); j < bound; j += N) {
            FloatVector z = FloatVector.fromArray(F, xg, xa + hidden + j);
            FloatVector n = FloatVector.fromArray(F, xg, xa + 2 * hidden + j);
            one.sub(z).mul(n).add(z.mul(FloatVector.fromArray(F, hPrev, hp + j))).intoArray(h, ho + j);
        }
        for (; j < len; j++) {
            float z = xg[xa + hidden + j];
            h[ho + j] = (1f - z) * xg[xa + 2 * hidden + j] + z * hPrev[hp + j];
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
