package org.rnn4j.tck;

import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.tensor.Tensor;

/**
 * The same host values held by two tensors: one on the backend under test, one on the oracle.
 * A kernel written once as a lambda over a {@link Backend} picks its tensor with {@link #on}.
 *
 * <pre>{@code
 * Twin x = bench.twin(inputs.uniform(n, -1, 1));
 * bench.run(b -> b.activation(Activation.TANH, n, x.on(b), 0, x.on(b), 0));
 * }</pre>
 */
final class Twin {

    private final Bench bench;
    private final Tensor actual;
    private final Tensor expected;
    private final float[] initial;

    Twin(Bench bench, Tensor actual, Tensor expected, float[] initial) {
        this.bench = bench;
        this.actual = actual;
        this.expected = expected;
        this.initial = initial;
    }

    /** The tensor that belongs to {@code backend}. */
    Tensor on(Backend backend) {
        if (backend == bench.backend()) {
            return actual;
        }
        if (backend == bench.oracle()) {
            return expected;
        }
        throw new IllegalArgumentException("backend " + backend + " is neither the one under test nor the oracle");
    }

    /** The backend-under-test's tensor. */
    Tensor actual() {
        return actual;
    }

    /** The oracle's tensor. */
    Tensor expected() {
        return expected;
    }

    /** The values both tensors were created with (a copy). */
    float[] initial() {
        return initial.clone();
    }

    /** Number of elements. */
    int size() {
        return initial.length;
    }
}
