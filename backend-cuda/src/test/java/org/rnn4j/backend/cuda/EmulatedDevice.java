package org.rnn4j.backend.cuda;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@link Device} that runs the backend's CUDA kernels on the CPU: the same .cu sources compiled
 * by g++ with src/test/native/cuda_emulation.h into a JNI library (built by Maven before the
 * tests; its path comes in the system property {@value #LIBRARY_PROPERTY}). Device memory is host
 * memory; a launch runs block after block, each block's threads as fibers that meet at every
 * {@code __syncthreads()}.
 *
 * <pre>{@code
 * Backend gpuOnCpu = new CudaBackend(new EmulatedDevice(4));   // a 4-multiprocessor "GPU"
 * }</pre>
 */
final class EmulatedDevice implements Device {

    static final String LIBRARY_PROPERTY = "rnn4j.cuda.emulator";

    private static String loadFailure;
    private static boolean loaded;

    private final int multiprocessors;

    EmulatedDevice(int multiprocessors) {
        String failure = load();
        if (failure != null) {
            throw new IllegalStateException(failure);
        }
        this.multiprocessors = multiprocessors;
    }

    /** Loads the emulator library once; returns why it cannot be loaded, or null. */
    static synchronized String load() {
        if (loaded || loadFailure != null) {
            return loadFailure;
        }
        String path = System.getProperty(LIBRARY_PROPERTY);
        if (path == null || !Files.isRegularFile(Path.of(path))) {
            loadFailure = "CUDA host emulator not built (system property " + LIBRARY_PROPERTY + " = " + path
                    + "); run the tests through Maven, which compiles it with g++";
            return loadFailure;
        }
        try {
            System.load(Path.of(path).toAbsolutePath().toString());
            loaded = true;
            return null;
        } catch (Throwable t) {
            loadFailure = "cannot load the CUDA host emulator " + path + ": " + t;
            return loadFailure;
        }
    }

    @Override
    public String description() {
        return "host emulation of the CUDA kernels (" + multiprocessors + " multiprocessors)";
    }

    @Override
    public int multiprocessors() {
        return multiprocessors;
    }

    @Override
    public long allocate(long bytes) {
        return allocateNative(bytes);
    }

    @Override
    public void free(long address) {
        freeNative(address);
    }

    @Override
    public void upload(float[] src, int srcOffset, long dst, int count) {
        uploadFloats(src, srcOffset, dst, count);
    }

    @Override
    public void upload(int[] src, int srcOffset, long dst, int count) {
        uploadInts(src, srcOffset, dst, count);
    }

    @Override
    public void download(long src, float[] dst, int dstOffset, int count) {
        downloadFloats(src, dst, dstOffset, count);
    }

    @Override
    public void copy(long src, long dst, long bytes) {
        copyNative(src, dst, bytes);
    }

    @Override
    public KernelFunction function(String name) {
        if (!hasKernel(name)) {
            throw new IllegalStateException("no kernel named " + name + " in the CUDA sources");
        }
        return new KernelFunction(name, name);
    }

    @Override
    public void launch(KernelFunction function, int gridX, int gridY, int gridZ, int threads, LaunchArgs args) {
        launchNative(function.name(), gridX, gridY, gridZ, threads, 1, 1, args.slots(), args.count());
    }

    @Override
    public void close() {
    }

    private static native long allocateNative(long bytes);

    private static native void freeNative(long address);

    private static native void uploadFloats(float[] src, int offset, long dst, int count);

    private static native void uploadInts(int[] src, int offset, long dst, int count);

    private static native void downloadFloats(long src, float[] dst, int offset, int count);

    private static native void copyNative(long src, long dst, long bytes);

    private static native boolean hasKernel(String name);

    private static native void launchNative(String name, int gx, int gy, int gz, int bx, int by, int bz,
                                            long[] args, int count);
}
