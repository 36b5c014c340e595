package org.rnn4j.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rnn4j.api.kernel.Activation;

/**
 * {@link org.rnn4j.api.kernel.SequenceKernels}: the LSTM, GRU and Elman recurrences over whole
 * sequences, forward and backward, against the oracle's step-by-step definition. Shapes: every
 * batch x hidden size of the step kernels, plus {@link #WIDE} (a batch above a few rows and a
 * hidden size above a few vectors, where a multi-threaded backend splits the work) and one row
 * of hidden 256 (where it splits the units of batch-1 sampling); one and
 * {@link #STEPS} steps; tensors at nonzero offsets; outputs start as NaN, so a kernel that
 * reads what it must only write fails. Weights are drawn as PyTorch initialises them,
 * {@code U(-1/sqrt(H), 1/sqrt(H))}; backward inputs from the ranges forward produces.
 */
abstract class SequenceChecks extends KernelChecks {

    /** Steps of the longer sequences. */
    static final int STEPS = 4;
    /** batch x hidden where a threaded backend runs the recurrence on several threads. */
    static final int[] WIDE = {33, 130};

    SequenceChecks(Bench bench) {
        super(bench);
    }

    private interface Shaped {
        void run(Inputs in, int steps, int batch, int hidden);
    }

    private static List<DynamicTest> perShape(String kernel, Shaped body) {
        List<int[]> shapes = new ArrayList<>();
        for (int batch : BATCHES) {
            for (int hidden : HIDDEN) {
                shapes.add(new int[] {batch, hidden});
            }
        }
        shapes.add(WIDE);
        // one row of a layer several wide panels across: how a threaded backend samples
        shapes.add(new int[] {1, 256});
        List<DynamicTest> tests = new ArrayList<>();
        for (int steps : new int[] {1, STEPS}) {
            for (int[] s : shapes) {
                tests.add(check(name("%s steps=%d batch=%d hidden=%d", kernel, steps, s[0], s[1]),
                        in -> body.run(in, steps, s[0], s[1])));
            }
        }
        return tests;
    }

    private Twin weights(Inputs in, int offset, int rows, int hidden) {
        double bound = 1 / Math.sqrt(hidden);
        float[] w = in.uniform(offset + rows * hidden + 1, -bound, bound);
        return bench.twin(w);
    }

    private static float[] nansAfter(int offset, int n) {
        float[] v = nans(offset + n);
        java.util.Arrays.fill(v, 0, offset, 0f);
        return v;
    }

