package org.rnn4j.models.stack;

import java.util.List;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.cell.Cell;
import org.rnn4j.api.cell.CellRunner;
import org.rnn4j.api.cell.Initializer;
import org.rnn4j.api.cell.ParameterBinding;
import org.rnn4j.api.cell.ParameterRef;
import org.rnn4j.api.cell.ParameterSpec;
import org.rnn4j.api.cell.StateSpec;
import org.rnn4j.api.kernel.Activation;
import org.rnn4j.api.tensor.Shape;
import org.rnn4j.api.tensor.Tensor;

/**
 * A user-defined cell written only against the public SPI and the GENERIC kernels (gemm,
 * addRowVector, activation, activationBackward, axpby, sumRows): {@code h_t = h_{t-1} +
 * tanh(W x_t + U h_{t-1} + b)}. It proves that a cell nobody built into rnn4j runs, and trains,
 * on any backend.
 */
record ResidualTanhCell(int inputSize, int hiddenSize) implements Cell {

    @Override
    public String type() {
        return "residual-tanh";
    }

    @Override
    public int outputSize() {
        return hiddenSize;
    }

    @Override
    public List<StateSpec> states() {
        return List.of(new StateSpec("h", hiddenSize));
    }

    @Override
    public List<ParameterSpec> parameters() {
        Initializer init = Initializer.uniform(1 / Math.sqrt(hiddenSize));
        return List.of(new ParameterSpec("weight_ih", Shape.of(hiddenSize, inputSize), init),
                new ParameterSpec("weight_hh", Shape.of(hiddenSize, hiddenSize), init),
                new ParameterSpec("bias", Shape.of(hiddenSize), init));
    }

    @Override
    public CellRunner bind(Backend backend, ParameterBinding p, int maxSteps, int batch) {
        return new Runner(backend, p, maxSteps, batch);
    }

    private final class Runner implements CellRunner {
        private final Backend be;
        private final int maxSteps;
        private final int batch;
        private final ParameterRef w;
        private final ParameterRef u;
        private final ParameterRef b;
        private final ParameterRef dw;
        private final ParameterRef du;
        private final ParameterRef db;
        private final Tensor h0;
        private final Tensor hT;
        private final Tensor dhT;
        private final Tensor dh0;
        private final Tensor out;
        private final Tensor dOut;
        private final Tensor act;
        private final Tensor dPre;
        private final Tensor dh;
        private Tensor x;
        private int xOff;
        private int steps;

        Runner(Backend be, ParameterBinding p, int maxSteps, int batch) {
            this.be = be;
            this.maxSteps = maxSteps;
            this.batch = batch;
            w = p.weight("weight_ih");
            u = p.weight("weight_hh");
            b = p.weight("bias");
            dw = p.gradient("weight_ih");
            du = p.gradient("weight_hh");
            db = p.gradient("bias");
            h0 = be.allocate(batch, hiddenSize);
            hT = be.allocate(batch, hiddenSize);
            dhT = be.allocate(batch, hiddenSize);
            dh0 = be.allocate(batch, hiddenSize);
            out = be.allocate(maxSteps, batch, hiddenSize);
            dOut = be.allocate(maxSteps, batch, hiddenSize);
            act = be.allocate(maxSteps, batch, hiddenSize);
            dPre = be.allocate(maxSteps, batch, hiddenSize);
            dh = be.allocate(batch, hiddenSize);
        }

        private Tensor prev(int t) {
            return t == 0 ? h0 : out;
        }

        private int prevOff(int t) {
            return t == 0 ? 0 : (t - 1) * batch * hiddenSize;
        }

        @Override
        public void forward(Tensor input, int offset, int stepCount) {
            x = input;
            xOff = offset;
            steps = stepCount;
            int n = hiddenSize;
            int bh = batch * n;
            be.gemm(false, true, steps * batch, n, inputSize, 1f, input, offset, inputSize, w.tensor(), w.offset(),
                    inputSize, 0f, act, 0, n);
            be.addRowVector(steps * batch, n, b.tensor(), b.offset(), act, 0);
            for (int t = 0; t < steps; t++) {
                be.gemm(false, true, batch, n, n, 1f, prev(t), prevOff(t), n, u.tensor(), u.offset(), n, 1f, act, t * bh, n);
                be.activation(Activation.TANH, bh, act, t * bh, act, t * bh);
                be.copy(prev(t), prevOff(t), out, t * bh, bh);
                be.axpby(bh, 1f, act, t * bh, 1f, out, t * bh);
            }
            be.copy(out, (steps - 1) * bh, hT, 0, bh);
        }

        @Override
        public void backward(Tensor dx, int dxOffset) {
            int n = hiddenSize;
            int bh = batch * n;
            be.copy(dhT, 0, dh, 0, bh);
            for (int t = steps - 1; t >= 0; t--) {
                be.axpby(bh, 1f, dOut, t * bh, 1f, dh, 0);
                be.activationBackward(Activation.TANH, bh, act, t * bh, dh, 0, 0f, dPre, t * bh);
                // the residual path passes dh on unchanged; the tanh path adds dPre . U
                be.gemm(false, false, batch, n, n, 1f, dPre, t * bh, n, u.tensor(), u.offset(), n, 1f, dh, 0, n);
            }
            be.copy(dh, 0, dh0, 0, bh);
            int rows = steps * batch;
            be.gemm(true, false, n, inputSize, rows, 1f, dPre, 0, n, x, xOff, inputSize, 1f, dw.tensor(), dw.offset(), inputSize);
            be.sumRows(rows, n, dPre, 0, 1f, db.tensor(), db.offset());
            be.gemm(true, false, n, n, batch, 1f, dPre, 0, n, h0, 0, n, 1f, du.tensor(), du.offset(), n);
            if (steps > 1) {
                be.gemm(true, false, n, n, (steps - 1) * batch, 1f, dPre, bh, n, out, 0, n, 1f, du.tensor(), du.offset(), n);
            }
            if (dx != null) {
                be.gemm(false, false, rows, inputSize, n, 1f, dPre, 0, n, w.tensor(), w.offset(), inputSize, 0f, dx, dxOffset,
                        inputSize);
            }
        }

        @Override
        public Cell cell() {
            return ResidualTanhCell.this;
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
            return h0;
        }

        @Override
        public Tensor finalState(int i) {
            return hT;
        }

        @Override
        public Tensor outputs() {
            return out;
        }

        @Override
        public Tensor outputGradients() {
            return dOut;
        }

        @Override
        public Tensor finalStateGradient(int i) {
            return dhT;
        }

        @Override
        public Tensor initialStateGradient(int i) {
            return dh0;
        }

        @Override
        public void close() {
            for (Tensor t : new Tensor[] {h0, hT, dhT, dh0, out, dOut, act, dPre, dh}) {
                t.close();
            }
        }
    }
}
