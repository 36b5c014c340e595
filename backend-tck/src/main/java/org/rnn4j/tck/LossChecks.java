package org.rnn4j.tck;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rnn4j.api.tensor.Tensor;

/**
 * {@link org.rnn4j.api.kernel.LossKernels}: softmax cross-entropy with ignored rows, squared
 * error with masks, and the tempered softmax, each with and without a gradient and in place.
 * Every fourth row of logits is shifted by +90, beyond where {@code exp} overflows float32: the
 * max must be subtracted (the softmax Javadoc says so; a cross-entropy that overflowed on such
 * logits would stop any training that meets them, so the kit demands the same of it).
 */
abstract class LossChecks extends KernelChecks {

    private static final int[] ROWS = {1, 3, 17, 64};
    private static final int[] CLASSES = {1, 3, 17, 65, 257};

    /** Where the gradient goes: a separate tensor, nowhere (loss only), or over the input. */
    private enum Gradient {
        SEPARATE("dLogits separate"), NONE("loss only"), IN_PLACE("in place");

        final String label;

        Gradient(String label) {
            this.label = label;
        }
    }

    LossChecks(Bench bench) {
        super(bench);
    }

    /** Logits in [-4, 4) at {@code offset}, every fourth row shifted up by 90 (see the class doc). */
    private static float[] logits(Inputs in, int offset, int rows, int classes, int tail) {
        float[] l = in.uniform(offset + rows * classes + tail, -4, 4);
        for (int r = 1; r < rows; r += 4) {
            for (int c = 0; c < classes; c++) {
                l[offset + r * classes + c] += 90f;
            }
        }
        return l;
    }

