package org.rnn4j.models.cell;

import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.cell.ParameterRef;
import org.rnn4j.api.tensor.Tensor;

/**
 * The end of every built-in backward pass: weight and bias gradients of all steps at once as a
 * few big GEMMs (the cuDNN recipe), instead of one small product per step.
 */
final class SequenceGradients {

    private SequenceGradients() {
    }

    /**
     * Input side of a layer whose pre-activations are {@code x W^T + b}: accumulates
     * {@code dW += dPre^T x} and {@code db += colsum(dPre)}, and writes {@code dx = dPre W}
     * when {@code dx} is not null. The input {@code x} is the block at {@code xOffset}, or, when
     * {@code tokens} is not null, the one-hot rows of those token ids (then {@code dx} is null).
     *
     * @param rows  {@code steps * batch}
     * @param width pre-activation width ({@code gates * hidden})
     */
    static void inputSide(Backend be, int rows, int width, int inputSize, Tensor dPre,
                          Tensor x, int xOffset, int[] tokens, ParameterRef w, ParameterRef dW, ParameterRef db,
                          Tensor dx, int dxOffset) {
        be.sumRows(rows, width, dPre, 0, 1f, db.tensor(), db.offset());
        products(be, rows, width, inputSize, dPre, x, xOffset, tokens, w, dW, dx, dxOffset);
    }

    /**
     * Like {@link #inputSide}, for layers whose two biases see the same pre-activation gradient
     * (LSTM and Elman's {@code b_ih} and {@code b_hh}, Jordan's {@code b_ih} and {@code b_yh}):
     * the column sum is taken once, into {@code scratch} ({@code >= width} elements), and added
     * to both bias gradients.
     */
    static void inputSideSharedBias(Backend be, int rows, int width, int inputSize, Tensor dPre,
                                    Tensor x, int xOffset, int[] tokens, ParameterRef w, ParameterRef dW,
                                    ParameterRef db, ParameterRef db2, Tensor scratch, Tensor dx, int dxOffset) {
        be.sumRows(rows, width, dPre, 0, 0f, scratch, 0);
        be.axpby(width, 1f, scratch, 0, 1f, db.tensor(), db.offset());
        be.axpby(width, 1f, scratch, 0, 1f, db2.tensor(), db2.offset());
        products(be, rows, width, inputSize, dPre, x, xOffset, tokens, w, dW, dx, dxOffset);
    }

    /** {@code dW += dPre^T x} and, when {@code dx} is not null, {@code dx = dPre W}. */
    private static void products(Backend be, int rows, int width, int inputSize, Tensor dPre, Tensor x, int xOffset,
                                 int[] tokens, ParameterRef w, ParameterRef dW, Tensor dx, int dxOffset) {
        if (tokens != null) {
            // one-hot rows: column tokens[r] of dW takes row r of dPre; they have no gradient
            be.oneHotWeightGradient(rows, width, inputSize, tokens, 0, dPre, 0, dW.tensor(), dW.offset());
            return;
        }
        be.gemm(true, false, width, inputSize, rows, 1f, dPre, 0, width, x, xOffset, inputSize,
                1f, dW.tensor(), dW.offset(), inputSize);
        if (dx != null) {
            be.gemm(false, false, rows, inputSize, width, 1f, dPre, 0, width, w.tensor(), w.offset(), inputSize,
                    0f, dx, dxOffset, inputSize);
        }
    }

    /**
     * Recurrent side: {@code dW += sum_t dPre_t^T s_{t-1}} where {@code s_{-1}} is the initial
     * state and {@code s_t} the stored states of steps {@code 0..steps-2} (two GEMMs, because
     * the initial state lives apart), and {@code db += colsum(dPre)} when {@code db} is not null.
     */
    static void stateSide(Backend be, int steps, int batch, int width, int stateSize, Tensor dPre,
                          Tensor initialState, Tensor states, ParameterRef dW, ParameterRef db) {
        be.gemm(true, false, width, stateSize, batch, 1f, dPre, 0, width, initialState, 0, stateSize,
                1f, dW.tensor(), dW.offset(), stateSize);
        if (steps > 1) {
            be.gemm(true, false, width, stateSize, (steps - 1) * batch, 1f, dPre, batch * width, width,
                    states, 0, stateSize, 1f, dW.tensor(), dW.offset(), stateSize);
        }
        if (db != null) {
            be.sumRows(steps * batch, width, dPre, 0, 1f, db.tensor(), db.offset());
        }
    }
}
