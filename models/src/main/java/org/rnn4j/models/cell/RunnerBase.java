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
    /** Whether the last forward read token ids ({@link #forwardTokens}) instead of {@link #input}. */
    private boolean tokenInput;
    /** The token ids of the last forward, copied; allocated on the first {@link #forwardTokens}. */
    private int[] tokens = new int[0];

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

    @Override
    public final void forward(Tensor in, int offset, int stepCount) {
        checkSteps(stepCount);
        long need = (long) stepCount * batch * cell.inputSize();
        if (in == null || offset < 0 || offset + need > in.size()) {
            // The message is built only on failure: forward runs every step and must not allocate.
            Arguments.fits("input [steps=" + stepCount + ", batch=" + batch + ", features=" + cell.inputSize() + "]",
                    in, offset, need);
        }
        this.steps = stepCount;
        this.input = in;
        this.inputOffset = offset;
        this.tokenInput = false;
        forwardSteps(stepCount);
    }

    @Override
    public boolean readsTokens() {
        return true;
    }

    @Override
    public final void forwardTokens(int[] ids, int offset, int stepCount) {
        checkSteps(stepCount);
        int rows = stepCount * batch;
        if (ids == null || offset < 0 || offset + (long) rows > ids.length) {
            // The message is built only on failure, as in forward.
            Arguments.notNull("tokens", ids);
            Arguments.fitsHost("tokens [steps=" + stepCount + ", batch=" + batch + "]", ids.length, offset, rows);
        }
        // checked here, before any state changes, so that a refusal names the caller's index
        Arguments.tokens(ids, offset, rows, cell.inputSize());
        if (tokens.length < maxSteps * batch) {
            tokens = new int[maxSteps * batch];
        }
        System.arraycopy(ids, offset, tokens, 0, rows);
        this.steps = stepCount;
        this.input = null;
        this.inputOffset = 0;
        this.tokenInput = true;
        forwardSteps(stepCount);
    }

    /** The forward pass over {@code stepCount} steps of the input just recorded. */
    protected abstract void forwardSteps(int stepCount);

    private void checkSteps(int stepCount) {
        if (stepCount < 1 || stepCount > maxSteps) {
            throw new IllegalArgumentException("steps must be in [1, " + maxSteps + "] for this "
                    + cell.type() + " runner, got " + stepCount + "; bind a runner with more maxSteps");
        }
    }

    /**
     * {@code out[rows, width] = x W^T} for the input of the last forward ({@code W} of
     * {@code [width, inputSize]}): a GEMM, or for token ids a gather of W's columns.
     */
    protected final void projectInput(int rows, int width, ParameterRef w, Tensor out) {
        projectInput(0, rows, width, w, out);
    }

    /**
     * As {@link #projectInput(int, int, ParameterRef, Tensor)} for rows {@code [row0, row0 + rows)}
     * only, written at row {@code row0} of {@code out}.
     */
    protected final void projectInput(int row0, int rows, int width, ParameterRef w, Tensor out) {
        int in = cell.inputSize();
        if (tokenInput) {
            backend.oneHotProduct(rows, width, in, tokens, row0, w.tensor(), w.offset(), out, row0 * width);
        } else {
            backend.gemm(false, true, rows, width, in, 1f, input, inputOffset + row0 * in, in, w.tensor(), w.offset(),
                    in, 0f, out, row0 * width, width);
        }
    }

    /**
     * Steps per chunk of a forward pass: the built-in LSTM, GRU and Elman runners project a
     * chunk's input and run its recurrence before they project the next, so that the recurrence
     * reads pre-activations that were just written and are still in cache, where one projection
     * of the whole sequence (26 MB of gates for an LSTM of hidden 256 at batch 64 and 100 steps)
     * leaves them in memory and the recurrence waits on the rows it reads (a whole-sequence
     * recurrence of that LSTM on cpu-simd: 20% more time per step with its gates in memory than
     * in cache). Measured in whole training steps, alternating in one JVM, five rounds: GRU 2x256
     * +2% (-0.3% to +8%), LSTM 2x256 +2% (-0.2% to +2%), Elman 2x256 the same (-1% to +6%).
     * About {@value #CHUNK_ROWS} rows (batch 64: 16 steps), at least one step; the values do not
     * depend on it.
     */
    protected final int chunkSteps() {
        return Math.max(1, CHUNK_ROWS / batch);
    }

    /** Rows of input per forward chunk (see {@link #chunkSteps()}). */
    static final int CHUNK_ROWS = 1024;

    /** The token ids of the last forward, or null when it read a dense input. */
    protected final int[] inputTokens() {
        return tokenInput ? tokens : null;
    }

    /** Validates a backward call. */
    protected final void beginBackward(Tensor inputGradient, int offset) {
        if (steps == 0) {
            throw new IllegalStateException("backward needs a forward first");
        }
        if (tokenInput && inputGradient != null) {
            throw new IllegalArgumentException("the last forward of this " + cell.type() + " runner read token ids,"
                    + " which have no gradient; pass null as the input gradient");
        }
        long need = (long) steps * batch * cell.inputSize();
        if (inputGradient != null && (offset < 0 || offset + need > inputGradient.size())) {
            Arguments.fits("inputGradient [steps=" + steps + ", batch=" + batch + ", features="
                    + cell.inputSize() + "]", inputGradient, offset, need);
        }
    }

    /** The tensor holding state 0 before step {@code t}: the initial state or output {@code t-1}. */
    protected final Tensor previousOutput(int t) {
        return previousState(0, outputs, t);
    }

    protected final int previousOutputOffset(int t) {
        return previousStateOffset(t, outputSize);
    }

    /**
     * The tensor holding state {@code i} before step {@code t}: the initial state, or
     * {@code perStep}'s block of step {@code t-1} (blocks of {@code batch * size} floats).
     */
    protected final Tensor previousState(int i, Tensor perStep, int t) {
        return t == 0 ? initial[checkState(i)] : perStep;
    }

    protected final int previousStateOffset(int t, int size) {
        return t == 0 ? 0 : (t - 1) * batch * size;
    }

    /**
     * Exchanges the initial and final state tensors: the final states become the next forward's
     * initial states without a copy, and every forward writes all of its final states anew (a
     * sampled character of a 2-layer LSTM saved four copies this way, +3% characters per second
     * on cpu-simd, old and new alternating in one JVM, median of 11 rounds).
     */
    @Override
    public final void carryStates(Backend ignored) {
        for (int i = 0; i < initial.length; i++) {
            Tensor last = finals[i];
            finals[i] = initial[i];
            initial[i] = last;
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

    @Override
    public int stateCount() {
        return initial.length;
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
