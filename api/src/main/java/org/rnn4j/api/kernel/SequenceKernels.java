package org.rnn4j.api.kernel;

import org.rnn4j.api.tensor.Arguments;
import org.rnn4j.api.tensor.Tensor;

/**
 * The recurrent half of a layer's forward and backward pass, all time steps in one call: the
 * per-step loop of the cuDNN recipe ({@link RecurrentKernels}) handed to the backend whole.
 *
 * <p><b>Why whole sequences.</b> Written as single steps, a layer of 100 steps makes 200 to 300
 * small calls per pass (at batch 64 and hidden 256, a 64 x 1024 x 256 product and a pointwise
 * kernel of tens of microseconds each), and a multi-threaded backend pays a hand-off between
 * threads for every one of them. Given the whole recurrence, a backend can keep its threads
 * inside one job, give each thread a fixed slice of hidden units (their columns of
 * {@code W_hh}, which then stay in that core's cache for all steps) and meet once per step. A
 * GPU backend can do the same with a persistent kernel.
 *
 * <p><b>The defaults are the definition.</b> Each method is defined by its default
 * implementation, a loop over the step kernels and {@link #gemm}; a backend that overrides one
 * must produce the same values within float rounding (the backend test kit compares them with
 * the float64 oracle, which runs these defaults). All blocks are row-major; time-major sequences
 * are {@code [steps, batch, width]}; the input projections and biases of all steps are computed
 * beforehand by the caller, in one GEMM.
 *
 * <pre>{@code
 * // LSTM layer forward: gates = x W_ih^T + b_ih + b_hh for all steps, then the recurrence
 * backend.gemm(false, true, T * B, 4 * H, I, 1f, x, 0, I, wIh, 0, I, 0f, gates, 0, 4 * H);
 * backend.addRowVector(T * B, 4 * H, bias, 0, gates, 0);
 * backend.lstmSequenceForward(T, B, H, wHh, 0, h0, 0, c0, 0, gates, 0, c, 0, h, 0);
 * }</pre>
 */
public interface SequenceKernels extends LinearAlgebraKernels, PointwiseKernels, RecurrentKernels {

    /**
     * LSTM recurrence forward. On entry {@code gates} ({@code [steps, batch, 4*hidden]}) holds
     * {@code x_t W_ih^T + b_ih + b_hh} for every step; {@code wHh} is {@code [4*hidden, hidden]};
     * {@code h0}, {@code c0} are {@code [batch, hidden]}. For {@code t = 0 .. steps-1}: adds
     * {@code h_{t-1} W_hh^T} to {@code gates[t]}, then {@link #lstmForward} writes
     * {@code c[t]} and {@code h[t]} ({@code [steps, batch, hidden]} each) and leaves the
     * activations in {@code gates[t]} for backward.
     */
    default void lstmSequenceForward(int steps, int batch, int hidden, Tensor wHh, int wHhOffset,
                                     Tensor h0, int h0Offset, Tensor c0, int c0Offset,
                                     Tensor gates, int gatesOffset, Tensor c, int cOffset, Tensor h, int hOffset) {
        Arguments.sequenceBlock(steps, batch, hidden, 4);
        Arguments.fits("wHh", wHh, wHhOffset, (long) 4 * hidden * hidden);
        Arguments.fits("gates", gates, gatesOffset, (long) steps * batch * 4 * hidden);
        int g4 = 4 * hidden;
        int bh = batch * hidden;
        for (int t = 0; t < steps; t++) {
            int gOff = gatesOffset + t * batch * g4;
            Tensor hPrev = t == 0 ? h0 : h;
            int hPrevOff = t == 0 ? h0Offset : hOffset + (t - 1) * bh;
            gemm(false, true, batch, g4, hidden, 1f, hPrev, hPrevOff, hidden, wHh, wHhOffset, hidden, 1f, gates, gOff, g4);
            lstmForward(batch, hidden, gates, gOff, t == 0 ? c0 : c, t == 0 ? c0Offset : cOffset + (t - 1) * bh,
                    c, cOffset + t * bh, h, hOffset + t * bh);
        }
    }

