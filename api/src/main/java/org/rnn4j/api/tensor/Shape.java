package org.rnn4j.api.tensor;

import java.util.Arrays;

/**
 * The dimensions of a dense, row-major float block (last index fastest).
 *
 * <p>Sequences are time-major: a batch of {@code B} sequences of {@code T} steps with {@code F}
 * features has shape {@code [T, B, F]}, exactly PyTorch's {@code batch_first=False} layout.
 *
 * <pre>{@code
 * Shape s = Shape.of(5, 3, 4);   // [T=5, B=3, F=4]
 * s.size();                      // 60
 * s.dim(1);                      // 3
 * }</pre>
 *
 * @param dims the extent of every dimension, outermost first; each is zero or positive
 */
public record Shape(int[] dims) {

    /** Validates and defensively copies the dimensions. */
    public Shape {
        if (dims == null) {
            throw new IllegalArgumentException("shape dims must not be null");
        }
        dims = dims.clone();
        long size = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] < 0) {
                throw new IllegalArgumentException(
                        "shape dimension " + i + " is " + dims[i] + " in " + Arrays.toString(dims)
                                + "; every dimension must be >= 0");
            }
            size *= dims[i];
            if (size > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("shape " + Arrays.toString(dims)
                        + " holds more than " + Integer.MAX_VALUE + " elements; split the tensor");
            }
        }
    }

    /** A shape with the given dimensions, outermost first. */
    public static Shape of(int... dims) {
        return new Shape(dims);
    }

    /** The dimensions (a copy: shapes are immutable). */
    @Override
    public int[] dims() {
        return dims.clone();
    }

    /** Number of dimensions. */
    public int rank() {
        return dims.length;
    }

    /** Extent of dimension {@code i}. */
    public int dim(int i) {
        if (i < 0 || i >= dims.length) {
            throw new IndexOutOfBoundsException("dimension " + i + " of shape " + this
                    + " does not exist; rank is " + dims.length);
        }
        return dims[i];
    }

    /** Number of elements, the product of all dimensions (1 for rank 0). */
    public int size() {
        int size = 1;
        for (int d : dims) {
            size *= d;
        }
        return size;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape other && Arrays.equals(dims, other.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
