package org.rnn4j.backend.simd;

import org.rnn4j.api.tensor.Shape;
import org.rnn4j.api.tensor.Tensor;

/**
 * A tensor of the SIMD backend: a float array on the heap plus a modification counter.
 *
 * <p>The counter is what lets the GEMM keep packed copies of weight matrices across calls with
 * no new API: every kernel that writes a tensor bumps its {@link #version()}, and a packed copy
 * made at one version is reused only while the version is unchanged (an optimiser step, an
 * upload, a copy or a fill into the weights invalidates it).
 */
final class SimdTensor implements Tensor {

    private final Shape shape;
    private final int size;
    private float[] data;
    private long version;

    SimdTensor(Shape shape) {
        this.shape = shape;
        this.size = shape.size();
        this.data = new float[size];
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public int size() {
        return size;
    }

    @Override
    public String backendName() {
        return SimdProvider.NAME;
    }

    /** The storage; fails if the tensor was closed. */
    float[] data() {
        float[] d = data;
        if (d == null) {
            throw new IllegalStateException("tensor of shape " + shape + " was closed and cannot be used");
        }
        return d;
    }

    /** Counts a write; see the class comment. */
    void touch() {
        version++;
    }

    /** How many writes this tensor has seen. */
    long version() {
        return version;
    }

    @Override
    public void close() {
        data = null;
        version++;
    }

    @Override
    public String toString() {
        return "SimdTensor" + shape;
    }
}