    /**
     * One LSTM step together with its input projection, for layers that advance one step per
     * call (batch-1 sampling), where the input projection cannot be done for many steps at once:
     * {@code gates = x W_ih^T} ({@code x} is {@code [batch, inputSize]}, {@code wIh}
     * {@code [4*hidden, inputSize]}), then {@code bias} ({@code [4*hidden]}, {@code b_ih + b_hh})
     * added to every row, then one step of {@link #lstmSequenceForward} from {@code h0},
     * {@code c0}. Writes {@code gates} ({@code [batch, 4*hidden]}, activated), {@code c} and
     * {@code h} ({@code [batch, hidden]}). {@code h} and {@code c} must not overlap {@code x},
     * {@code h0} or {@code c0}.
     *
     * <p>Given both products in one call, a multi-threaded backend can give each thread its
     * hidden units' rows of both weight matrices and the cell update of those units: one hand-off
     * per layer and step instead of one per product and kernel.
     *
     * <pre>{@code
     * // layer 2 of a stack, one sampled character: x is layer 1's new h
     * backend.lstmStepForward(1, H1, H2, h1, 0, wIh, 0, bias, 0, wHh, 0, h2Prev, 0, c2Prev, 0,
     *         gates, 0, c2, 0, h2, 0);
     * }</pre>
     */
    default void lstmStepForward(int batch, int inputSize, int hidden, Tensor x, int xOffset,
                                 Tensor wIh, int wIhOffset, Tensor bias, int biasOffset, Tensor wHh, int wHhOffset,
                                 Tensor h0, int h0Offset, Tensor c0, int c0Offset,
                                 Tensor gates, int gatesOffset, Tensor c, int cOffset, Tensor h, int hOffset) {
        Arguments.sequenceBlock(1, batch, hidden, 4);
        Arguments.nonNegative("inputSize", inputSize);
        int g4 = 4 * hidden;
        gemm(false, true, batch, g4, inputSize, 1f, x, xOffset, inputSize, wIh, wIhOffset, inputSize, 0f,
                gates, gatesOffset, g4);
        addRowVector(batch, g4, bias, biasOffset, gates, gatesOffset);
        lstmSequenceForward(1, batch, hidden, wHh, wHhOffset, h0, h0Offset, c0, c0Offset, gates, gatesOffset,
                c, cOffset, h, hOffset);
    }

    /**
     * LSTM recurrence backward (BPTT through the recurrent path). Inputs: what
     * {@link #lstmSequenceForward} left ({@code gates} activated, {@code c}), {@code c0}, and
     * {@code dOut} ({@code [steps, batch, hidden]}), the gradient arriving at each {@code h_t}
     * from above. On entry {@code dh} and {@code dc} ({@code [batch, hidden]}) hold the gradients
     * at the final state; on return, at the initial state. For {@code t = steps-1 .. 0}:
     * {@code dh += dOut[t]}, {@link #lstmBackward} writes {@code dGates[t]} and
     * {@code dc <- dc_{t-1}}, then {@code dh = dGates[t] W_hh}. {@code dGates}
     * ({@code [steps, batch, 4*hidden]}) is then ready for the weight gradients of all steps.
     */
    default void lstmSequenceBackward(int steps, int batch, int hidden, Tensor wHh, int wHhOffset,
                                      Tensor c0, int c0Offset, Tensor gates, int gatesOffset, Tensor c, int cOffset,
                                      Tensor dOut, int dOutOffset, Tensor dh, int dhOffset, Tensor dc, int dcOffset,
                                      Tensor dGates, int dGatesOffset) {
        Arguments.sequenceBlock(steps, batch, hidden, 4);
        Arguments.fits("wHh", wHh, wHhOffset, (long) 4 * hidden * hidden);
        Arguments.fits("dGates", dGates, dGatesOffset, (long) steps * batch * 4 * hidden);
        int g4 = 4 * hidden;
        int bh = batch * hidden;
        for (int t = steps - 1; t >= 0; t--) {
            int gOff = t * batch * g4;
            axpby(bh, 1f, dOut, dOutOffset + t * bh, 1f, dh, dhOffset);
            lstmBackward(batch, hidden, gates, gatesOffset + gOff, t == 0 ? c0 : c,
                    t == 0 ? c0Offset : cOffset + (t - 1) * bh, c, cOffset + t * bh, dh, dhOffset, dc, dcOffset,
                    dGates, dGatesOffset + gOff, dc, dcOffset);
            gemm(false, false, batch, hidden, g4, 1f, dGates, dGatesOffset + gOff, g4, wHh, wHhOffset, hidden,
                    0f, dh, dhOffset, hidden);
        }
    }

