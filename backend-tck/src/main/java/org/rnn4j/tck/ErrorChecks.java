package org.rnn4j.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.kernel.Activation;
import org.rnn4j.api.kernel.AdamSettings;
import org.rnn4j.api.kernel.SgdSettings;
import org.rnn4j.api.tensor.Shape;
import org.rnn4j.api.tensor.Tensor;

/**
 * The error contract of {@link Backend}: a tensor of another backend, a range that does not fit
 * and a value out of its domain are each refused with an {@link IllegalArgumentException}, and
 * for tensors and ranges the message names the argument as the kernel's Javadoc does (GEMM's
 * matrices are {@code A}, {@code B} and {@code C}, as in its formula). The name must appear as a
 * whole word, case-sensitively.
 */
abstract class ErrorChecks extends KernelChecks {

    private static final AdamSettings ADAM = new AdamSettings(0.9f, 0.999f, 1e-8f, 0f, false);
    private static final SgdSettings MOMENTUM = new SgdSettings(0.9f, 0f, false, 0f);

    ErrorChecks(Bench bench) {
        super(bench);
    }

    /** A tensor no backend owns: a backend must refuse it without a ClassCastException. */
    private static final class StrangerTensor implements Tensor {
        private final Shape shape = Shape.of(64);

        @Override
        public Shape shape() {
            return shape;
        }

        @Override
        public String backendName() {
            return "tck-stranger";
        }

        @Override
        public void close() {
        }
    }

    /** A kernel call given a tensor ({@code t}) to pass where the argument under test goes. */
    private interface Call {
        void run(Backend b, Tensor t);
    }

    private record Case(String kernel, String argument, Call call) {
    }

    private Tensor own(int n) {
        return bench.track(bench.backend().allocate(n));
    }

