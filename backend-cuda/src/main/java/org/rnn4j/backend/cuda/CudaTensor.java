package org.rnn4j.backend.cuda;

import org.rnn4j.api.tensor.Shape;
import org.rnn4j.api.tensor.Tensor;

/**
 * A tensor of the CUDA backend: a block of device memory, freed by {@link #close()} (or when the
 * backend closes).
 */
final class CudaTensor implements Tensor {

    private final Shape shape;
    private final int size;
    private final CudaBackend owner;
    private long address;

    CudaTensor(Shape shape, long address, CudaBackend owner) {
        this.shape = shape;
        this.size = shape.size();
        this.address = address;
        this.owner = owner;
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
        return CudaProvider.NAME;
    }

    CudaBackend owner() {
        return owner;
    }

    /** The device address of element 0; fails if the tensor was closed. */
    long address() {
        long a = address;
        if (a == 0) {
            throw new IllegalStateException("tensor of shape " + shape + " was closed and cannot be used");
        }
        return a;
    }

    boolean isOpen() {
        return address != 0;
    }

    @Override
    public void close() {
        if (address != 0) {
            long a = address;
            address = 0;
            owner.release(this, a);
        }
    }

    @Override
    public String toString() {
        return "CudaTensor" + shape;
    }
}