    /**
     * GRU recurrence forward. On entry {@code xg} holds {@code x_t W_ih^T + b_ih} and {@code hg}
     * holds {@code b_hh} (or any additive term) in every row, both {@code [steps, batch,
     * 3*hidden]}; {@code wHh} is {@code [3*hidden, hidden]}. For {@code t = 0 .. steps-1}: adds
     * {@code h_{t-1} W_hh^T} to {@code hg[t]}, then {@link #gruForward} writes {@code h[t]} and
     * leaves the activations r, z, n in {@code xg[t]}.
     */
    default void gruSequenceForward(int steps, int batch, int hidden, Tensor wHh, int wHhOffset,
                                    Tensor h0, int h0Offset, Tensor xg, int xgOffset, Tensor hg, int hgOffset,
                                    Tensor h, int hOffset) {
        Arguments.sequenceBlock(steps, batch, hidden, 3);
        Arguments.fits("wHh", wHh, wHhOffset, (long) 3 * hidden * hidden);
        Arguments.fits("hg", hg, hgOffset, (long) steps * batch * 3 * hidden);
        int g3 = 3 * hidden;
        int bh = batch * hidden;
        for (int t = 0; t < steps; t++) {
            int gOff = t * batch * g3;
            Tensor hPrev = t == 0 ? h0 : h;
            int hPrevOff = t == 0 ? h0Offset : hOffset + (t - 1) * bh;
            gemm(false, true, batch, g3, hidden, 1f, hPrev, hPrevOff, hidden, wHh, wHhOffset, hidden,
                    1f, hg, hgOffset + gOff, g3);
            gruForward(batch, hidden, xg, xgOffset + gOff, hg, hgOffset + gOff, hPrev, hPrevOff, h, hOffset + t * bh);
        }
    }

    /**
     * GRU recurrence backward. Inputs: {@code xg}, {@code hg} and {@code h} as left by
     * {@link #gruSequenceForward}, {@code h0}, and {@code dOut}, the gradient arriving at each
     * {@code h_t} from above. {@code dh} holds the gradient at the final state on entry and at
     * {@code h0} on return. For {@code t = steps-1 .. 0}: {@code dh += dOut[t]},
     * {@link #gruBackward} writes {@code dXg[t]}, {@code dHg[t]} and the direct part of
     * {@code dh_{t-1}}, then {@code dh += dHg[t] W_hh}.
     */
    default void gruSequenceBackward(int steps, int batch, int hidden, Tensor wHh, int wHhOffset,
                                     Tensor h0, int h0Offset, Tensor xg, int xgOffset, Tensor hg, int hgOffset,
                                     Tensor h, int hOffset, Tensor dOut, int dOutOffset, Tensor dh, int dhOffset,
                                     Tensor dXg, int dXgOffset, Tensor dHg, int dHgOffset) {
        Arguments.sequenceBlock(steps, batch, hidden, 3);
        Arguments.fits("wHh", wHh, wHhOffset, (long) 3 * hidden * hidden);
        Arguments.fits("dHg", dHg, dHgOffset, (long) steps * batch * 3 * hidden);
        int g3 = 3 * hidden;
        int bh = batch * hidden;
        for (int t = steps - 1; t >= 0; t--) {
            int gOff = t * batch * g3;
            axpby(bh, 1f, dOut, dOutOffset + t * bh, 1f, dh, dhOffset);
            gruBackward(batch, hidden, xg, xgOffset + gOff, hg, hgOffset + gOff, t == 0 ? h0 : h,
                    t == 0 ? h0Offset : hOffset + (t - 1) * bh, dh, dhOffset, dXg, dXgOffset + gOff,
                    dHg, dHgOffset + gOff, dh, dhOffset);
            gemm(false, false, batch, hidden, g3, 1f, dHg, dHgOffset + gOff, g3, wHh, wHhOffset, hidden,
                    1f, dh, dhOffset, hidden);
        }
    }

