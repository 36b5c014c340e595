package org.rnn4j.models.cell;

import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.cell.ParameterBinding;
import org.rnn4j.api.cell.ParameterRef;
import org.rnn4j.api.kernel.Activation;
import org.rnn4j.api.tensor.Tensor;

/**
 * Jordan sequence forward and BPTT backward. Each step has two small GEMMs (feedback into the
 * hidden layer, hidden into the output) because the fed-back state is the output itself.
 */
final class JordanRunner extends RunnerBase {

    private final int hidden;
    private final int inputSize;
    private final int outSize;
    private final Activation act;
    private final ParameterRef wIh;
    private final ParameterRef wYh;
    private final ParameterRef bIh;
    private final ParameterRef bYh;
    private final ParameterRef wHy;
    private final ParameterRef bHy;
    private final ParameterRef dWIh;
    private final ParameterRef dWYh;
    private final ParameterRef dBIh;
    private final ParameterRef dBYh;
    private final ParameterRef dWHy;
    private final ParameterRef dBHy;

    private final Tensor bias;
    /** [T, B, H]: hidden pre-activations, then h_t. */
    private final Tensor hiddenStates;
    /** [T, B, H] and [T, B, O]: gradients of the hidden and output pre-activations. */
    private final Tensor dPre;
    private final Tensor dyPre;
    /** [B, O]: gradient at y_t, then at y_{t-1}; [B, H]: gradient at h_t. */
    private final Tensor dy;
    private final Tensor dh;

    JordanRunner(JordanCell cell, Backend backend, ParameterBinding params, int maxSteps, int batch) {
        super(cell, backend, params, maxSteps, batch);
        hidden = cell.hiddenSize();
        inputSize = cell.inputSize();
        outSize = cell.outputSize();
        act = cell.outputActivation();
        wIh = weight("weight_ih");
        wYh = weight("weight_yh");
        bIh = weight("bias_ih");
        bYh = weight("bias_yh");
        wHy = weight("weight_hy");
        bHy = weight("bias_hy");
        dWIh = gradient("weight_ih");
        dWYh = gradient("weight_yh");
        dBIh = gradient("bias_ih");
        dBYh = gradient("bias_yh");
        dWHy = gradient("weight_hy");
        dBHy = gradient("bias_hy");
        bias = allocate(hidden);
        hiddenStates = allocate(maxSteps, batch, hidden);
        dPre = allocate(maxSteps, batch, hidden);
        dyPre = allocate(maxSteps, batch, outSize);
        dy = allocate(batch, outSize);
        dh = allocate(batch, hidden);
    }

    @Override
    protected void forwardSteps(int stepCount) {
        int bh = batch * hidden;
        int bo = batch * outSize;
        int rows = stepCount * batch;
        backend.copy(bIh.tensor(), bIh.offset(), bias, 0, hidden);
        backend.axpby(hidden, 1f, bYh.tensor(), bYh.offset(), 1f, bias, 0);
        projectInput(rows, hidden, wIh, hiddenStates);
        backend.addRowVector(rows, hidden, bias, 0, hiddenStates, 0);
        for (int t = 0; t < stepCount; t++) {
            backend.gemm(false, true, batch, hidden, outSize, 1f, previousOutput(t), previousOutputOffset(t), outSize,
                    wYh.tensor(), wYh.offset(), outSize, 1f, hiddenStates, t * bh, hidden);
            backend.elmanForward(Activation.TANH, batch, hidden, hiddenStates, t * bh, hiddenStates, t * bh);
            backend.gemm(false, true, batch, outSize, hidden, 1f, hiddenStates, t * bh, hidden,
                    wHy.tensor(), wHy.offset(), hidden, 0f, outputs, t * bo, outSize);
            backend.jordanOutputForward(act, batch, outSize, outputs, t * bo, bHy.tensor(), bHy.offset(),
                    outputs, t * bo);
        }
        backend.copy(outputs, (stepCount - 1) * bo, finalState(0), 0, bo);
    }

    @Override
    public void backward(Tensor dx, int dxOffset) {
        beginBackward(dx, dxOffset);
        int bh = batch * hidden;
        int bo = batch * outSize;
        backend.copy(finalStateGradient(0), 0, dy, 0, bo);
        for (int t = steps - 1; t >= 0; t--) {
            backend.axpby(bo, 1f, outputGrads, t * bo, 1f, dy, 0);
            backend.jordanOutputBackward(act, batch, outSize, outputs, t * bo, dy, 0, dyPre, t * bo);
            backend.gemm(false, false, batch, hidden, outSize, 1f, dyPre, t * bo, outSize, wHy.tensor(), wHy.offset(),
                    hidden, 0f, dh, 0, hidden);
            backend.elmanBackward(Activation.TANH, batch, hidden, hiddenStates, t * bh, dh, 0, dPre, t * bh);
            backend.gemm(false, false, batch, outSize, hidden, 1f, dPre, t * bh, hidden, wYh.tensor(), wYh.offset(),
                    outSize, 0f, dy, 0, outSize);
        }
        backend.copy(dy, 0, initialStateGradient(0), 0, bo);
        int rows = steps * batch;
        SequenceGradients.inputSideSharedBias(backend, rows, hidden, inputSize, dPre, input, inputOffset,
                inputTokens(), wIh, dWIh, dBIh, dBYh, bias, dx, dxOffset);
        SequenceGradients.stateSide(backend, steps, batch, hidden, outSize, dPre, initialState(0), outputs, dWYh, null);
        // Output layer: y_t = act(h_t W_hy^T + b_hy) over all steps at once.
        SequenceGradients.inputSide(backend, rows, outSize, hidden, dyPre, hiddenStates, 0, null, wHy, dWHy, dBHy,
                null, 0);
    }
}
