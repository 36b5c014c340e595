package org.rnn4j.core.reference;

import org.rnn4j.api.tensor.Shape;
import org.rnn4j.api.tensor.Tensor;

/**
 * A reference-backend tensor: a double array on the heap. In float32 mode every value the
 * backend stores is first rounded to float, so the array holds exactly the float32 contents;
 * in float64 mode it holds full doubles for finite-difference checks.
 */
final class ReferenceTensor implements Tensor {

    private final Shape shape;
    private final String backendName;
    private double[] data;

    ReferenceTensor(Shape shape, String backendName) {
        this.shape = shape;
        this.backendName = backendName;
        this.data = new double[shape.size()];
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public String backendName() {
        return backendName;
    }

    /** The storage; fails if the tensor was closed. */
    double[] data() {
        double[] d = data;
        if (d == null) {
            throw new IllegalStateException("tensor of shape " + shape + " was closed and cannot be used");
        }
        return d;
    }

    @Override
    public void close() {
        data = null;
    }

    @Override
    public String toString() {
        return "ReferenceTensor" + shape;
    }
}
