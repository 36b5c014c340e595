// Fused per-time-step kernels of the built-in cells, one thread per (batch row, unit), in
// PyTorch's gate orders (LSTM i, f, g, o; GRU r, z, n). The arithmetic follows the reference
// backend term by term in float.
#pragma once

RNN4J_KERNEL(lstm_forward, int batch, int hidden, float* gates, const float* c_prev, float* c, float* h) {
    int total = batch * hidden;
    RNN4J_GRID_STRIDE(e, total) {
        int b = e / hidden;
        int j = e - b * hidden;
        float* g = gates + b * 4 * hidden;
        float ig = rnn4j_sigmoid(g[j]);
        float fg = rnn4j_sigmoid(g[hidden + j]);
        float gg = tanhf(g[2 * hidden + j]);
        float og = rnn4j_sigmoid(g[3 * hidden + j]);
        g[j] = ig;
        g[hidden + j] = fg;
        g[2 * hidden + j] = gg;
        g[3 * hidden + j] = og;
        float cv = fg * c_prev[e] + ig * gg;
        c[e] = cv;
        h[e] = og * tanhf(cv);
    }
}

RNN4J_KERNEL(lstm_backward, int batch, int hidden, const float* gates, const float* c_prev, const float* c,
             const float* dh, const float* dc, float* d_gates, float* dc_prev) {
    int total = batch * hidden;
    RNN4J_GRID_STRIDE(e, total) {
        int b = e / hidden;
        int j = e - b * hidden;
        const float* g = gates + b * 4 * hidden;
        float* dg = d_gates + b * 4 * hidden;
        float ig = g[j];
        float fg = g[hidden + j];
        float gg = g[2 * hidden + j];
        float og = g[3 * hidden + j];
        float tc = tanhf(c[e]);
        float dhv = dh[e];
        float dcv = dhv * og * fmaf(-tc, tc, 1.0f) + dc[e];
        dg[j] = dcv * gg * ig * (1.0f - ig);
        dg[hidden + j] = dcv * c_prev[e] * fg * (1.0f - fg);
        dg[2 * hidden + j] = dcv * ig * fmaf(-gg, gg, 1.0f);
        dg[3 * hidden + j] = dhv * tc * og * (1.0f - og);
        dc_prev[e] = dcv * fg;  // may alias dc: read above by this same thread
    }
}

RNN4J_KERNEL(gru_forward, int batch, int hidden, float* xg, const float* hg, const float* h_prev, float* h) {
    int total = batch * hidden;
    RNN4J_GRID_STRIDE(e, total) {
        int b = e / hidden;
        int j = e - b * hidden;
        float* x = xg + b * 3 * hidden;
        const float* hh = hg + b * 3 * hidden;
        float r = rnn4j_sigmoid(x[j] + hh[j]);
        float z = rnn4j_sigmoid(x[hidden + j] + hh[hidden + j]);
        float nv = tanhf(x[2 * hidden + j] + r * hh[2 * hidden + j]);
        x[j] = r;
        x[hidden + j] = z;
        x[2 * hidden + j] = nv;
        h[e] = (1.0f - z) * nv + z * h_prev[e];
    }
}

RNN4J_KERNEL(gru_backward, int batch, int hidden, const float* xg, const float* hg, const float* h_prev,
             const float* dh, float* d_xg, float* d_hg, float* dh_prev) {
    int total = batch * hidden;
    RNN4J_GRID_STRIDE(e, total) {
        int b = e / hidden;
        int j = e - b * hidden;
        const float* x = xg + b * 3 * hidden;
        float r = x[j];
        float z = x[hidden + j];
        float nv = x[2 * hidden + j];
        float hn = hg[b * 3 * hidden + 2 * hidden + j];
        float dhv = dh[e];
        float hp = h_prev[e];
        float dn_pre = dhv * (1.0f - z) * fmaf(-nv, nv, 1.0f);
        float dz_pre = dhv * (hp - nv) * z * (1.0f - z);
        float dr_pre = dn_pre * hn * r * (1.0f - r);
        float* dx = d_xg + b * 3 * hidden;
        float* dhg = d_hg + b * 3 * hidden;
        dx[j] = dr_pre;
        dx[hidden + j] = dz_pre;
        dx[2 * hidden + j] = dn_pre;
        dhg[j] = dr_pre;
        dhg[hidden + j] = dz_pre;
        dhg[2 * hidden + j] = dn_pre * r;
        dh_prev[e] = dhv * z;
    }
}

// Jordan output y = act(yPre + bias[col]); the hidden part and all backward steps are the
// generic activation kernels.
RNN4J_KERNEL(jordan_output_forward, int act, int batch, int outputs, const float* y_pre, const float* bias,
             float* y) {
    int total = batch * outputs;
    RNN4J_GRID_STRIDE(e, total) {
        y[e] = rnn4j_activate(act, y_pre[e] + bias[e % outputs]);
    }
}
