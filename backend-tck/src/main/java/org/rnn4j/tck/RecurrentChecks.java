package org.rnn4j.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rnn4j.api.kernel.Activation;

/**
 * {@link org.rnn4j.api.kernel.RecurrentKernels}: the fused LSTM, GRU, Elman and Jordan step
 * kernels, forward and backward, at every batch x hidden size of {@link #BATCHES} x
 * {@link #HIDDEN}, at nonzero offsets into larger tensors (time slices are views), and with the
 * aliasing the Javadoc allows. Backward inputs are drawn from the ranges forward produces
 * (sigmoid gates in (0, 1), tanh outputs in (-1, 1)), independently: each kernel is checked on
 * its own.
 */
abstract class RecurrentChecks extends KernelChecks {

    RecurrentChecks(Bench bench) {
        super(bench);
    }

    /** One dynamic test per batch x hidden size. */
    private interface Shaped {
        void run(Inputs in, int batch, int hidden);
    }

    private static List<DynamicTest> perShape(String kernel, Shaped body) {
        List<DynamicTest> tests = new ArrayList<>();
        for (int batch : BATCHES) {
            for (int hidden : HIDDEN) {
                tests.add(check(name("%s batch=%d hidden=%d", kernel, batch, hidden),
                        in -> body.run(in, batch, hidden)));
            }
        }
        return tests;
    }

