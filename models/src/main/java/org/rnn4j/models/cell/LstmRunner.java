package org.rnn4j.models.cell;

import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.cell.ParameterBinding;
import org.rnn4j.api.tensor.Tensor;

/**
 * LSTM sequence forward and BPTT backward in the cuDNN recipe: one GEMM for the input
 * projections of a chunk of steps, then the chunk's recurrence (per step one GEMM against
 * {@code W_hh} and one fused kernel) as one sequence kernel, so the backend can run the chunk's
 * steps in one job (see {@link RunnerBase#chunkSteps()} for the chunks). A single step on a dense
 * input (a sampled character in a layer above the first) is one step kernel with its projection.
 */
final class LstmRunner extends RunnerBase {

    private final int hidden;
    private final int inputSize;
    private final GateParameters p;

    /** [T, B, 4H]: pre-activations, then activations kept for backward. */
    private final Tensor gates;
    /** [T, B, H]: c_t. */
    private final Tensor cells;
    /** [4H]: b_ih + b_hh, added once for all steps. */
    private final Tensor bias;
    /** [T, B, 4H]: gradients of the pre-activations. */
    private final Tensor dGates;
    /** [B, H]: gradient at h_t, then at h_{t-1}. */
    private final Tensor dh;
    /** [B, H]: gradient at c_t, then at c_{t-1}. */
    private final Tensor dc;

    LstmRunner(LstmCell cell, Backend backend, ParameterBinding params, int maxSteps, int batch) {
        super(cell, backend, params, maxSteps, batch);
        hidden = cell.hiddenSize();
        inputSize = cell.inputSize();
        p = GateParameters.of(params);
        gates = allocate(maxSteps, batch, 4 * hidden);
        cells = allocate(maxSteps, batch, hidden);
        bias = allocate(4 * hidden);
        dGates = allocate(maxSteps, batch, 4 * hidden);
        dh = allocate(batch, hidden);
        dc = allocate(batch, hidden);
    }

    @Override
    protected void forwardSteps(int stepCount) {
        int g4 = 4 * hidden;
        int bh = batch * hidden;
        backend.copy(p.bIh().tensor(), p.bIh().offset(), bias, 0, g4);
        backend.axpby(g4, 1f, p.bHh().tensor(), p.bHh().offset(), 1f, bias, 0);
        if (stepCount == 1 && inputTokens() == null) {
            // One step (sampling a layer above the first): projection and recurrence in one
            // call, which a threaded backend runs as one job (SequenceKernels.lstmStepForward).
            backend.lstmStepForward(batch, inputSize, hidden, input, inputOffset, p.wIh().tensor(), p.wIh().offset(),
                    bias, 0, p.wHh().tensor(), p.wHh().offset(), previousOutput(0), previousOutputOffset(0),
                    previousState(1, cells, 0), previousStateOffset(0, hidden), gates, 0, cells, 0, outputs, 0);
        } else {
            for (int t0 = 0, chunk = chunkSteps(); t0 < stepCount; t0 += chunk) {
                int len = Math.min(chunk, stepCount - t0);
                int r0 = t0 * batch;
                projectInput(r0, len * batch, g4, p.wIh(), gates);
                backend.addRowVector(len * batch, g4, bias, 0, gates, r0 * g4);
                backend.lstmSequenceForward(len, batch, hidden, p.wHh().tensor(), p.wHh().offset(),
                        previousOutput(t0), previousOutputOffset(t0), previousState(1, cells, t0),
                        previousStateOffset(t0, hidden), gates, r0 * g4, cells, t0 * bh, outputs, t0 * bh);
            }
        }
        backend.copy(outputs, (stepCount - 1) * bh, finalState(0), 0, bh);
        backend.copy(cells, (stepCount - 1) * bh, finalState(1), 0, bh);
    }

    @Override
    public void backward(Tensor dx, int dxOffset) {
        beginBackward(dx, dxOffset);
        int g4 = 4 * hidden;
        int bh = batch * hidden;
        backend.copy(finalStateGradient(0), 0, dh, 0, bh);
        backend.copy(finalStateGradient(1), 0, dc, 0, bh);
        backend.lstmSequenceBackward(steps, batch, hidden, p.wHh().tensor(), p.wHh().offset(), initialState(1), 0,
                gates, 0, cells, 0, outputGrads, 0, dh, 0, dc, 0, dGates, 0);
        backend.copy(dh, 0, initialStateGradient(0), 0, bh);
        backend.copy(dc, 0, initialStateGradient(1), 0, bh);
        int rows = steps * batch;
        // The forward-only bias workspace doubles as scratch for the shared bias gradient.
        SequenceGradients.inputSideSharedBias(backend, rows, g4, inputSize, dGates, input, inputOffset,
                inputTokens(), p.wIh(), p.dWIh(), p.dBIh(), p.dBHh(), bias, dx, dxOffset);
        SequenceGradients.stateSide(backend, steps, batch, g4, hidden, dGates, initialState(0), outputs, p.dWHh(), null);
    }
}
