package org.rnn4j.api.kernel;

import org.rnn4j.api.tensor.Shape;
import org.rnn4j.api.tensor.Tensor;

/**
 * Allocation and the copies between host and device. Copies to and from the host are meant for
 * the edges of a computation only: batches in, losses and samples out.
 *
 * <pre>{@code
 * Tensor x = backend.allocate(Shape.of(T, B, F));       // zero-filled
 * backend.upload(values, 0, x, 0, x.size());
 * float[] back = new float[x.size()];
 * backend.download(x, 0, back, 0, back.length);
 * }</pre>
 */
public interface MemoryKernels {

    /** A new zero-filled tensor of the given shape, owned by this backend. */
    Tensor allocate(Shape shape);

    /** Shorthand for {@code allocate(Shape.of(dims))}. */
    default Tensor allocate(int... dims) {
        return allocate(Shape.of(dims));
    }

    /** Copies {@code length} host floats into {@code dst[dstOffset ...]}. */
    void upload(float[] src, int srcOffset, Tensor dst, int dstOffset, int length);

    /**
     * Copies {@code length} host doubles into {@code dst}, rounded to the backend's precision
     * (a float64 backend keeps them exactly; this is how gradient checks perturb weights).
     */
    void upload(double[] src, int srcOffset, Tensor dst, int dstOffset, int length);

    /** Copies {@code length} elements from {@code src[srcOffset ...]} to the host. */
    void download(Tensor src, int srcOffset, float[] dst, int dstOffset, int length);

    /** Copies {@code length} elements to the host as doubles, exactly as stored. */
    void download(Tensor src, int srcOffset, double[] dst, int dstOffset, int length);

    /** Device-to-device copy; the two ranges must not overlap unless they are identical. */
    void copy(Tensor src, int srcOffset, Tensor dst, int dstOffset, int length);

    /** Sets {@code dst[offset, offset + length)} to {@code value}. */
    void fill(Tensor dst, int offset, int length, float value);
}
