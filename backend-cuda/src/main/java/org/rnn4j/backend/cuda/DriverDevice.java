package org.rnn4j.backend.cuda;

import static org.rnn4j.backend.cuda.DriverProbe.check;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import jcuda.Pointer;
import jcuda.driver.CUcontext;
import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUdeviceptr;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;
import jcuda.driver.CUresult;
import jcuda.driver.CUstream;
import jcuda.driver.JCudaDriver;

/**
 * A GPU through the CUDA driver API (JCuda's {@code JCudaDriver}, which needs only
 * {@code libcuda.so.1}): the device's primary context, one stream for everything this backend
 * does, the kernel module loaded from the committed PTX with {@code cuModuleLoadData}, and a
 * pinned host buffer through which every upload and download passes.
 *
 * <p>Launching allocates nothing: the parameters are written into one direct buffer whose slot
 * addresses were handed to JCuda once, at start-up.
 */
final class DriverDevice implements Device {

    /** The kernel module, generated from src/main/cuda by src/build/ptx.sh. */
    static final String PTX_RESOURCE = "rnn4j_kernels.ptx";
    /** Distinct buffers one sampled character or training step copies to and from, with room. */
    private static final int ADDRESS_CACHE_SIZE = 32;

    private final CUdevice device;
    private final CUcontext context;
    private final CUstream stream;
    private final CUmodule module;
    private final String description;
    private final int multiprocessors;
    private final ByteBuffer parameterSlots;
    private final Pointer kernelParameters;

    private Pointer pinned;
    private long pinnedBytes;
    private FloatBuffer pinnedFloats;
    private IntBuffer pinnedInts;
    private boolean stagingInFlight;
    private final Address[] addresses = new Address[ADDRESS_CACHE_SIZE];
    private int nextAddress;
    private Thread boundThread;

    private DriverDevice(CUdevice device, String description) {
        this.device = device;
        this.description = description;
        this.context = new CUcontext();
        check(JCudaDriver.cuDevicePrimaryCtxRetain(context, device), "cuDevicePrimaryCtxRetain");
        bind();
        int[] value = new int[1];
        check(JCudaDriver.cuDeviceGetAttribute(value, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_MULTIPROCESSOR_COUNT,
                device), "cuDeviceGetAttribute");
        this.multiprocessors = value[0];
        this.stream = new CUstream();
        check(JCudaDriver.cuStreamCreate(stream, 0), "cuStreamCreate");
        this.module = new CUmodule();
        check(JCudaDriver.cuModuleLoadData(module, ptx()), "cuModuleLoadData(" + PTX_RESOURCE + ")");
        this.parameterSlots = ByteBuffer.allocateDirect(8 * LaunchArgs.CAPACITY).order(ByteOrder.LITTLE_ENDIAN);
        Pointer[] slotPointers = new Pointer[LaunchArgs.CAPACITY];
        Pointer base = Pointer.to(parameterSlots);
        for (int i = 0; i < slotPointers.length; i++) {
            slotPointers[i] = base.withByteOffset(8L * i);
        }
        this.kernelParameters = Pointer.to(slotPointers);
        ensurePinned(1 << 20);
    }

    /** Opens GPU {@code ordinal}; the caller has checked {@link DriverProbe#availability()}. */
    static DriverDevice open(int ordinal) {
        check(JCudaDriver.cuInit(0), "cuInit");
        CUdevice device = new CUdevice();
        check(JCudaDriver.cuDeviceGet(device, ordinal), "cuDeviceGet(" + ordinal + ")");
        int[] version = new int[1];
        check(JCudaDriver.cuDriverGetVersion(version), "cuDriverGetVersion");
        int compute = DriverProbe.computeCapability(device);
        String description = DriverProbe.deviceName(device) + " (compute " + compute / 10 + "." + compute % 10
                + "), driver CUDA " + DriverProbe.version(version[0]);
        return new DriverDevice(device, description);
    }

