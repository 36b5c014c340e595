package org.rnn4j.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.kernel.AdagradSettings;
import org.rnn4j.api.kernel.AdamSettings;
import org.rnn4j.api.kernel.RmspropSettings;
import org.rnn4j.api.kernel.SgdSettings;
import org.rnn4j.api.tensor.Tensor;

/**
 * {@link org.rnn4j.api.kernel.OptimizerKernels}: every settings variant, run for
 * {@value #STEPS} steps in a row with a fresh gradient each step, so the state each backend
 * carries in its own buffers is checked after every step. The parameters are a range in the
 * middle of larger tensors: everything outside the range must stay as it was.
 */
abstract class OptimizerChecks extends KernelChecks {

    static final int STEPS = 5;
    private static final int[] SIZES = {1, 17, 65, 1000};

    OptimizerChecks(Bench bench) {
        super(bench);
    }

    /** One optimiser step over {@code [offset, offset + length)}; {@code state} as declared. */
    @FunctionalInterface
    private interface Update {
        void apply(Backend b, Tensor param, Tensor grad, Tensor[] state, int offset, int length, int step);
    }

    /**
     * A variant: its state buffers, each with the value it starts with inside the range (NaN for a
     * buffer the first step must overwrite without reading), and the update.
     */
    private record Variant(String name, String[] stateNames, float[] stateStart, Update update) {
    }

    private static final float NEVER_READ = Float.NaN;

    private static List<Variant> variants() {
        List<Variant> v = new ArrayList<>();
        sgd(v, "sgd plain", new SgdSettings(0f, 0f, false, 0f));
        sgd(v, "sgd weight decay", new SgdSettings(0f, 0f, false, 1e-2f));
        sgd(v, "sgd momentum", new SgdSettings(0.9f, 0f, false, 0f));
        sgd(v, "sgd momentum dampening weight decay", new SgdSettings(0.9f, 0.1f, false, 1e-3f));
        sgd(v, "sgd nesterov", new SgdSettings(0.9f, 0f, true, 0f));
        sgd(v, "sgd nesterov weight decay", new SgdSettings(0.9f, 0f, true, 1e-2f));
        adam(v, "adam", new AdamSettings(0.9f, 0.999f, 1e-8f, 0f, false));
        adam(v, "adam L2 weight decay", new AdamSettings(0.9f, 0.999f, 1e-8f, 1e-2f, false));
        adam(v, "adamW", new AdamSettings(0.9f, 0.999f, 1e-8f, 1e-2f, true));
        rmsprop(v, "rmsprop", new RmspropSettings(0.99f, 1e-8f, 0f, 0f));
        rmsprop(v, "rmsprop weight decay", new RmspropSettings(0.99f, 1e-8f, 1e-2f, 0f));
        rmsprop(v, "rmsprop momentum", new RmspropSettings(0.99f, 1e-8f, 0f, 0.9f));
        rmsprop(v, "rmsprop momentum weight decay", new RmspropSettings(0.9f, 1e-6f, 1e-2f, 0.5f));
        adagrad(v, "adagrad", new AdagradSettings(1e-10f, 0f));
        adagrad(v, "adagrad weight decay", new AdagradSettings(1e-10f, 1e-2f));
        return v;
    }

    private static void sgd(List<Variant> v, String name, SgdSettings s) {
        if (s.momentum() == 0) {
            // No buffer at all: the Javadoc allows null when momentum is 0.
            v.add(new Variant(name, new String[0], new float[0],
                    (b, p, g, st, off, len, step) -> b.sgdStep(p, g, null, off, len, 0.1f, step == 1, s)));
        } else {
            // The first step sets buf = g: whatever the buffer held (NaN here) is never read.
            v.add(new Variant(name, new String[] {"momentumBuffer"}, new float[] {NEVER_READ},
                    (b, p, g, st, off, len, step) -> b.sgdStep(p, g, st[0], off, len, 0.1f, step == 1, s)));
        }
    }

    private static void adam(List<Variant> v, String name, AdamSettings s) {
        v.add(new Variant(name, new String[] {"m", "v"}, new float[] {0f, 0f},
                (b, p, g, st, off, len, step) -> b.adamStep(p, g, st[0], st[1], off, len, 1e-2f, step, s)));
    }

    private static void rmsprop(List<Variant> v, String name, RmspropSettings s) {
        if (s.momentum() == 0) {
            v.add(new Variant(name, new String[] {"square"}, new float[] {0f},
                    (b, p, g, st, off, len, step) -> b.rmspropStep(p, g, st[0], null, off, len, 1e-2f, s)));
        } else {
            v.add(new Variant(name, new String[] {"square", "momentumBuffer"}, new float[] {0f, 0f},
                    (b, p, g, st, off, len, step) -> b.rmspropStep(p, g, st[0], st[1], off, len, 1e-2f, s)));
        }
    }

    private static void adagrad(List<Variant> v, String name, AdagradSettings s) {
        v.add(new Variant(name, new String[] {"sum"}, new float[] {0f},
                (b, p, g, st, off, len, step) -> b.adagradStep(p, g, st[0], off, len, 0.1f, s)));
    }

    @TestFactory
    Stream<DynamicTest> optimizerSteps() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Variant variant : variants()) {
            for (int length : SIZES) {
                tests.add(check(name("%s length=%d, %d steps", variant.name(), length, STEPS),
                        in -> stepsCase(in, variant, length)));
            }
        }
        return tests.stream();
    }

    /**
     * Each value is updated as {@code x = a x + u}, and float32 rounds both terms: the relative
     * part of the element-wise tolerance applies to {@code |x| + |x before the step|}, which bounds
     * them (RMSprop's normalised gradients start near {@code 1 / sqrt(1 - alpha)} = 10 and
     * cancel against the momentum buffer, for instance). A value never read (NaN) counts as 0.
     */
    private void assertStep(String what, Twin twin, double[] before) {
        Tolerance tol = tolerances().elementwise();
        double[] ref = bench.expected(twin);
        bench.assertWithin(what, twin, i -> {
            double old = Double.isNaN(before[i]) ? 0 : Math.abs(before[i]);
            return tol.absolute() + tol.relative() * (Math.abs(ref[i]) + old);
        });
    }

    private void stepsCase(Inputs in, Variant variant, int length) {
        int offset = 3;
        int size = offset + length + 2;
        Twin param = bench.twin(in.uniform(size, -1, 1));
        int buffers = variant.stateNames().length;
        Twin[] state = new Twin[buffers];
        for (int s = 0; s < buffers; s++) {
            float[] start = in.uniform(size, -9, 9); // outside the range: must survive
            java.util.Arrays.fill(start, offset, offset + length, variant.stateStart()[s]);
            state[s] = bench.twin(start);
        }
        for (int step = 1; step <= STEPS; step++) {
            int t = step;
            Twin grad = bench.twin(in.uniform(size, -1, 1));
            double[] paramBefore = bench.expected(param);
            double[][] stateBefore = new double[buffers][];
            for (int s = 0; s < buffers; s++) {
                stateBefore[s] = bench.expected(state[s]);
            }
            bench.run(b -> {
                Tensor[] st = new Tensor[buffers];
                for (int s = 0; s < buffers; s++) {
                    st[s] = state[s].on(b);
                }
                variant.update().apply(b, param.on(b), grad.on(b), st, offset, length, t);
            });
            assertStep("param after step " + step, param, paramBefore);
            for (int s = 0; s < buffers; s++) {
                assertStep(variant.stateNames()[s] + " after step " + step, state[s], stateBefore[s]);
            }
            bench.assertUnchanged("grad", grad);
        }
    }
}
