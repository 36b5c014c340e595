package org.rnn4j.models.cell;

import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.cell.ParameterBinding;
import org.rnn4j.api.tensor.Tensor;

/**
 * GRU sequence forward and BPTT backward. Unlike the LSTM the two biases cannot be merged
 * ({@code b_hn} sits inside {@code r * (...)}), so input-side and hidden-side pre-activations
 * are kept in two blocks; the hidden side of every step is pre-filled with {@code b_hh} once (row
 * 0 of the bias gathered into every row: one pass over the block, where zeroing it and then adding
 * the bias took two), so each step is still one GEMM and one fused kernel.
 */
final class GruRunner extends RunnerBase {

    private final int hidden;
    private final int inputSize;
    private final GateParameters p;

    /** [T, B, 3H]: x W_ih^T + b_ih, then the activations r, z, n. */
    private final Tensor xg;
    /** [T, B, 3H]: h_{t-1} W_hh^T + b_hh. */
    private final Tensor hg;
    private final Tensor dXg;
    private final Tensor dHg;
    /** [B, H]: gradient at h_t, then at h_{t-1}. */
    private final Tensor dh;
    /** Row 0 of the bias for every row of a chunk: the indices that broadcast {@code b_hh}. */
    private final int[] biasRows;

    GruRunner(GruCell cell, Backend backend, ParameterBinding params, int maxSteps, int batch) {
        super(cell, backend, params, maxSteps, batch);
        hidden = cell.hiddenSize();
        inputSize = cell.inputSize();
        p = GateParameters.of(params);
        xg = allocate(maxSteps, batch, 3 * hidden);
        hg = allocate(maxSteps, batch, 3 * hidden);
        dXg = allocate(maxSteps, batch, 3 * hidden);
        dHg = allocate(maxSteps, batch, 3 * hidden);
        dh = allocate(batch, hidden);
        biasRows = new int[maxSteps * batch];
    }

    @Override
    protected void forwardSteps(int stepCount) {
        int g3 = 3 * hidden;
        int bh = batch * hidden;
        for (int t0 = 0, chunk = chunkSteps(); t0 < stepCount; t0 += chunk) {
            int len = Math.min(chunk, stepCount - t0);
            int r0 = t0 * batch;
            int rows = len * batch;
            projectInput(r0, rows, g3, p.wIh(), xg);
            backend.addRowVector(rows, g3, p.bIh().tensor(), p.bIh().offset(), xg, r0 * g3);
            backend.gatherRows(rows, g3, p.bHh().tensor(), p.bHh().offset(), biasRows, 0, hg, r0 * g3);
            backend.gruSequenceForward(len, batch, hidden, p.wHh().tensor(), p.wHh().offset(), previousOutput(t0),
                    previousOutputOffset(t0), xg, r0 * g3, hg, r0 * g3, outputs, t0 * bh);
        }
        backend.copy(outputs, (stepCount - 1) * bh, finalState(0), 0, bh);
    }

    @Override
    public void backward(Tensor dx, int dxOffset) {
        beginBackward(dx, dxOffset);
        int g3 = 3 * hidden;
        int bh = batch * hidden;
        backend.copy(finalStateGradient(0), 0, dh, 0, bh);
        backend.gruSequenceBackward(steps, batch, hidden, p.wHh().tensor(), p.wHh().offset(), initialState(0), 0,
                xg, 0, hg, 0, outputs, 0, outputGrads, 0, dh, 0, dXg, 0, dHg, 0);
        backend.copy(dh, 0, initialStateGradient(0), 0, bh);
        int rows = steps * batch;
        SequenceGradients.inputSide(backend, rows, g3, inputSize, dXg, input, inputOffset, inputTokens(), p.wIh(),
                p.dWIh(), p.dBIh(), dx, dxOffset);
        SequenceGradients.stateSide(backend, steps, batch, g3, hidden, dHg, initialState(0), outputs, p.dWHh(), p.dBHh());
    }
}
