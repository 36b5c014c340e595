package org.rnn4j.models.cell;

import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.cell.ParameterBinding;
import org.rnn4j.api.kernel.Activation;
import org.rnn4j.api.tensor.Tensor;

/**
 * Elman sequence forward and BPTT backward. The pre-activations are built directly in the
 * output block and activated in place, so the layer needs no gate workspace.
 */
final class ElmanRunner extends RunnerBase {

    private final int hidden;
    private final int inputSize;
    private final Activation act;
    private final GateParameters p;

    private final Tensor bias;
    /** [T, B, H]: gradients of the pre-activations. */
    private final Tensor dPre;
    private final Tensor dh;

    ElmanRunner(ElmanCell cell, Backend backend, ParameterBinding params, int maxSteps, int batch) {
        super(cell, backend, params, maxSteps, batch);
        hidden = cell.hiddenSize();
        inputSize = cell.inputSize();
        act = cell.activation();
        p = GateParameters.of(params);
        bias = allocate(hidden);
        dPre = allocate(maxSteps, batch, hidden);
        dh = allocate(batch, hidden);
    }

    @Override
    protected void forwardSteps(int stepCount) {
        int bh = batch * hidden;
        backend.copy(p.bIh().tensor(), p.bIh().offset(), bias, 0, hidden);
        backend.axpby(hidden, 1f, p.bHh().tensor(), p.bHh().offset(), 1f, bias, 0);
        for (int t0 = 0, chunk = chunkSteps(); t0 < stepCount; t0 += chunk) {
            int len = Math.min(chunk, stepCount - t0);
            int r0 = t0 * batch;
            projectInput(r0, len * batch, hidden, p.wIh(), outputs);
            backend.addRowVector(len * batch, hidden, bias, 0, outputs, r0 * hidden);
            backend.elmanSequenceForward(act, len, batch, hidden, p.wHh().tensor(), p.wHh().offset(),
                    previousOutput(t0), previousOutputOffset(t0), outputs, t0 * bh);
        }
        backend.copy(outputs, (stepCount - 1) * bh, finalState(0), 0, bh);
    }

    @Override
    public void backward(Tensor dx, int dxOffset) {
        beginBackward(dx, dxOffset);
        int bh = batch * hidden;
        backend.copy(finalStateGradient(0), 0, dh, 0, bh);
        backend.elmanSequenceBackward(act, steps, batch, hidden, p.wHh().tensor(), p.wHh().offset(), outputs, 0,
                outputGrads, 0, dh, 0, dPre, 0);
        backend.copy(dh, 0, initialStateGradient(0), 0, bh);
        SequenceGradients.inputSideSharedBias(backend, steps * batch, hidden, inputSize, dPre, input, inputOffset,
                inputTokens(), p.wIh(), p.dWIh(), p.dBIh(), p.dBHh(), bias, dx, dxOffset);
        SequenceGradients.stateSide(backend, steps, batch, hidden, hidden, dPre, initialState(0), outputs, p.dWHh(), null);
    }
}
