package org.rnn4j.models.cell;

import java.util.ArrayList;
import java.util.List;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.cell.Cell;
import org.rnn4j.api.cell.CellRunner;
import org.rnn4j.api.cell.ParameterBinding;
import org.rnn4j.api.cell.ParameterRef;
import org.rnn4j.api.tensor.Arguments;
import org.rnn4j.api.tensor.Tensor;

/**
 * What every built-in runner shares: the state, output and gradient buffers of the
 * {@link CellRunner} protocol, sized once at bind time, and the argument checks of
 * {@code forward} and {@code backward}.
 */
abstract class RunnerBase implements CellRunner {

    protected final Backend backend;
    protected final Cell cell;
    protected final ParameterBinding params;
    protected final int maxSteps;
    protected final int batch;
    protected final int outputSize;

    private final List<Tensor> owned = new ArrayList<>();
    private final Tensor[] initial;
    private final Tensor[] finals;
    private final Tensor[] finalGrads;
    private final Tensor[] initialGrads;
    protected final Tensor outputs;
    protected final Tensor outputGrads;

    /** Steps of the last forward; 0 before the first. */
    protected int steps;
    /** The input of the last forward, needed again by backward for the weight gradients. */
    protected Tensor input;
    protected int inputOffset;

    RunnerBase(Cell cell, Backend backend, ParameterBinding params, int maxSteps, int batch) {
        this.cell = cell;
        this.backend = Arguments.notNull("backend", backend);
        this.params = Arguments.notNull("parameters", params);
        this.maxSteps = Arguments.positive("maxSteps", maxSteps);
        this.batch = Arguments.positive("batch", batch);
        this.outputSize = cell.outputSize();
        int stateCount = cell.states().size();
        initial = new Tensor[stateCount];
        finals = new Tensor[stateCount];
        finalGrads = new Tensor[stateCount];
        initialGrads = new Tensor[stateCount];
        for (int i = 0; i < stateCount; i++) {
            int size = cell.states().get(i).size();
            initial[i] = allocate(batch, size);
            finals[i] = allocate(batch, size);
            finalGrads[i] = allocate(batch, size);
            initialGrads[i] = allocate(batch, size);
        }
        outputs = allocate(maxSteps, batch, outputSize);
        outputGrads = allocate(maxSteps, batch, outputSize);
    }

    /** Allocates a workspace tensor that {@link #close()} frees. */
    protected final Tensor allocate(int... dims) {
        Tensor t = backend.allocate(dims);
        owned.add(t);
        return t;
    }

    /** Looks a weight up once, at bind time, so the hot loop does no map lookups. */
    protected final ParameterRef weight(String name) {
        return params.weight(name);
    }

    protected final ParameterRef gradient(String name) {
        return params.gradient(name);
    }

    /** Validates a forward call and remembers the input for backward. */
    protected final void beginForward(Tensor in, int offset, int stepCount) {
        if (stepCount < 1 || stepCount > maxSteps) {
            throw new IllegalArgumentException("steps must be in [1, " + maxSteps + "] for this "
                    + cell.type() + " runner, got " + stepCount + "; bind a runner with more maxSteps");
        }
        long need = (long) stepCount * batch * cell.inputSize();
        if (in == null || offset < 0 || offset + need > in.size()) {
            // The message is built only on failure: forward runs every step and must not allocate.
            Arguments.fits("input [steps=" + stepCount + ", batch=" + batch + ", features=" + cell.inputSize() + "]",
                    in, offset, need);
        }
        this.steps = stepCount;
        this.input = in;
        this.inputOffset = offset;
    }

    /** Validates a backward call. */
    protected final void beginBackward(Tensor inputGradient, int offset) {
        if (steps == 0) {
            throw new IllegalStateException("backward needs a forward first");
        }
        long need = (long) steps * batch * cell.inputSize();
        if (inputGradient != null && (offset < 0 || offset + need > inputGradient.size())) {
            Arguments.fits("inputGradient [steps=" + steps + ", batch=" + batch + ", features="
                    + cell.inputSize() + "]", inputGradient, offset, need);
        }
    }

    /** The tensor holding state 0 before step {@code t}: the initial state or output {@code t-1}. */
    protected final Tensor previousOutput(int t) {
        return t == 0 ? initial[0] : outputs;
    }

    protected final int previousOutputOffset(int t) {
        return t == 0 ? 0 : (t - 1) * batch * outputSize;
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

    @Override
    public Tensor initialState(int i) {
        return initial[checkState(i)];
    }

    @Override
    public Tensor finalState(int i) {
        return finals[checkState(i)];
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
        return finalGrads[checkState(i)];
    }

    @Override
    public Tensor initialStateGradient(int i) {
        return initialGrads[checkState(i)];
    }

    private int checkState(int i) {
        if (i < 0 || i >= initial.length) {
            throw new IndexOutOfBoundsException("state " + i + " does not exist; a " + cell.type()
                    + " cell has states " + cell.states());
        }
        return i;
    }

    @Override
    public void close() {
        owned.forEach(Tensor::close);
        owned.clear();
    }
}
