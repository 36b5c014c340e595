package org.rnn4j.backend.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.backend.PerStepSequences;
import org.rnn4j.api.kernel.Activation;
import org.rnn4j.api.tensor.Tensor;

/**
 * The fused recurrences of {@link Recurrences} against the step-by-step definition of
 * {@link org.rnn4j.api.kernel.SequenceKernels} run on the same backend, bit for bit, on 1, 2 and
 * 3 threads. The shapes are above {@link Recurrences#PARALLEL_FLOPS}, so several threads really
 * share the work: batches of fewer than MR rows per thread split the hidden units (a barrier
 * per step), larger ones split the batch rows (no barrier); batch 16 takes the first way on 3
 * threads and the second on 2. Hidden sizes are no multiple of any vector width, and the batches
 * leave a last row panel of fewer than MR rows (packed) after full ones (read in place).
 *
 * <p>{@link LstmStep}'s batch-1 step with its input projection is held against the same
 * composition.
 *
 * <p>Bit-for-bit holds because both paths run the same micro-kernels with the same k blocking
 * and the same vector routines per element; the backend test kit checks the values against the
 * float64 oracle.
 */
class RecurrencesTest {

    private static final int STEPS = 5;

    /** Tensors of one run, filled from one seed. */
    private static final class Run {
        final Backend backend;
        final List<Tensor> tensors = new ArrayList<>();
        final SplittableRandom random = new SplittableRandom(42);

        Run(Backend backend) {
            this.backend = backend;
        }

