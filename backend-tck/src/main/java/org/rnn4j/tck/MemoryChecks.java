package org.rnn4j.tck;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.backend.Precision;
import org.rnn4j.api.tensor.Shape;
import org.rnn4j.api.tensor.Tensor;

/**
 * {@link org.rnn4j.api.kernel.MemoryKernels}: allocation, host copies, device copies and fills.
 * All exact: nothing here rounds, except uploading doubles to a float32 backend, which must round
 * to nearest.
 */
abstract class MemoryChecks extends KernelChecks {

    MemoryChecks(Bench bench) {
        super(bench);
    }

    @TestFactory
    Stream<DynamicTest> allocateGivesZeroFilledTensorsOfThisBackend() {
        return IntStream.of(LENGTHS).mapToObj(n -> check(name("allocate [2, %d, 3]", n), in -> {
            Backend backend = bench.backend();
            Shape shape = Shape.of(2, n, 3);
            Tensor t = bench.track(backend.allocate(shape));
            assertThat(t.shape()).as("shape").isEqualTo(shape);
            assertThat(t.size()).as("size").isEqualTo(6 * n);
            assertThat(t.backendName()).as("backendName").isEqualTo(backend.name());
            float[] back = new float[t.size()];
            java.util.Arrays.fill(back, Float.NaN);
            backend.download(t, 0, back, 0, back.length);
            Verdict.bitExact("allocated contents", back, new float[back.length]);
        }));
    }

    @TestFactory
    Stream<DynamicTest> uploadAndDownloadFloatsWithOffsets() {
        return IntStream.of(LENGTHS).mapToObj(n -> check(name("upload/download float n=%d", n), in -> {
            float[] src = in.uniform(n + 5, -100, 100);
            Twin t = bench.twin(in.uniform(n + 9, -1, 1));
            bench.run(b -> b.upload(src, 2, t.on(b), 4, n));
            bench.assertExact("dst after upload", t);
            // Download into the middle of a host array: the elements around must survive.
            float[] garbage = in.uniform(n + 7, -1, 1);
            float[] actual = garbage.clone();
            float[] expected = garbage.clone();
            bench.backend().download(t.actual(), 3, actual, 1, n + 2);
            bench.oracle().download(t.expected(), 3, expected, 1, n + 2);
            Verdict.bitExact("host array after download", actual, expected);
        }));
    }

    @TestFactory
    Stream<DynamicTest> uploadDoublesRoundsToNearest() {
        return IntStream.of(LENGTHS).mapToObj(n -> check(name("upload/download double n=%d", n), in -> {
            double[] src = new double[n + 3];
            for (int i = 0; i < src.length; i++) {
                // Not representable as floats: the backend must round to its precision.
                src[i] = in.uniform(1, -10, 10)[0] * (1 + 1e-9 * (i + 1)) + 1e-12;
            }
            Twin t = bench.twin(in.uniform(n + 4, -1, 1));
            bench.run(b -> b.upload(src, 3, t.on(b), 1, n));
            bench.assertExact("dst after upload", t);
            float[] actual = new float[n];
            float[] expected = new float[n];
            bench.backend().download(t.actual(), 1, actual, 0, n);
            bench.oracle().download(t.expected(), 1, expected, 0, n);
            if (bench.precision() == Precision.FLOAT32) {
                Verdict.bitExact("downloaded floats", actual, expected);
            }
        }));
    }

    @TestFactory
    Stream<DynamicTest> copyBetweenAndWithinTensors() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int n : LENGTHS) {
            tests.add(check(name("copy n=%d to another tensor", n), in -> {
                Twin src = bench.twin(in.uniform(n + 6, -5, 5));
                Twin dst = bench.twin(in.uniform(n + 3, -5, 5));
                bench.run(b -> b.copy(src.on(b), 5, dst.on(b), 2, n));
                bench.assertExact("dst", dst);
                bench.assertUnchanged("src", src);
            }));
            tests.add(check(name("copy n=%d within one tensor", n), in -> {
                Twin t = bench.twin(in.uniform(2 * n + 3, -5, 5));
                bench.run(b -> b.copy(t.on(b), n + 2, t.on(b), 1, n)); // disjoint ranges, backwards
                bench.assertExact("tensor", t);
            }));
            tests.add(check(name("copy n=%d onto itself", n), in -> {
                Twin t = bench.twin(in.uniform(n + 2, -5, 5));
                bench.run(b -> b.copy(t.on(b), 1, t.on(b), 1, n)); // identical ranges are allowed
                bench.assertUnchanged("tensor", t);
            }));
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> fill() {
        float[] values = {0f, -1.5f, 3.0e38f, Float.NaN};
        List<DynamicTest> tests = new ArrayList<>();
        for (int n : LENGTHS) {
            for (float value : values) {
                tests.add(check(name("fill n=%d with %s", n, value), in -> {
                    Twin t = bench.twin(in.uniform(n + 5, -1, 1));
                    bench.run(b -> b.fill(t.on(b), 3, n, value));
                    bench.assertExact("dst", t);
                }));
            }
        }
        return tests.stream();
    }
}
