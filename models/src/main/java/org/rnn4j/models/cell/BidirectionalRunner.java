package org.rnn4j.models.cell;

import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.cell.Cell;
import org.rnn4j.api.cell.CellRunner;
import org.rnn4j.api.tensor.Tensor;

/**
 * Runs a {@link BidirectionalCell}: the reverse direction reads each sequence backwards from its
 * own last step. Reversal is a row gather with a permutation computed from the lengths (an
 * involution, so the same indices reverse the outputs and gradients back), and the directions
 * are joined and split with strided copies: no per-element work crosses the kernel interface.
 */
final class BidirectionalRunner implements CellRunner {

    private final BidirectionalCell cell;
    private final Backend backend;
    private final CellRunner forward;
    private final CellRunner reverse;
    private final int maxSteps;
    private final int batch;
    private final int in;
    private final int out;
    private final int innerStates;
    private final Tensor outputs;
    private final Tensor outputGrads;
    /** [T, B, in]: the reversed input, kept from forward for the reverse weight gradients. */
    private final Tensor reversedInput;
    /** [T, B, out]: reverse-direction outputs and gradients on their way in and out of reverse order. */
    private final Tensor scratch;
    /** [T, B, in]: the reverse direction's input gradient, in reverse order. */
    private final Tensor reversedGradient;
    private final int[] lengths;
    private final int[] reverseIndex;
    private int steps;

    BidirectionalRunner(BidirectionalCell cell, Backend backend, CellRunner forward, CellRunner reverse) {
        this.cell = cell;
        this.backend = backend;
        this.forward = forward;
        this.reverse = reverse;
        this.maxSteps = forward.maxSteps();
        this.batch = forward.batch();
        this.in = cell.inputSize();
        this.out = cell.inner().outputSize();
        this.innerStates = cell.inner().states().size();
        this.outputs = backend.allocate(maxSteps, batch, 2 * out);
        this.outputGrads = backend.allocate(maxSteps, batch, 2 * out);
        this.reversedInput = backend.allocate(maxSteps, batch, in);
        this.scratch = backend.allocate(maxSteps, batch, out);
        this.reversedGradient = backend.allocate(maxSteps, batch, in);
        this.lengths = new int[batch];
        this.reverseIndex = new int[maxSteps * batch];
        java.util.Arrays.fill(lengths, -1);
    }

    @Override
    public void sequenceLengths(int[] sequenceLengths) {
        if (sequenceLengths == null) {
            java.util.Arrays.fill(lengths, -1);
            return;
        }
        if (sequenceLengths.length != batch) {
            throw new IllegalArgumentException("lengths must hold one length per sequence: " + batch + ", got "
                    + sequenceLengths.length);
        }
        for (int b = 0; b < batch; b++) {
            if (sequenceLengths[b] < 0 || sequenceLengths[b] > maxSteps) {
                throw new IllegalArgumentException("lengths[" + b + "] = " + sequenceLengths[b] + " is outside [0, "
                        + maxSteps + "]");
            }
        }
        System.arraycopy(sequenceLengths, 0, lengths, 0, batch);
    }

    @Override
    public void forward(Tensor input, int inputOffset, int stepCount) {
        steps = stepCount;
        for (int t = 0; t < stepCount; t++) {
            for (int b = 0; b < batch; b++) {
                int len = lengths[b] < 0 ? stepCount : Math.min(lengths[b], stepCount);
                reverseIndex[t * batch + b] = t < len ? (len - 1 - t) * batch + b : -1;
            }
        }
        int rows = stepCount * batch;
        forward.forward(input, inputOffset, stepCount);
        backend.gatherRows(rows, in, input, inputOffset, reverseIndex, 0, reversedInput, 0);
        reverse.forward(reversedInput, 0, stepCount);
        backend.copyMatrix(rows, out, forward.outputs(), 0, out, outputs, 0, 2 * out);
        backend.gatherRows(rows, out, reverse.outputs(), 0, reverseIndex, 0, scratch, 0);
        backend.copyMatrix(rows, out, scratch, 0, out, outputs, out, 2 * out);
    }

    @Override
    public void backward(Tensor inputGradient, int inputGradientOffset) {
        int rows = steps * batch;
        backend.copyMatrix(rows, out, outputGrads, 0, 2 * out, forward.outputGradients(), 0, out);
        backend.copyMatrix(rows, out, outputGrads, out, 2 * out, scratch, 0, out);
        backend.gatherRows(rows, out, scratch, 0, reverseIndex, 0, reverse.outputGradients(), 0);
        forward.backward(inputGradient, inputGradientOffset);
        reverse.backward(inputGradient == null ? null : reversedGradient, 0);
        if (inputGradient != null) {
            // The reversed input is no longer needed: reuse it for the gradient in forward order.
            backend.gatherRows(rows, in, reversedGradient, 0, reverseIndex, 0, reversedInput, 0);
            backend.axpby(rows * in, 1f, reversedInput, 0, 1f, inputGradient, inputGradientOffset);
        }
    }

    @Override
    public Cell cell() {
        return cell;
    }

    @Override
    public int maxSteps() {
        return maxSteps;
    }

    @Override
    public int batch() {
        return batch;
    }

    private CellRunner direction(int i) {
        return i < innerStates ? forward : reverse;
    }

    @Override
    public int stateCount() {
        return 2 * innerStates;
    }

    @Override
    public Tensor initialState(int i) {
        return direction(i).initialState(i % innerStates);
    }

    @Override
    public Tensor finalState(int i) {
        return direction(i).finalState(i % innerStates);
    }

    @Override
    public Tensor outputs() {
        return outputs;
    }

    @Override
    public Tensor outputGradients() {
        return outputGrads;
    }

    @Override
    public Tensor finalStateGradient(int i) {
        return direction(i).finalStateGradient(i % innerStates);
    }

    @Override
    public Tensor initialStateGradient(int i) {
        return direction(i).initialStateGradient(i % innerStates);
    }

    @Override
    public void close() {
        forward.close();
        reverse.close();
        outputs.close();
        outputGrads.close();
        reversedInput.close();
        scratch.close();
        reversedGradient.close();
    }
}
