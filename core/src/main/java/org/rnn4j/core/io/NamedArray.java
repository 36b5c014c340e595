package org.rnn4j.core.io;

import java.util.Arrays;
import org.rnn4j.api.tensor.Shape;

/**
 * One named float32 tensor on the host, row-major (last index fastest), as stored in a
 * safetensors file.
 *
 * <pre>{@code
 * NamedArray w = NamedArray.of("rnn.weight_ih_l0", new float[24 * 4], 24, 4);
 * w.shape();          // [24, 4]
 * w.data().length;    // 96
 * }</pre>
 *
 * <p>The array is held as given, not copied, because weights can be large; do not change it
 * while the record is in use. Equality compares names, shapes and contents.
 *
 * @param name  the tensor's name, e.g. {@code weight_ih_l0}; not empty, not {@code __metadata__}
 * @param shape its dimensions
 * @param data  its {@code shape.size()} elements, row-major
 */
public record NamedArray(String name, Shape shape, float[] data) {

    /** Checks that the name is usable in a safetensors header and that data matches shape. */
    public NamedArray {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a tensor name must not be null or empty");
        }
        if (name.equals(SafetensorsHeader.METADATA_KEY)) {
            throw new IllegalArgumentException("'" + SafetensorsHeader.METADATA_KEY
                    + "' is reserved for the metadata map and cannot name a tensor");
        }
        if (shape == null) {
            throw new IllegalArgumentException("tensor '" + name + "': shape must not be null");
        }
        if (data == null) {
            throw new IllegalArgumentException("tensor '" + name + "': data must not be null");
        }
        if (data.length != shape.size()) {
            throw new IllegalArgumentException("tensor '" + name + "': shape " + shape + " holds "
                    + shape.size() + " elements but the data array has " + data.length);
        }
    }

    /** A tensor of the given dimensions, outermost first. */
    public static NamedArray of(String name, float[] data, int... dims) {
        return new NamedArray(name, Shape.of(dims), data);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NamedArray other && name.equals(other.name) && shape.equals(other.shape)
                && Arrays.equals(data, other.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * name.hashCode() + shape.hashCode()) + Arrays.hashCode(data);
    }

    /** Name and shape only: the data can be millions of numbers. */
    @Override
    public String toString() {
        return name + shape;
    }
}