    /** Every kernel handed a foreign tensor as {@code argument}; the others are the backend's own. */
    private List<Case> foreignCases() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("upload", "dst", (b, t) -> b.upload(new float[4], 0, t, 0, 4)));
        cases.add(new Case("download", "src", (b, t) -> b.download(t, 0, new float[4], 0, 4)));
        cases.add(new Case("copy", "src", (b, t) -> b.copy(t, 0, own(4), 0, 4)));
        cases.add(new Case("copy", "dst", (b, t) -> b.copy(own(4), 0, t, 0, 4)));
        cases.add(new Case("fill", "dst", (b, t) -> b.fill(t, 0, 4, 1f)));
        cases.add(new Case("gemm", "A", (b, t) -> b.gemm(false, false, 2, 2, 2, 1f, t, 0, 2, own(4), 0, 2, 0f, own(4), 0, 2)));
        cases.add(new Case("gemm", "B", (b, t) -> b.gemm(false, false, 2, 2, 2, 1f, own(4), 0, 2, t, 0, 2, 0f, own(4), 0, 2)));
        cases.add(new Case("gemm", "C", (b, t) -> b.gemm(false, false, 2, 2, 2, 1f, own(4), 0, 2, own(4), 0, 2, 0f, t, 0, 2)));
        cases.add(new Case("activation", "x", (b, t) -> b.activation(Activation.TANH, 4, t, 0, own(4), 0)));
        cases.add(new Case("oneHotProduct", "W", (b, t) -> b.oneHotProduct(2, 2, 3, new int[] {0, 2}, 0, t, 0,
                own(4), 0)));
        cases.add(new Case("oneHotWeightGradient", "dC", (b, t) -> b.oneHotWeightGradient(2, 2, 3, new int[] {0, 2},
                0, t, 0, own(6), 0)));
        cases.add(new Case("sumOfSquares", "x", (b, t) -> b.sumOfSquares(4, t, 0)));
        cases.add(new Case("dropoutMask", "mask", (b, t) -> b.dropoutMask(4, 0.5f, 1L, 0L, t, 0)));
        cases.add(new Case("lstmForward", "gates", (b, t) -> b.lstmForward(1, 2, t, 0, own(2), 0, own(2), 0, own(2), 0)));
        cases.add(new Case("gruBackward", "dHg", (b, t) -> b.gruBackward(1, 2, own(6), 0, own(6), 0, own(2), 0,
                own(2), 0, own(6), 0, t, 0, own(2), 0)));
        cases.add(new Case("softmaxCrossEntropy", "logits", (b, t) -> b.softmaxCrossEntropy(2, 2, t, 0,
                new int[] {0, 1}, 0, 1f, own(4), 0)));
        cases.add(new Case("squaredError", "target", (b, t) -> b.squaredError(4, own(4), 0, t, 0, null, 0, 1f,
                null, 0)));
        cases.add(new Case("adamStep", "v", (b, t) -> b.adamStep(own(4), own(4), own(4), t, 0, 4, 1e-3f, 1, ADAM)));
        return cases;
    }

    @TestFactory
    Stream<DynamicTest> tensorsOfTheOracleAreRefused() {
        return foreignCases().stream().map(c -> dynamicTest(
                name("%s refuses the oracle's tensor as %s", c.kernel(), c.argument()), () -> {
                    Assumptions.assumeFalse(bench.backend().name().equals(bench.oracle().name()),
                            "the backend under test is the oracle itself");
                    Tensor foreign = bench.track(bench.oracle().allocate(64));
                    assertRefused(c.argument(), () -> c.call().run(bench.backend(), foreign));
                }));
    }

    @TestFactory
    Stream<DynamicTest> tensorsOfNoKnownBackendAreRefused() {
        return foreignCases().stream().map(c -> dynamicTest(
                name("%s refuses a stranger's tensor as %s", c.kernel(), c.argument()),
                () -> assertRefused(c.argument(), () -> c.call().run(bench.backend(), new StrangerTensor()))));
    }

    /** Each call has one range that does not fit, in the named argument. */
    @TestFactory
    Stream<DynamicTest> rangesThatDoNotFitAreRefused() {
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("upload", "dst", (b, t) -> b.upload(new float[8], 0, own(4), 1, 4)));
        cases.add(new Case("upload", "src", (b, t) -> b.upload(new float[4], 2, own(8), 0, 4)));
        cases.add(new Case("download", "dst", (b, t) -> b.download(own(8), 0, new float[4], 1, 4)));
        cases.add(new Case("download", "src", (b, t) -> b.download(own(4), 3, new float[8], 0, 4)));
        cases.add(new Case("copy", "dst", (b, t) -> b.copy(own(8), 0, own(4), 2, 4)));
        cases.add(new Case("fill", "dst", (b, t) -> b.fill(own(4), -1, 2, 0f)));
        cases.add(new Case("gemm", "A", (b, t) -> b.gemm(false, false, 2, 2, 2, 1f, own(4), 1, 2, own(4), 0, 2, 0f,
                own(4), 0, 2)));
        cases.add(new Case("gemm", "B", (b, t) -> b.gemm(false, false, 2, 2, 2, 1f, own(4), 0, 2, own(8), 0, 1, 0f,
                own(4), 0, 2)));
        cases.add(new Case("gemm", "C", (b, t) -> b.gemm(true, true, 2, 2, 2, 1f, own(4), 0, 2, own(4), 0, 2, 0f,
                own(3), 0, 2)));
        cases.add(new Case("copyMatrix", "dst", (b, t) -> b.copyMatrix(2, 3, own(6), 0, 3, own(6), 1, 3)));
        cases.add(new Case("oneHotProduct", "C", (b, t) -> b.oneHotProduct(2, 3, 4, new int[] {0, 1}, 0, own(12), 0,
                own(6), 1)));
        cases.add(new Case("oneHotProduct", "tokens", (b, t) -> b.oneHotProduct(3, 3, 4, new int[] {0, 1}, 0,
                own(12), 0, own(9), 0)));
        cases.add(new Case("oneHotWeightGradient", "dW", (b, t) -> b.oneHotWeightGradient(2, 3, 4, new int[] {0, 1},
                0, own(6), 0, own(11), 0)));
        cases.add(new Case("addRowVector", "v", (b, t) -> b.addRowVector(2, 3, own(3), 1, own(6), 0)));
        cases.add(new Case("sumRows", "out", (b, t) -> b.sumRows(2, 3, own(6), 0, 0f, own(2), 0)));
        cases.add(new Case("activation", "y", (b, t) -> b.activation(Activation.SIGMOID, 4, own(4), 0, own(4), -1)));
        cases.add(new Case("axpby", "y", (b, t) -> b.axpby(4, 1f, own(4), 0, 1f, own(5), 2)));
        cases.add(new Case("sumOfSquares", "x", (b, t) -> b.sumOfSquares(5, own(4), 0)));
        cases.add(new Case("dropoutMask", "mask", (b, t) -> b.dropoutMask(4, 0.5f, 1L, 0L, own(4), 1)));
        cases.add(new Case("gatherRows", "rows", (b, t) -> b.gatherRows(2, 2, own(6), 0, new int[] {0, 3}, 0,
                own(4), 0)));
        cases.add(new Case("gatherRows", "out", (b, t) -> b.gatherRows(2, 2, own(6), 0, new int[] {0, 1}, 0,
                own(3), 0)));
        cases.add(new Case("scatterAddRows", "rows", (b, t) -> b.scatterAddRows(2, 2, own(4), 0, new int[] {1, 5}, 0,
                own(6), 0)));
        cases.add(new Case("lstmForward", "gates", (b, t) -> b.lstmForward(2, 3, own(24), 1, own(6), 0, own(6), 0,
                own(6), 0)));
        cases.add(new Case("lstmForward", "h", (b, t) -> b.lstmForward(2, 3, own(24), 0, own(6), 0, own(6), 0,
                own(5), 0)));
        cases.add(new Case("lstmBackward", "dcPrev", (b, t) -> b.lstmBackward(2, 3, own(24), 0, own(6), 0, own(6), 0,
                own(6), 0, own(6), 0, own(24), 0, own(6), 1)));
        cases.add(new Case("gruForward", "hPrev", (b, t) -> b.gruForward(2, 3, own(18), 0, own(18), 0, own(6), 2,
                own(6), 0)));
        cases.add(new Case("gruBackward", "dXg", (b, t) -> b.gruBackward(2, 3, own(18), 0, own(18), 0, own(6), 0,
                own(6), 0, own(17), 0, own(18), 0, own(6), 0)));
        cases.add(new Case("elmanForward", "pre", (b, t) -> b.elmanForward(Activation.TANH, 2, 3, own(6), 1, own(6),
                0)));
        cases.add(new Case("elmanBackward", "dPre", (b, t) -> b.elmanBackward(Activation.TANH, 2, 3, own(6), 0,
                own(6), 0, own(6), 2)));
        cases.add(new Case("jordanOutputBackward", "dyPre", (b, t) -> b.jordanOutputBackward(Activation.TANH, 2, 3,
                own(6), 0, own(6), 0, own(5), 0)));
        cases.add(new Case("jordanOutputForward", "bias", (b, t) -> b.jordanOutputForward(Activation.TANH, 2, 3,
                own(6), 0, own(3), 1, own(6), 0)));
        cases.add(new Case("softmaxCrossEntropy", "dLogits", (b, t) -> b.softmaxCrossEntropy(2, 3, own(6), 0,
                new int[] {0, 1}, 0, 1f, own(5), 0)));
        cases.add(new Case("squaredError", "mask", (b, t) -> b.squaredError(4, own(4), 0, own(4), 0, own(4), 1, 1f,
                null, 0)));
        cases.add(new Case("softmax", "probs", (b, t) -> b.softmax(2, 3, 1f, own(6), 0, own(6), 1)));
        cases.add(new Case("sgdStep", "momentumBuffer", (b, t) -> b.sgdStep(own(8), own(8), own(4), 2, 4, 0.1f,
                true, MOMENTUM)));
        cases.add(new Case("adamStep", "m", (b, t) -> b.adamStep(own(8), own(8), own(5), own(8), 2, 4, 1e-3f, 1,
                ADAM)));
        return cases.stream().map(c -> dynamicTest(name("%s refuses a %s that does not fit", c.kernel(),
                        c.argument() == null ? "range" : c.argument()),
                () -> assertRefused(c.argument(), () -> c.call().run(bench.backend(), null))));
    }

    @TestFactory
    Stream<DynamicTest> valuesOutOfTheirDomainAreRefused() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int target : new int[] {3, 4}) {
            tests.add(refusedValue(name("softmaxCrossEntropy refuses target %d of 3 classes", target), "targets",
                    b -> b.softmaxCrossEntropy(2, 3, own(6), 0, new int[] {0, target}, 0, 1f, own(6), 0)));
        }
        for (int token : new int[] {4, 9}) {
            tests.add(refusedValue(name("oneHotProduct refuses token %d of a vocabulary of 4", token), "tokens[1]",
                    b -> b.oneHotProduct(2, 3, 4, new int[] {0, token}, 0, own(12), 0, own(6), 0)));
            tests.add(refusedValue(name("oneHotWeightGradient refuses token %d of a vocabulary of 4", token),
                    "tokens[1]", b -> b.oneHotWeightGradient(2, 3, 4, new int[] {0, token}, 0, own(6), 0, own(12), 0)));
        }
        for (float p : new float[] {-0.1f, 1f, 1.5f, Float.NaN}) {
            tests.add(refusedValue(name("dropoutMask refuses p=%s", p), null,
                    b -> b.dropoutMask(4, p, 1L, 0L, own(4), 0)));
        }
        for (float temperature : new float[] {0f, -1f, Float.NaN}) {
            tests.add(refusedValue(name("softmax refuses temperature=%s", temperature), "temperature",
                    b -> b.softmax(2, 3, temperature, own(6), 0, own(6), 0)));
        }
        tests.add(refusedValue("adamStep refuses step 0 (steps count from 1)", null,
                b -> b.adamStep(own(4), own(4), own(4), own(4), 0, 4, 1e-3f, 0, ADAM)));
        return tests.stream();
    }

    private DynamicTest refusedValue(String name, String argument, Consumer<Backend> call) {
        return dynamicTest(name, () -> assertRefused(argument, () -> call.accept(bench.backend())));
    }

    /** {@code call} throws an IllegalArgumentException whose message names {@code argument} (if given). */
    private static void assertRefused(String argument, Runnable call) {
        IllegalArgumentException refusal = assertThrows(IllegalArgumentException.class, call::run,
                "expected an IllegalArgumentException" + (argument == null ? "" : " naming '" + argument + "'"));
        if (argument != null) {
            assertThat(refusal.getMessage()).as("message of the refusal")
                    .isNotNull()
                    .containsPattern("(?<![A-Za-z0-9_])" + Pattern.quote(argument) + "(?![A-Za-z0-9_])");
        }
    }
}