    // ---- LSTM -----------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> lstmForward() {
        return perShape("lstmForward", (in, batch, hidden) -> {
            int bh = batch * hidden;
            Twin gates = bench.twin(in.uniform(5 + 4 * bh + 3, -3, 3));
            // cPrev and c in one sequence buffer, as a layer keeps them: [.., c_{t-1}, .., c_t, ..].
            int cPrevOff = 2;
            int cOff = cPrevOff + bh + 1;
            Twin cSeq = bench.twin(in.uniform(cOff + bh + 2, -2, 2));
            Twin h = bench.twin(in.uniform(4 + bh + 1, -1, 1));
            bench.run(b -> b.lstmForward(batch, hidden, gates.on(b), 5, cSeq.on(b), cPrevOff, cSeq.on(b), cOff,
                    h.on(b), 4));
            Tolerance tol = tolerances().transcendental();
            bench.assertClose("gates (activated i, f, g, o)", gates, tol);
            bench.assertClose("c", cSeq, tol);
            bench.assertClose("h", h, tol);
        }).stream();
    }

    @TestFactory
    Stream<DynamicTest> lstmBackward() {
        List<DynamicTest> tests = perShape("lstmBackward", (in, batch, hidden) -> lstmBackwardCase(in, batch, hidden,
                false));
        tests.addAll(perShape("lstmBackward dcPrev aliasing dc", (in, batch, hidden) -> lstmBackwardCase(in, batch,
                hidden, true)));
        return tests.stream();
    }

    private void lstmBackwardCase(Inputs in, int batch, int hidden, boolean alias) {
        int bh = batch * hidden;
        Twin gates = bench.twin(in.lstmActivations(3, batch, hidden, 1));
        Twin cPrev = bench.twin(in.uniform(1 + bh, -2, 2));
        Twin c = bench.twin(in.uniform(2 + bh + 1, -2, 2));
        Twin dh = bench.twin(in.uniform(bh + 2, -1, 1));
        Twin dc = bench.twin(in.uniform(4 + bh, -1, 1));
        Twin dGates = bench.twin(in.uniform(2 + 4 * bh + 2, -9, 9));
        Twin dcPrev = alias ? dc : bench.twin(in.uniform(1 + bh + 1, -9, 9));
        int dcPrevOff = alias ? 4 : 1;
        bench.run(b -> b.lstmBackward(batch, hidden, gates.on(b), 3, cPrev.on(b), 1, c.on(b), 2, dh.on(b), 0,
                dc.on(b), 4, dGates.on(b), 2, dcPrev.on(b), dcPrevOff));
        Tolerance tol = tolerances().transcendental(); // tanh(c) is recomputed
        bench.assertClose("dGates", dGates, tol);
        bench.assertClose(alias ? "dcPrev (aliasing dc)" : "dcPrev", dcPrev, tol);
        bench.assertUnchanged("gates", gates);
    }

    // ---- GRU ------------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> gruForward() {
        return perShape("gruForward", (in, batch, hidden) -> {
            int bh = batch * hidden;
            Twin xg = bench.twin(in.uniform(2 + 3 * bh + 1, -3, 3));
            Twin hg = bench.twin(in.uniform(5 + 3 * bh, -3, 3));
            Twin hPrev = bench.twin(in.uniform(1 + bh + 2, -1, 1));
            Twin h = bench.twin(in.uniform(3 + bh, -1, 1));
            bench.run(b -> b.gruForward(batch, hidden, xg.on(b), 2, hg.on(b), 5, hPrev.on(b), 1, h.on(b), 3));
            Tolerance tol = tolerances().transcendental();
            bench.assertClose("xg (activated r, z, n)", xg, tol);
            bench.assertClose("h", h, tol);
            bench.assertUnchanged("hg", hg);
        }).stream();
    }

    @TestFactory
    Stream<DynamicTest> gruBackward() {
        return perShape("gruBackward", (in, batch, hidden) -> {
            int bh = batch * hidden;
            Twin xg = bench.twin(in.gruActivations(1, batch, hidden, 2));
            Twin hg = bench.twin(in.uniform(3 * bh + 4, -2, 2));
            Twin hPrev = bench.twin(in.uniform(2 + bh, -1, 1));
            Twin dh = bench.twin(in.uniform(3 + bh + 1, -1, 1));
            Twin dXg = bench.twin(in.uniform(4 + 3 * bh, -9, 9));
            Twin dHg = bench.twin(in.uniform(1 + 3 * bh + 3, -9, 9));
            Twin dhPrev = bench.twin(in.uniform(2 + bh + 2, -9, 9));
            bench.run(b -> b.gruBackward(batch, hidden, xg.on(b), 1, hg.on(b), 4, hPrev.on(b), 2, dh.on(b), 3,
                    dXg.on(b), 4, dHg.on(b), 1, dhPrev.on(b), 2));
            Tolerance tol = tolerances().elementwise();
            bench.assertClose("dXg", dXg, tol);
            bench.assertClose("dHg", dHg, tol);
            bench.assertClose("dhPrev", dhPrev, tol);
        }).stream();
    }

    // ---- Elman ----------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> elmanForward() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Activation act : new Activation[] {Activation.TANH, Activation.RELU}) {
            tests.addAll(perShape("elmanForward " + act.id(), (in, batch, hidden) -> {
                int bh = batch * hidden;
                Twin pre = bench.twin(in.uniform(3 + bh, -3, 3));
                Twin h = bench.twin(in.uniform(1 + bh + 2, -1, 1));
                bench.run(b -> b.elmanForward(act, batch, hidden, pre.on(b), 3, h.on(b), 1));
                bench.assertClose("h", h, forActivation(act));
                bench.assertUnchanged("pre", pre);
            }));
            tests.addAll(perShape("elmanForward " + act.id() + " h aliasing pre", (in, batch, hidden) -> {
                Twin pre = bench.twin(in.uniform(3 + batch * hidden + 1, -3, 3));
                bench.run(b -> b.elmanForward(act, batch, hidden, pre.on(b), 3, pre.on(b), 3));
                bench.assertClose("h (aliasing pre)", pre, forActivation(act));
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> elmanBackward() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Activation act : new Activation[] {Activation.TANH, Activation.RELU}) {
            for (boolean alias : new boolean[] {false, true}) {
                tests.addAll(perShape("elmanBackward " + act.id() + (alias ? " dPre aliasing dh" : ""),
                        (in, batch, hidden) -> {
                            int bh = batch * hidden;
                            Twin h = bench.twin(outputsOf(act, in, 2 + bh));
                            Twin dh = bench.twin(in.uniform(1 + bh + 1, -1, 1));
                            Twin dPre = alias ? dh : bench.twin(in.uniform(bh + 3, -9, 9));
                            int dPreOff = alias ? 1 : 0;
                            bench.run(b -> b.elmanBackward(act, batch, hidden, h.on(b), 2, dh.on(b), 1, dPre.on(b),
                                    dPreOff));
                            bench.assertClose("dPre", dPre, tolerances().elementwise());
                        }));
            }
        }
        return tests.stream();
    }

    // ---- Jordan ---------------------------------------------------------------------------

    @TestFactory
    Stream<DynamicTest> jordanOutputForward() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Activation act : new Activation[] {Activation.IDENTITY, Activation.TANH}) {
            for (boolean alias : new boolean[] {false, true}) {
                tests.addAll(perShape("jordanOutputForward " + act.id() + (alias ? " y aliasing yPre" : ""),
                        (in, batch, outputs) -> {
                            int n = batch * outputs;
                            Twin yPre = bench.twin(in.uniform(2 + n + 1, -3, 3));
                            Twin bias = bench.twin(in.uniform(4 + outputs, -1, 1));
                            Twin y = alias ? yPre : bench.twin(in.uniform(1 + n, -9, 9));
                            int yOff = alias ? 2 : 1;
                            bench.run(b -> b.jordanOutputForward(act, batch, outputs, yPre.on(b), 2, bias.on(b), 4,
                                    y.on(b), yOff));
                            // identity still adds the bias: one rounding, as any arithmetic kernel
                            bench.assertClose("y", y, act == Activation.TANH ? tolerances().transcendental()
                                    : tolerances().elementwise());
                            bench.assertUnchanged("bias", bias);
                        }));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> jordanOutputBackward() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Activation act : new Activation[] {Activation.IDENTITY, Activation.TANH}) {
            for (boolean alias : new boolean[] {false, true}) {
                tests.addAll(perShape("jordanOutputBackward " + act.id() + (alias ? " dyPre aliasing dy" : ""),
                        (in, batch, outputs) -> {
                            int n = batch * outputs;
                            Twin y = bench.twin(outputsOf(act, in, 1 + n));
                            Twin dy = bench.twin(in.uniform(3 + n, -1, 1));
                            Twin dyPre = alias ? dy : bench.twin(in.uniform(2 + n + 2, -9, 9));
                            int dyPreOff = alias ? 3 : 2;
                            bench.run(b -> b.jordanOutputBackward(act, batch, outputs, y.on(b), 1, dy.on(b), 3,
                                    dyPre.on(b), dyPreOff));
                            bench.assertClose("dyPre", dyPre, tolerances().elementwise());
                        }));
            }
        }
        return tests.stream();
    }
}
