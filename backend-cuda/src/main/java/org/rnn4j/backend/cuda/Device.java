package org.rnn4j.backend.cuda;

/**
 * What the CUDA backend needs of a GPU: memory, copies at the edges, and kernel launches on one
 * in-order stream. Addresses are raw 64-bit device pointers, so offsets are plain arithmetic.
 *
 * <p>Two implementations run the same kernels: {@link DriverDevice} on an NVIDIA GPU through the
 * CUDA driver API, and, in this module's tests, a host emulator that compiles the very same CUDA
 * sources for the CPU. Everything above this interface ({@link CudaBackend}) is therefore tested
 * on every machine, GPU or not.
 *
 * <p>Ordering: every operation is ordered after the ones issued before it (one stream);
 * downloads return only when their data has arrived.
 */
interface Device extends AutoCloseable {

    /** A one-line description, e.g. {@code "NVIDIA H100 80GB HBM3 (compute 9.0), driver CUDA 13.0"}. */
    String description();

    /** Streaming multiprocessors, which size the grids of the tiled kernels. */
    int multiprocessors();

    /** Allocates {@code bytes} (at least one) of device memory; contents undefined. */
    long allocate(long bytes);

    /** Frees an address returned by {@link #allocate}. */
    void free(long address);

    /** Copies {@code count} floats from the host to {@code dst}. */
    void upload(float[] src, int srcOffset, long dst, int count);

    /** Copies {@code count} ints from the host to {@code dst}. */
    void upload(int[] src, int srcOffset, long dst, int count);

    /** Copies {@code count} floats from {@code src} to the host; returns when they have arrived. */
    void download(long src, float[] dst, int dstOffset, int count);

    /** Device-to-device copy of {@code bytes}. */
    void copy(long src, long dst, long bytes);

    /**
     * The kernel of this name in the rnn4j kernel module.
     *
     * @throws IllegalStateException if there is none
     */
    KernelFunction function(String name);

    /**
     * Launches {@code function} on a {@code gridX x gridY x gridZ} grid of one-dimensional blocks
     * of {@code threads} threads with the given arguments, which are read before this returns.
     */
    void launch(KernelFunction function, int gridX, int gridY, int gridZ, int threads, LaunchArgs args);

    /** {@link #launch(KernelFunction, int, int, int, int, LaunchArgs)} on a two-dimensional grid. */
    default void launch(KernelFunction function, int gridX, int gridY, int threads, LaunchArgs args) {
        launch(function, gridX, gridY, 1, threads, args);
    }

    /** Releases the device's resources; addresses become invalid. */
    @Override
    void close();
}