    private static byte[] ptx() {
        try (InputStream in = DriverDevice.class.getResourceAsStream(PTX_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("kernel module " + PTX_RESOURCE + " is missing from the rnn4j-backend-cuda jar");
            }
            byte[] text = in.readAllBytes();
            byte[] terminated = new byte[text.length + 1]; // cuModuleLoadData reads PTX up to a NUL
            System.arraycopy(text, 0, terminated, 0, text.length);
            return terminated;
        } catch (IOException e) {
            throw new IllegalStateException("cannot read kernel module " + PTX_RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /** Makes the context current on the calling thread (a backend may move between threads). */
    private void bind() {
        Thread now = Thread.currentThread();
        if (boundThread != now) {
            check(JCudaDriver.cuCtxSetCurrent(context), "cuCtxSetCurrent");
            boundThread = now;
        }
    }

    @Override
    public String description() {
        return description;
    }

    @Override
    public int multiprocessors() {
        return multiprocessors;
    }

    @Override
    public long allocate(long bytes) {
        bind();
        Address address = new Address();
        check(JCudaDriver.cuMemAlloc(address, Math.max(1, bytes)), "cuMemAlloc(" + bytes + " bytes)");
        return address.raw();
    }

    @Override
    public void free(long address) {
        bind();
        synchronize(); // kernels still queued may use it
        check(JCudaDriver.cuMemFree(new Address(address)), "cuMemFree");
    }

    @Override
    public void upload(float[] src, int srcOffset, long dst, int count) {
        stage(count);
        pinnedFloats.clear();
        pinnedFloats.put(src, srcOffset, count);
        send(dst, count);
    }

    @Override
    public void upload(int[] src, int srcOffset, long dst, int count) {
        stage(count);
        pinnedInts.clear();
        pinnedInts.put(src, srcOffset, count);
        send(dst, count);
    }

    /** Makes the pinned buffer hold {@code count} 4-byte values and free to be overwritten. */
    private void stage(int count) {
        bind();
        ensurePinned(4L * count);
        awaitStaging();
    }

    /** Queues the copy of the first {@code count} staged values to {@code dst}. */
    private void send(long dst, int count) {
        check(JCudaDriver.cuMemcpyHtoDAsync(address(dst), pinned, 4L * count, stream), "cuMemcpyHtoDAsync");
        stagingInFlight = true;
    }

    @Override
    public void download(long src, float[] dst, int dstOffset, int count) {
        stage(count);
        long bytes = 4L * count;
        check(JCudaDriver.cuMemcpyDtoHAsync(pinned, address(src), bytes, stream), "cuMemcpyDtoHAsync");
        synchronize();
        pinnedFloats.clear();
        pinnedFloats.get(dst, dstOffset, count);
    }

    @Override
    public void copy(long src, long dst, long bytes) {
        bind();
        check(JCudaDriver.cuMemcpyDtoDAsync(address(dst), address(src), bytes, stream), "cuMemcpyDtoDAsync");
    }

    @Override
    public KernelFunction function(String name) {
        bind();
        CUfunction function = new CUfunction();
        check(JCudaDriver.cuModuleGetFunction(function, module, name), "cuModuleGetFunction(" + name + ")");
        return new KernelFunction(name, function);
    }

    @Override
    public void launch(KernelFunction function, int gridX, int gridY, int gridZ, int threads, LaunchArgs args) {
        bind();
        long[] slots = args.slots();
        for (int i = 0; i < args.count(); i++) {
            parameterSlots.putLong(8 * i, slots[i]);
        }
        int result = JCudaDriver.cuLaunchKernel((CUfunction) function.handle(), gridX, gridY, gridZ, threads, 1, 1, 0,
                stream, kernelParameters, null);
        if (result != CUresult.CUDA_SUCCESS) { // the message is built only on failure: launches are the hot path
            check(result, "cuLaunchKernel(" + function.name() + ")");
        }
    }

    /**
     * The driver-call form of a raw device address, from a small cache: JCuda's pointers are
     * immutable and the copies of a step or a sampled character go to the same few buffers, so
     * reusing them keeps the steady state free of allocation. An entry read while another thread
     * replaces it is checked against the address it must hold, so a race costs one new object,
     * never a wrong address.
     */
    private Address address(long raw) {
        Address[] cache = addresses;
        for (Address cached : cache) {
            if (cached != null && cached.raw() == raw) {
                return cached;
            }
        }
        Address made = new Address(raw);
        cache[nextAddress] = made;
        nextAddress = (nextAddress + 1) % cache.length;
        return made;
    }

    private void synchronize() {
        check(JCudaDriver.cuStreamSynchronize(stream), "cuStreamSynchronize");
        stagingInFlight = false;
    }

    /** The pinned buffer may still be read by an earlier upload: wait before overwriting it. */
    private void awaitStaging() {
        if (stagingInFlight) {
            synchronize();
        }
    }

    private void ensurePinned(long bytes) {
        if (bytes <= pinnedBytes) {
            return;
        }
        awaitStaging();
        if (pinned != null) {
            check(JCudaDriver.cuMemFreeHost(pinned), "cuMemFreeHost");
        }
        long size = Math.max(bytes, 2 * pinnedBytes);
        Pointer p = new Pointer();
        check(JCudaDriver.cuMemAllocHost(p, size), "cuMemAllocHost(" + size + " bytes)");
        ByteBuffer buffer = p.getByteBuffer(0, size).order(ByteOrder.nativeOrder());
        pinned = p;
        pinnedBytes = size;
        pinnedFloats = buffer.asFloatBuffer();
        pinnedInts = buffer.asIntBuffer();
    }

    @Override
    public void close() {
        bind();
        synchronize();
        if (pinned != null) {
            JCudaDriver.cuMemFreeHost(pinned);
            pinned = null;
        }
        JCudaDriver.cuModuleUnload(module);
        JCudaDriver.cuStreamDestroy(stream);
        JCudaDriver.cuDevicePrimaryCtxRelease(device);
    }

    @Override
    public String toString() {
        return description;
    }

    /**
     * A device pointer as a raw address. JCuda keeps a pointer as a base plus a byte offset and
     * passes their sum to the driver, so any address can be expressed as offset from null.
     */
    private static final class Address extends CUdeviceptr {
        private static final CUdeviceptr NULL = new CUdeviceptr();

        Address() {
        }

        Address(long raw) {
            super(NULL, raw);
        }

        long raw() {
            return getNativePointer() + getByteOffset();
        }
    }
}
