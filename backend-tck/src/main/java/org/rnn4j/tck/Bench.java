package org.rnn4j.tck;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.IntToDoubleFunction;
import java.util.function.ToDoubleFunction;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.backend.Precision;
import org.rnn4j.api.tensor.Tensor;

/**
 * The backend under test and the float64 oracle side by side: creates {@link Twin}s, runs one
 * kernel on both, downloads and compares. Every tensor it creates is released by
 * {@link #release()} after each test, so a GPU backend does not accumulate memory over the kit.
 */
final class Bench implements AutoCloseable {

    private final Backend backend;
    private final Backend oracle;
    private final Tolerances tolerances;
    private final List<Tensor> live = new ArrayList<>();

    Bench(Backend backend, Backend oracle, Tolerances tolerances) {
        this.backend = backend;
        this.oracle = oracle;
        this.tolerances = tolerances;
    }

    Backend backend() {
        return backend;
    }

    Backend oracle() {
        return oracle;
    }

    Tolerances tolerances() {
        return tolerances;
    }

    /** Whether the backend under test stores float32 (its exact results are the oracle's rounded). */
    Precision precision() {
        return backend.precision();
    }

    /** A tensor of {@code backend} holding {@code values}, released after the test. */
    Tensor tensor(Backend owner, float[] values) {
        Tensor t = track(owner.allocate(values.length));
        owner.upload(values, 0, t, 0, values.length);
        return t;
    }

    /** The same values on both backends. */
    Twin twin(float[] values) {
        return new Twin(this, tensor(backend, values), tensor(oracle, values), values.clone());
    }

    /** {@code size} copies of {@code value} on both backends. */
    Twin twin(int size, float value) {
        float[] values = new float[size];
        Arrays.fill(values, value);
        return twin(values);
    }

    /** Overwrites both tensors of {@code twin} with {@code values}, from element 0. */
    void set(Twin twin, float[] values) {
        backend.upload(values, 0, twin.actual(), 0, values.length);
        oracle.upload(values, 0, twin.expected(), 0, values.length);
    }

    /** Runs {@code kernel} on the backend under test, then on the oracle. */
    void run(Consumer<Backend> kernel) {
        kernel.accept(backend);
        kernel.accept(oracle);
    }

    /** Runs a kernel that returns a value on both: {@code {actual, oracle}}. */
    double[] values(ToDoubleFunction<Backend> kernel) {
        double actual = kernel.applyAsDouble(backend);
        double expected = kernel.applyAsDouble(oracle);
        return new double[] {actual, expected};
    }

    /** The backend-under-test's contents of {@code twin}, as stored. */
    double[] actual(Twin twin) {
        return download(backend, twin.actual());
    }

    /** The oracle's contents of {@code twin}. */
    double[] expected(Twin twin) {
        return download(oracle, twin.expected());
    }

    static double[] download(Backend owner, Tensor t) {
        double[] values = new double[t.size()];
        owner.download(t, 0, values, 0, values.length);
        return values;
    }

    /**
     * Every element of {@code twin} within {@code tolerance} of the oracle; with
     * {@link Tolerance#EXACT}, equal to the oracle's value rounded to the backend's precision.
     */
    void assertClose(String what, Twin twin, Tolerance tolerance) {
        if (tolerance.equals(Tolerance.EXACT)) {
            assertExact(what, twin);
        } else {
            Verdict.close(what, actual(twin), expected(twin), tolerance);
        }
    }

    /** Every element of {@code twin} equal to the oracle's rounded to the backend's precision. */
    void assertExact(String what, Twin twin) {
        Verdict.exact(what, actual(twin), expected(twin), precision());
    }

    /** Every element {@code i} of {@code twin} within {@code allowed(i)} of the oracle. */
    void assertWithin(String what, Twin twin, IntToDoubleFunction allowed) {
        Verdict.within(what, actual(twin), expected(twin), allowed);
    }

    /** The backend under test left {@code twin} exactly as it was created. */
    void assertUnchanged(String what, Twin twin) {
        float[] initial = twin.initial();
        double[] expected = new double[initial.length];
        for (int i = 0; i < initial.length; i++) {
            expected[i] = initial[i];
        }
        Verdict.within(what + " (an input, must be left unchanged)", actual(twin), expected, i -> 0);
    }

    /** Remembers {@code t} for {@link #release()}. */
    Tensor track(Tensor t) {
        live.add(t);
        return t;
    }

    /** Closes every tensor created since the last release. */
    void release() {
        for (Tensor t : live) {
            t.close();
        }
        live.clear();
    }

    /** Releases the tensors and closes both backends. */
    @Override
    public void close() {
        try {
            release();
        } finally {
            try {
                backend.close();
            } finally {
                oracle.close();
            }
        }
    }
}