    // ---- LSTM -----------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> lstmSequenceForward() {
        return perShape("lstmSequenceForward", (in, steps, batch, hidden) -> {
            int bh = batch * hidden;
            int n = steps * bh;
            Twin wHh = weights(in, 3, 4 * hidden, hidden);
            Twin h0 = bench.twin(in.uniform(2 + bh, -1, 1));
            Twin c0 = bench.twin(in.uniform(1 + bh, -2, 2));
            Twin gates = bench.twin(in.uniform(5 + 4 * n + 2, -2, 2));
            Twin c = bench.twin(nansAfter(4, n));
            Twin h = bench.twin(nansAfter(1, n));
            bench.run(b -> b.lstmSequenceForward(steps, batch, hidden, wHh.on(b), 3, h0.on(b), 2, c0.on(b), 1,
                    gates.on(b), 5, c.on(b), 4, h.on(b), 1));
            Tolerance tol = tolerances().sequence(steps, hidden);
            bench.assertClose("gates (activated)", gates, tol);
            bench.assertClose("c", c, tol);
            bench.assertClose("h", h, tol);
            bench.assertUnchanged("wHh", wHh);
            bench.assertUnchanged("h0", h0);
        }).stream();
    }

    /**
     * Shapes as for the sequences, plus batch 1 at hidden 256 and 384 with inputs of 40 and 600
     * (two k blocks): one row, several threads' worth of units (how a sampled character meets a
     * layer above the first).
     */
    @TestFactory
    Stream<DynamicTest> lstmStepForward() {
        List<int[]> shapes = new ArrayList<>();
        for (int batch : BATCHES) {
            for (int hidden : HIDDEN) {
                shapes.add(new int[] {batch, 7, hidden});
            }
        }
        shapes.add(new int[] {1, 40, 256});
        shapes.add(new int[] {1, 600, 384});
        shapes.add(new int[] {WIDE[0], 20, WIDE[1]});
        List<DynamicTest> tests = new ArrayList<>();
        for (int[] s : shapes) {
            int batch = s[0];
            int inputSize = s[1];
            int hidden = s[2];
            tests.add(check(name("lstmStepForward batch=%d input=%d hidden=%d", batch, inputSize, hidden), in -> {
                int bh = batch * hidden;
                Twin x = bench.twin(in.uniform(2 + batch * inputSize, -1, 1));
                Twin wIh = weights(in, 1, 4 * hidden, inputSize);
                Twin bias = bench.twin(in.uniform(3 + 4 * hidden, -0.5, 0.5));
                Twin wHh = weights(in, 3, 4 * hidden, hidden);
                Twin h0 = bench.twin(in.uniform(2 + bh, -1, 1));
                Twin c0 = bench.twin(in.uniform(1 + bh, -2, 2));
                Twin gates = bench.twin(nansAfter(5, 4 * bh));
                Twin c = bench.twin(nansAfter(4, bh));
                Twin h = bench.twin(nansAfter(1, bh));
                bench.run(b -> b.lstmStepForward(batch, inputSize, hidden, x.on(b), 2, wIh.on(b), 1, bias.on(b), 3,
                        wHh.on(b), 3, h0.on(b), 2, c0.on(b), 1, gates.on(b), 5, c.on(b), 4, h.on(b), 1));
                Tolerance tol = tolerances().sequence(1, inputSize + hidden);
                bench.assertClose("gates (activated)", gates, tol);
                bench.assertClose("c", c, tol);
                bench.assertClose("h", h, tol);
                bench.assertUnchanged("x", x);
                bench.assertUnchanged("wIh", wIh);
                bench.assertUnchanged("wHh", wHh);
                bench.assertUnchanged("h0", h0);
                bench.assertUnchanged("c0", c0);
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> lstmSequenceBackward() {
        return perShape("lstmSequenceBackward", (in, steps, batch, hidden) -> {
            int bh = batch * hidden;
            int n = steps * bh;
            Twin wHh = weights(in, 1, 4 * hidden, hidden);
            Twin gates = bench.twin(in.lstmActivations(2, steps * batch, hidden, 0));
            Twin c0 = bench.twin(in.uniform(3 + bh, -2, 2));
            Twin c = bench.twin(in.uniform(1 + n, -2, 2));
            Twin dOut = bench.twin(in.uniform(2 + n, -1, 1));
            Twin dh = bench.twin(in.uniform(1 + bh, -1, 1));
            Twin dc = bench.twin(in.uniform(4 + bh, -1, 1));
            Twin dGates = bench.twin(nansAfter(3, 4 * n));
            bench.run(b -> b.lstmSequenceBackward(steps, batch, hidden, wHh.on(b), 1, c0.on(b), 3, gates.on(b), 2,
                    c.on(b), 1, dOut.on(b), 2, dh.on(b), 1, dc.on(b), 4, dGates.on(b), 3));
            Tolerance tol = tolerances().sequence(steps, 4 * hidden);
            bench.assertClose("dGates", dGates, tol);
            bench.assertClose("dh (at h0)", dh, tol);
            bench.assertClose("dc (at c0)", dc, tol);
            bench.assertUnchanged("gates", gates);
            bench.assertUnchanged("dOut", dOut);
        }).stream();
    }

    // ---- GRU ------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> gruSequenceForward() {
        return perShape("gruSequenceForward", (in, steps, batch, hidden) -> {
            int bh = batch * hidden;
            int n = steps * bh;
            Twin wHh = weights(in, 2, 3 * hidden, hidden);
            Twin h0 = bench.twin(in.uniform(1 + bh, -1, 1));
            Twin xg = bench.twin(in.uniform(3 + 3 * n, -2, 2));
            Twin hg = bench.twin(in.uniform(4 + 3 * n + 1, -0.5, 0.5));
            Twin h = bench.twin(nansAfter(2, n));
            bench.run(b -> b.gruSequenceForward(steps, batch, hidden, wHh.on(b), 2, h0.on(b), 1, xg.on(b), 3,
                    hg.on(b), 4, h.on(b), 2));
            Tolerance tol = tolerances().sequence(steps, hidden);
            bench.assertClose("xg (activated r, z, n)", xg, tol);
            bench.assertClose("hg", hg, tol);
            bench.assertClose("h", h, tol);
        }).stream();
    }

    @TestFactory
    Stream<DynamicTest> gruSequenceBackward() {
        return perShape("gruSequenceBackward", (in, steps, batch, hidden) -> {
            int bh = batch * hidden;
            int n = steps * bh;
            Twin wHh = weights(in, 3, 3 * hidden, hidden);
            Twin xg = bench.twin(in.gruActivations(1, steps * batch, hidden, 0));
            Twin hg = bench.twin(in.uniform(2 + 3 * n, -2, 2));
            Twin h0 = bench.twin(in.uniform(4 + bh, -1, 1));
            Twin h = bench.twin(in.uniform(1 + n, -1, 1));
            Twin dOut = bench.twin(in.uniform(3 + n, -1, 1));
            Twin dh = bench.twin(in.uniform(2 + bh, -1, 1));
            Twin dXg = bench.twin(nansAfter(1, 3 * n));
            Twin dHg = bench.twin(nansAfter(5, 3 * n));
            bench.run(b -> b.gruSequenceBackward(steps, batch, hidden, wHh.on(b), 3, h0.on(b), 4, xg.on(b), 1,
                    hg.on(b), 2, h.on(b), 1, dOut.on(b), 3, dh.on(b), 2, dXg.on(b), 1, dHg.on(b), 5));
            Tolerance tol = tolerances().sequence(steps, 3 * hidden);
            bench.assertClose("dXg", dXg, tol);
            bench.assertClose("dHg", dHg, tol);
            bench.assertClose("dh (at h0)", dh, tol);
        }).stream();
    }

    // ---- Elman ----------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> elmanSequenceForward() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Activation act : new Activation[] {Activation.TANH, Activation.RELU}) {
            tests.addAll(perShape("elmanSequenceForward " + act.id(), (in, steps, batch, hidden) -> {
                int bh = batch * hidden;
                Twin wHh = weights(in, 1, hidden, hidden);
                Twin h0 = bench.twin(in.uniform(3 + bh, -1, 1));
                Twin h = bench.twin(in.uniform(2 + steps * bh + 1, -2, 2));
                bench.run(b -> b.elmanSequenceForward(act, steps, batch, hidden, wHh.on(b), 1, h0.on(b), 3, h.on(b), 2));
                bench.assertClose("h", h, tolerances().sequence(steps, hidden));
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> elmanSequenceBackward() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Activation act : new Activation[] {Activation.TANH, Activation.RELU}) {
            tests.addAll(perShape("elmanSequenceBackward " + act.id(), (in, steps, batch, hidden) -> {
                int bh = batch * hidden;
                int n = steps * bh;
                Twin wHh = weights(in, 2, hidden, hidden);
                Twin h = bench.twin(outputsOf(act, in, 1 + n));
                Twin dOut = bench.twin(in.uniform(4 + n, -1, 1));
                Twin dh = bench.twin(in.uniform(1 + bh, -1, 1));
                Twin dPre = bench.twin(nansAfter(2, n));
                bench.run(b -> b.elmanSequenceBackward(act, steps, batch, hidden, wHh.on(b), 2, h.on(b), 1,
                        dOut.on(b), 4, dh.on(b), 1, dPre.on(b), 2));
                Tolerance tol = tolerances().sequence(steps, hidden);
                bench.assertClose("dPre", dPre, tol);
                bench.assertClose("dh (at h0)", dh, tol);
            }));
        }
        return tests.stream();
    }
}