    /**
     * Elman recurrence forward. On entry {@code h} ({@code [steps, batch, hidden]}) holds
     * {@code x_t W_ih^T + b_ih + b_hh} for every step; {@code wHh} is {@code [hidden, hidden]}.
     * For {@code t = 0 .. steps-1}: adds {@code h_{t-1} W_hh^T} to {@code h[t]} and applies
     * {@code act} in place ({@link #elmanForward}).
     */
    default void elmanSequenceForward(Activation act, int steps, int batch, int hidden, Tensor wHh, int wHhOffset,
                                      Tensor h0, int h0Offset, Tensor h, int hOffset) {
        Arguments.sequenceBlock(steps, batch, hidden, 1);
        Arguments.fits("wHh", wHh, wHhOffset, (long) hidden * hidden);
        Arguments.fits("h", h, hOffset, (long) steps * batch * hidden);
        int bh = batch * hidden;
        for (int t = 0; t < steps; t++) {
            int at = hOffset + t * bh;
            gemm(false, true, batch, hidden, hidden, 1f, t == 0 ? h0 : h, t == 0 ? h0Offset : at - bh, hidden,
                    wHh, wHhOffset, hidden, 1f, h, at, hidden);
            elmanForward(act, batch, hidden, h, at, h, at);
        }
    }

    /**
     * Elman recurrence backward. Inputs: the outputs {@code h} of {@link #elmanSequenceForward}
     * and {@code dOut}, the gradient arriving at each {@code h_t} from above. {@code dh} holds the
     * gradient at the final state on entry and at {@code h0} on return. For
     * {@code t = steps-1 .. 0}: {@code dh += dOut[t]}, {@code dPre[t] = dh * act'(h[t])}
     * ({@link #elmanBackward}), then {@code dh = dPre[t] W_hh}.
     */
    default void elmanSequenceBackward(Activation act, int steps, int batch, int hidden, Tensor wHh, int wHhOffset,
                                       Tensor h, int hOffset, Tensor dOut, int dOutOffset, Tensor dh, int dhOffset,
                                       Tensor dPre, int dPreOffset) {
        Arguments.sequenceBlock(steps, batch, hidden, 1);
        Arguments.fits("wHh", wHh, wHhOffset, (long) hidden * hidden);
        Arguments.fits("dPre", dPre, dPreOffset, (long) steps * batch * hidden);
        int bh = batch * hidden;
        for (int t = steps - 1; t >= 0; t--) {
            axpby(bh, 1f, dOut, dOutOffset + t * bh, 1f, dh, dhOffset);
            elmanBackward(act, batch, hidden, h, hOffset + t * bh, dh, dhOffset, dPre, dPreOffset + t * bh);
            gemm(false, false, batch, hidden, hidden, 1f, dPre, dPreOffset + t * bh, hidden, wHh, wHhOffset, hidden,
                    0f, dh, dhOffset, hidden);
        }
    }
}
