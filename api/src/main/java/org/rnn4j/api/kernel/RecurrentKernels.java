package org.rnn4j.api.kernel;

import org.rnn4j.api.tensor.Tensor;

/**
 * Fused per-time-step kernels of the built-in cells, in PyTorch's conventions.
 *
 * <p>A cell's sequence forward is the cuDNN recipe: one big GEMM for the input projections of all
 * steps (plus biases), then per step one GEMM against the recurrent weights and one call here.
 * Backward runs the steps in reverse through the {@code *Backward} kernels and ends with big
 * GEMMs for the weight gradients of all steps at once. The built-in layers hand the per-step
 * loop to the backend whole, through {@link SequenceKernels}, whose defaults are exactly the loop
 * below.
 *
 * <p>All blocks are contiguous and row-major with {@code batch} rows; an LSTM gate block is
 * {@code [batch, 4*hidden]} in gate order i, f, g, o; a GRU block {@code [batch, 3*hidden]} in
 * order r, z, n.
 *
 * <pre>{@code
 * // one LSTM step t, gates[t] already holding x_t W_ih^T + b_ih + b_hh
 * backend.gemm(false, true, B, 4 * H, H, 1f, h, hPrevOff, H, wHh, 0, H, 1f, gates, gOff, 4 * H);
 * backend.lstmForward(B, H, gates, gOff, c, cPrevOff, c, cOff, h, hOff);
 * }</pre>
 */
public interface RecurrentKernels {

    /**
     * LSTM step. On entry {@code gates} holds the pre-activations
     * {@code W_ih x + b_ih + W_hh h_prev + b_hh}; on return it holds the activations
     * {@code i = sigmoid, f = sigmoid, g = tanh, o = sigmoid} (kept for backward). Writes
     * {@code c = f * cPrev + i * g} and {@code h = o * tanh(c)}.
     */
    void lstmForward(int batch, int hidden, Tensor gates, int gatesOffset,
                     Tensor cPrev, int cPrevOffset, Tensor c, int cOffset, Tensor h, int hOffset);

    /**
     * LSTM step backward. Inputs: the activated {@code gates}, {@code cPrev} and {@code c} from
     * forward; {@code dh}, the whole gradient at {@code h_t}; {@code dc}, the gradient at
     * {@code c_t} arriving from step {@code t+1} (zero for the last step unless the final state
     * has a gradient). Writes the pre-activation gradients {@code dGates} ({@code [batch,
     * 4*hidden]}, also the gradient of both biases) and {@code dcPrev = f * (dc + dh * o *
     * (1 - tanh(c)^2))}. {@code dcPrev} may alias {@code dc}.
     */
    void lstmBackward(int batch, int hidden, Tensor gates, int gatesOffset,
                      Tensor cPrev, int cPrevOffset, Tensor c, int cOffset,
                      Tensor dh, int dhOffset, Tensor dc, int dcOffset,
                      Tensor dGates, int dGatesOffset, Tensor dcPrev, int dcPrevOffset);

    /**
     * GRU step. {@code xg} holds {@code W_ih x + b_ih} and {@code hg} holds
     * {@code W_hh h_prev + b_hh}, both in gate order r, z, n. Computes
     * {@code r = sigmoid(xg_r + hg_r)}, {@code z = sigmoid(xg_z + hg_z)},
     * {@code n = tanh(xg_n + r * hg_n)}, {@code h = (1 - z) * n + z * hPrev}. On return
     * {@code xg} holds the activations r, z, n; {@code hg} is unchanged (backward needs
     * {@code hg_n}).
     */
    void gruForward(int batch, int hidden, Tensor xg, int xgOffset, Tensor hg, int hgOffset,
                    Tensor hPrev, int hPrevOffset, Tensor h, int hOffset);

    /**
     * GRU step backward. Inputs: activations {@code xg} and {@code hg} as left by forward,
     * {@code hPrev}, and {@code dh}, the whole gradient at {@code h_t}. Writes {@code dXg}, the
     * gradient of the input-side pre-activations (also of {@code b_ih}), {@code dHg}, the
     * gradient of the hidden-side pre-activations (also of {@code b_hh}; its n block is
     * {@code dn_pre * r}), and {@code dhPrev = dh * z}, overwriting it: the caller then adds
     * {@code dHg . W_hh}.
     */
    void gruBackward(int batch, int hidden, Tensor xg, int xgOffset, Tensor hg, int hgOffset,
                     Tensor hPrev, int hPrevOffset, Tensor dh, int dhOffset,
                     Tensor dXg, int dXgOffset, Tensor dHg, int dHgOffset,
                     Tensor dhPrev, int dhPrevOffset);

    /**
     * Elman step: {@code h = act(pre)} over a {@code [batch, hidden]} block, where {@code pre}
     * already holds {@code W_ih x + b_ih + W_hh h_prev + b_hh}. {@code act} is TANH or RELU.
     * {@code h} may alias {@code pre}.
     */
    void elmanForward(Activation act, int batch, int hidden, Tensor pre, int preOffset, Tensor h, int hOffset);

    /** Elman step backward: {@code dPre = dh * act'(h)}. {@code dPre} may alias {@code dh}. */
    void elmanBackward(Activation act, int batch, int hidden, Tensor h, int hOffset,
                       Tensor dh, int dhOffset, Tensor dPre, int dPreOffset);

    /**
     * Jordan output: {@code y = act(yPre + b_hy)} over {@code [batch, outputs]}, where
     * {@code yPre = W_hy h}. {@code act} is IDENTITY or TANH. {@code y} may alias {@code yPre}.
     * The hidden part {@code h = tanh(W_ih x + b_ih + W_yh y_prev + b_yh)} is
     * {@link #elmanForward} with TANH.
     */
    void jordanOutputForward(Activation act, int batch, int outputs, Tensor yPre, int yPreOffset,
                             Tensor bias, int biasOffset, Tensor y, int yOffset);

    /**
     * Jordan output backward: {@code dyPre = dy * act'(y)}, the gradient of {@code b_hy} and of
     * {@code W_hy h}. {@code dyPre} may alias {@code dy}.
     */
    void jordanOutputBackward(Activation act, int batch, int outputs, Tensor y, int yOffset,
                              Tensor dy, int dyOffset, Tensor dyPre, int dyPreOffset);
}
