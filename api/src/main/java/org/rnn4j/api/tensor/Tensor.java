package org.rnn4j.api.tensor;

/**
 * A dense float block owned by one backend's device: host memory for CPU backends, GPU memory
 * for CUDA.
 *
 * <p>A tensor is a handle, not an array: its elements are reached only through the owning
 * backend's kernels and host copies ({@code upload}, {@code download}). Kernels address a part of
 * a tensor by an element offset, so a time slice {@code t} of a {@code [T, B, F]} sequence is
 * simply offset {@code t * B * F}: a view, never a copy.
 *
 * <pre>{@code
 * Tensor x = backend.allocate(Shape.of(T, B, F));
 * backend.upload(hostValues, 0, x, 0, x.size());
 * // step t of the sequence starts at element t * B * F
 * }</pre>
 *
 * <p>Tensors are not thread-safe; {@link #close()} releases device memory (a no-op on the heap).
 */
public interface Tensor extends AutoCloseable {

    /** The logical shape this tensor was allocated with. */
    Shape shape();

    /** Number of float elements, {@code shape().size()}. */
    default int size() {
        return shape().size();
    }

    /** Name of the backend that owns this tensor, as in {@code BackendProvider#name()}. */
    String backendName();

    /** Releases the storage. Using a closed tensor is an error. Closing twice is harmless. */
    @Override
    void close();
}