        Tensor uniform(int n, double lo, double hi) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) (lo + (hi - lo) * random.nextDouble());
            }
            Tensor t = backend.allocate(n);
            backend.upload(v, 0, t, 0, n);
            tensors.add(t);
            return t;
        }

        float[] all() {
            int size = tensors.stream().mapToInt(Tensor::size).sum();
            float[] out = new float[size];
            int at = 0;
            for (Tensor t : tensors) {
                backend.download(t, 0, out, at, t.size());
                at += t.size();
            }
            return out;
        }
    }

    private static float[] lstm(Backend b, int batch, int hidden) {
        Run r = new Run(b);
        int bh = batch * hidden;
        int n = STEPS * bh;
        double w = 1 / Math.sqrt(hidden);
        Tensor wHh = r.uniform(4 * hidden * hidden, -w, w);
        Tensor h0 = r.uniform(bh, -1, 1);
        Tensor c0 = r.uniform(bh, -1, 1);
        Tensor gates = r.uniform(4 * n, -2, 2);
        Tensor c = r.uniform(n, 0, 0);
        Tensor h = r.uniform(n, 0, 0);
        Tensor dOut = r.uniform(n, -1, 1);
        Tensor dh = r.uniform(bh, -1, 1);
        Tensor dc = r.uniform(bh, -1, 1);
        Tensor dGates = r.uniform(4 * n, 0, 0);
        b.lstmSequenceForward(STEPS, batch, hidden, wHh, 0, h0, 0, c0, 0, gates, 0, c, 0, h, 0);
        b.lstmSequenceBackward(STEPS, batch, hidden, wHh, 0, c0, 0, gates, 0, c, 0, dOut, 0, dh, 0, dc, 0, dGates, 0);
        return r.all();
    }

    private static float[] gru(Backend b, int batch, int hidden) {
        Run r = new Run(b);
        int bh = batch * hidden;
        int n = STEPS * bh;
        double w = 1 / Math.sqrt(hidden);
        Tensor wHh = r.uniform(3 * hidden * hidden, -w, w);
        Tensor h0 = r.uniform(bh, -1, 1);
        Tensor xg = r.uniform(3 * n, -2, 2);
        Tensor hg = r.uniform(3 * n, -0.5, 0.5);
        Tensor h = r.uniform(n, 0, 0);
        Tensor dOut = r.uniform(n, -1, 1);
        Tensor dh = r.uniform(bh, -1, 1);
        Tensor dXg = r.uniform(3 * n, 0, 0);
        Tensor dHg = r.uniform(3 * n, 0, 0);
        b.gruSequenceForward(STEPS, batch, hidden, wHh, 0, h0, 0, xg, 0, hg, 0, h, 0);
        b.gruSequenceBackward(STEPS, batch, hidden, wHh, 0, h0, 0, xg, 0, hg, 0, h, 0, dOut, 0, dh, 0, dXg, 0, dHg, 0);
        return r.all();
    }

    private static float[] elman(Backend b, Activation act, int batch, int hidden) {
        Run r = new Run(b);
        int bh = batch * hidden;
        int n = STEPS * bh;
        double w = 1 / Math.sqrt(hidden);
        Tensor wHh = r.uniform(hidden * hidden, -w, w);
        Tensor h0 = r.uniform(bh, -1, 1);
        Tensor h = r.uniform(n, -2, 2);
        Tensor dOut = r.uniform(n, -1, 1);
        Tensor dh = r.uniform(bh, -1, 1);
        Tensor dPre = r.uniform(n, 0, 0);
        b.elmanSequenceForward(act, STEPS, batch, hidden, wHh, 0, h0, 0, h, 0);
        b.elmanSequenceBackward(act, STEPS, batch, hidden, wHh, 0, h, 0, dOut, 0, dh, 0, dPre, 0);
        return r.all();
    }

    /** {@code STEPS} single steps of a layer with a dense input, the state fed back after each. */
    private static float[] lstmStep(Backend b, int inputSize, int hidden) {
        Run r = new Run(b);
        double w = 1 / Math.sqrt(hidden);
        Tensor x = r.uniform(inputSize, -1, 1);
        Tensor wIh = r.uniform(4 * hidden * inputSize, -w, w);
        Tensor bias = r.uniform(4 * hidden, -w, w);
        Tensor wHh = r.uniform(4 * hidden * hidden, -w, w);
        Tensor h0 = r.uniform(hidden, -1, 1);
        Tensor c0 = r.uniform(hidden, -1, 1);
        Tensor gates = r.uniform(4 * hidden, 0, 0);
        Tensor c = r.uniform(hidden, 0, 0);
        Tensor h = r.uniform(hidden, 0, 0);
        for (int t = 0; t < STEPS; t++) {
            b.lstmStepForward(1, inputSize, hidden, x, 0, wIh, 0, bias, 0, wHh, 0, h0, 0, c0, 0, gates, 0, c, 0, h, 0);
            b.copy(h, 0, h0, 0, hidden);
            b.copy(c, 0, c0, 0, hidden);
        }
        return r.all();
    }

    private interface Case {
        float[] run(Backend backend);
    }

    private static void fusedEqualsStepByStep(Case c) {
        fusedEqualsStepByStep(c, 1, 2, 3);
    }

    private static void fusedEqualsStepByStep(Case c, int... threadCounts) {
        float[] reference;
        try (SimdBackend one = new SimdBackend(1)) {
            reference = c.run(PerStepSequences.of(one));
        }
        assertThat(reference).as("the inputs produce finite results").doesNotContain(Float.NaN);
        for (int threads : threadCounts) {
            try (SimdBackend backend = new SimdBackend(threads)) {
                // Arrays.mismatch compares bits (as Float.floatToIntBits); AssertJ's containsExactly
                // diffs large arrays in quadratic time
                float[] fused = c.run(backend);
                int at = Arrays.mismatch(fused, reference);
                assertThat(at).as("first element where fused on %d threads differs from step by step: %s", threads,
                        at < 0 ? "none" : fused[at] + " vs " + reference[at]).isEqualTo(-1);
            }
        }
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {9, 16, 29})
    void lstm(int batch) {
        assertThat((long) batch * 4 * 130 * 130).isGreaterThanOrEqualTo(Recurrences.PARALLEL_FLOPS);
        fusedEqualsStepByStep(b -> lstm(b, batch, 130));
    }

    /**
     * Batch 36 on 5 threads splits the units; hidden 64 is two column panels at 512 bits (four at
     * 256), so some threads own no units and only meet the others.
     */
    @Test
    void lstmWithFewerPanelsThanThreads() {
        assertThat(36L * 4 * 64 * 64).isGreaterThanOrEqualTo(Recurrences.PARALLEL_FLOPS);
        fusedEqualsStepByStep(b -> lstm(b, 36, 64), 1, 5);
    }

    /**
     * One step with its input projection at batch 1 (sampling a layer above the first): the
     * units split over the threads ({@link LstmStep}) against the composition of the interface
     * default. Hidden 384 is three wide panels at 512 bits (six at 256, twelve at 128), so
     * 2 and 3 threads both split it; an input of 600 steps of k is two k blocks.
     */
    @Test
    void lstmStepWithItsInputProjection() {
        try (WorkerPool pool = new WorkerPool(3)) {
            assertThat(new LstmStep(pool, null).handles(1, 600, 384)).as("the fused step applies").isTrue();
        }
        fusedEqualsStepByStep(b -> lstmStep(b, 600, 384));
    }

    /** Weights too large for the packed-weight cache take the composition instead of failing. */
    @Test
    void aLayerTooWideForTheWeightCacheTakesTheComposition() {
        try (WorkerPool pool = new WorkerPool(2)) {
            LstmStep step = new LstmStep(pool, null);
            int widest = 2048;
            assertThat(4L * widest * widest).isLessThanOrEqualTo(PackedWeights.MAX_FLOATS);
            assertThat(step.handles(1, 0, widest)).isTrue();
            int tooWide = 2048 + 4 * GemmKernels.WIDE;
            assertThat(step.handles(1, 0, tooWide)).isFalse();
            assertThat(step.handles(1, 4 * widest, widest)).as("an input too wide").isFalse();
        }
    }

    /** Batch 1: the units split over the threads with a meeting per step ({@link LstmStep}). */
    @Test
    void lstmAtBatchOne() {
        try (WorkerPool pool = new WorkerPool(3)) {
            assertThat(new LstmStep(pool, null).handles(1, 0, 384)).as("the fused recurrence applies").isTrue();
        }
        fusedEqualsStepByStep(b -> lstm(b, 1, 384));
    }

    @ParameterizedTest(name = "batch {0}")
    @ValueSource(ints = {13, 16, 29})
    void gru(int batch) {
        assertThat((long) batch * 3 * 130 * 130).isGreaterThanOrEqualTo(Recurrences.PARALLEL_FLOPS);
        fusedEqualsStepByStep(b -> gru(b, batch, 130));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"tanh", "relu"})
    void elman(String activation) {
        Activation act = Activation.parse(activation);
        assertThat(13L * 210 * 210).isGreaterThanOrEqualTo(Recurrences.PARALLEL_FLOPS);
        fusedEqualsStepByStep(b -> elman(b, act, 13, 210));
    }

    /** 24 rows: eight per thread on 3 threads, so every thread count up to 3 splits the rows. */
    @Test
    void elmanSplittingRows() {
        assertThat(24L * 150 * 150).isGreaterThanOrEqualTo(Recurrences.PARALLEL_FLOPS);
        fusedEqualsStepByStep(b -> elman(b, Activation.TANH, 24, 150));
    }
}