    @TestFactory
    Stream<DynamicTest> softmaxCrossEntropy() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int rows : ROWS) {
            for (int classes : CLASSES) {
                for (Gradient gradient : Gradient.values()) {
                    tests.add(check(name("softmaxCrossEntropy rows=%d classes=%d %s", rows, classes, gradient.label),
                            in -> crossEntropyCase(in, rows, classes, gradient)));
                }
            }
        }
        return tests.stream();
    }

    private void crossEntropyCase(Inputs in, int rows, int classes, Gradient gradient) {
        int lOff = 3;
        float[] l = logits(in, lOff, rows, classes, 2);
        double[] rowMax = maxAbsPerRow(l, lOff, rows, classes);
        int[] targets = new int[2 + rows];
        int valid = 0;
        double scale = 0;
        for (int r = 0; r < rows; r++) {
            boolean ignored = in.chance(0.2);
            targets[2 + r] = ignored ? -1 - in.nextInt(0, 3) : in.nextInt(0, classes);
            if (!ignored) {
                valid++;
                // |log-sum-exp| + |l_target| <= ln(classes) + 2 max|l|, plus 1 for exp's own error
                scale += 1 + Math.log(classes) + 2 * rowMax[r];
            }
        }
        float gradScale = 1f / Math.max(1, valid);
        Twin logits = bench.twin(l);
        Twin dLogits = gradient == Gradient.SEPARATE ? bench.twin(in.uniform(1 + rows * classes + 1, -9, 9)) : null;
        double[] loss = bench.values(b -> {
            Tensor d = gradient == Gradient.NONE ? null : gradient == Gradient.IN_PLACE ? logits.on(b) : dLogits.on(b);
            int dOff = gradient == Gradient.IN_PLACE ? lOff : 1;
            return b.softmaxCrossEntropy(rows, classes, logits.on(b), lOff, targets, 2, gradScale, d, dOff);
        });
        Verdict.scalar("loss", loss[0], loss[1], tolerances().reductionBound(rows + classes, scale));
        if (gradient != Gradient.NONE) {
            Twin d = gradient == Gradient.IN_PLACE ? logits : dLogits;
            int dOff = gradient == Gradient.IN_PLACE ? lOff : 1;
            double[] ref = bench.expected(d);
            bench.assertWithin(gradient == Gradient.IN_PLACE ? "dLogits (aliasing logits)" : "dLogits", d, i -> {
                int at = i - dOff;
                if (at < 0 || at >= rows * classes) {
                    return 0; // outside the block: untouched
                }
                int r = at / classes;
                int target = targets[2 + r];
                if (target < 0) {
                    return 0; // an ignored row: exact zeros
                }
                // dLogits = gradScale (p - onehot): the error is carried by p, not by p - 1.
                double p = ref[i] / gradScale + (at % classes == target ? 1 : 0);
                return probabilityBound(p, rowMax[r]) * Math.abs(gradScale);
            });
        }
        if (gradient != Gradient.IN_PLACE) {
            bench.assertUnchanged("logits", logits);
        }
    }

    /**
     * The error allowed on a probability {@code p} from a row whose largest logit (divided by the
     * temperature) is {@code scale}: the transcendental tolerance, plus {@code 2 * 2^-24 * scale}
     * relative, the rounding of a float32 exponent such as {@code l - logSumExp} of that size.
     */
    private double probabilityBound(double p, double scale) {
        Tolerance t = tolerances().transcendental();
        return t.absolute() + (t.relative() + 2 * Tolerances.FLOAT_UNIT_ROUNDOFF * scale) * Math.abs(p);
    }

    private static double[] maxAbsPerRow(float[] l, int offset, int rows, int classes) {
        double[] max = new double[rows];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < classes; c++) {
                max[r] = Math.max(max[r], Math.abs(l[offset + r * classes + c]));
            }
        }
        return max;
    }

    @TestFactory
    Stream<DynamicTest> squaredError() {
        String[] variants = {"no mask", "mask", "mask, loss only", "no mask, dPred aliasing pred"};
        List<DynamicTest> tests = new ArrayList<>();
        for (int n : LENGTHS) {
            for (int v = 0; v < variants.length; v++) {
                int variant = v;
                tests.add(check(name("squaredError n=%d %s", n, variants[v]), in -> squaredErrorCase(in, n, variant)));
            }
        }
        return tests.stream();
    }

    private void squaredErrorCase(Inputs in, int n, int variant) {
        boolean masked = variant == 1 || variant == 2;
        boolean noGradient = variant == 2;
        boolean inPlace = variant == 3;
        float[] p = in.uniform(2 + n, -2, 2);
        float[] t = in.uniform(n + 3, -2, 2);
        float[] m = new float[4 + n];
        float[] weights = {0f, 0.25f, 0.5f, 1f};
        for (int i = 0; i < m.length; i++) {
            m[i] = weights[in.nextInt(0, weights.length)];
        }
        double scale = 0;
        for (int i = 0; i < n; i++) {
            double d = (double) p[2 + i] - t[i];
            scale += (masked ? m[4 + i] : 1) * d * d;
        }
        Twin pred = bench.twin(p);
        Twin target = bench.twin(t);
        Twin mask = bench.twin(m);
        Twin dPred = inPlace || noGradient ? null : bench.twin(in.uniform(1 + n, -9, 9));
        float gradScale = 1f / n;
        double[] loss = bench.values(b -> b.squaredError(n, pred.on(b), 2, target.on(b), 0,
                masked ? mask.on(b) : null, 4, gradScale,
                noGradient ? null : inPlace ? pred.on(b) : dPred.on(b), inPlace ? 2 : 1));
        Verdict.scalar("loss", loss[0], loss[1], tolerances().reductionBound(n + 1, scale));
        if (dPred != null) {
            bench.assertClose("dPred", dPred, tolerances().elementwise());
        }
        if (inPlace) {
            bench.assertClose("dPred (aliasing pred)", pred, tolerances().elementwise());
        } else {
            bench.assertUnchanged("pred", pred);
        }
        bench.assertUnchanged("target", target);
    }

    @TestFactory
    Stream<DynamicTest> softmax() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int rows : new int[] {1, 3, 17}) {
            for (int classes : CLASSES) {
                for (float temperature : new float[] {1f, 0.5f, 2f}) {
                    tests.add(check(name("softmax rows=%d classes=%d temperature=%s", rows, classes, temperature),
                            in -> softmaxCase(in, rows, classes, temperature, false)));
                }
                tests.add(check(name("softmax rows=%d classes=%d temperature=0.7 in place", rows, classes),
                        in -> softmaxCase(in, rows, classes, 0.7f, true)));
            }
        }
        return tests.stream();
    }

    private void softmaxCase(Inputs in, int rows, int classes, float temperature, boolean inPlace) {
        float[] l = logits(in, 2, rows, classes, 1);
        double[] rowMax = maxAbsPerRow(l, 2, rows, classes);
        Twin logits = bench.twin(l);
        Twin probs = inPlace ? logits : bench.twin(in.uniform(3 + rows * classes, -9, 9));
        int probsOff = inPlace ? 2 : 3;
        bench.run(b -> b.softmax(rows, classes, temperature, logits.on(b), 2, probs.on(b), probsOff));
        double[] ref = bench.expected(probs);
        bench.assertWithin(inPlace ? "probs (aliasing logits)" : "probs", probs, i -> {
            int at = i - probsOff;
            return at < 0 || at >= rows * classes ? 0
                    : probabilityBound(ref[i], rowMax[at / classes] / temperature);
        });
        if (!inPlace) {
            bench.assertUnchanged("logits", logits);
        }
    }
}
