package org.rnn4j.backend.cuda;

import jcuda.driver.CUdevice;
import jcuda.driver.CUdevice_attribute;
import jcuda.driver.CUresult;
import jcuda.driver.JCudaDriver;
import org.rnn4j.api.backend.Availability;

/**
 * Whether a GPU can run rnn4j's kernels here: the driver library loads, {@code cuInit} succeeds, a
 * device is present, the driver is new enough for the PTX and the device's compute capability
 * is supported.
 *
 * <p>Loaded only when {@link CudaProvider#probe()} is called, never when the provider is: the
 * first call into {@link JCudaDriver} loads JCuda's native library, which needs
 * {@code libcuda.so.1}. The answer is computed once per JVM and kept, because after one failed
 * load every later JCuda call fails with a less helpful {@code NoClassDefFoundError}.
 */
final class DriverProbe {

    /** The PTX is ISA 9.0 (nvcc 13.0): drivers from CUDA 13.0 (r580) on can compile it. */
    static final int REQUIRED_DRIVER_VERSION = 13000;

    /** The oldest architecture CUDA 13 compiles for (Turing). */
    static final int REQUIRED_COMPUTE = 75;

    private DriverProbe() {
    }

    /** The answer for GPU {@code ordinal}; the driver part is checked once per JVM and kept. */
    static Availability availability(int ordinal) {
        Availability driver = Holder.DRIVER;
        if (!driver.isAvailable()) {
            return driver;
        }
        try {
            int[] count = new int[1];
            JCudaDriver.cuDeviceGetCount(count);
            if (ordinal >= count[0]) {
                return Availability.unavailable("no CUDA device " + ordinal + " (" + count[0]
                        + " present); set -D" + CudaProvider.DEVICE_PROPERTY + " to one of 0.." + (count[0] - 1));
            }
            CUdevice device = new CUdevice();
            check(JCudaDriver.cuDeviceGet(device, ordinal), "cuDeviceGet");
            int compute = computeCapability(device);
            if (compute < REQUIRED_COMPUTE) {
                return Availability.unavailable("device " + ordinal + " (" + deviceName(device)
                        + ") has compute capability " + compute / 10 + "." + compute % 10 + "; rnn4j needs 7.5 or newer");
            }
            return new Availability(true, "device " + ordinal + ": " + deviceName(device) + " (compute " + compute / 10
                    + "." + compute % 10 + "), " + driver.reason());
        } catch (Throwable t) {
            return Availability.unavailable(reason(t));
        }
    }

    private static final class Holder {
        static final Availability DRIVER = checkDriver();
    }

    /** The driver loads, initialises, is new enough and sees at least one device. */
    private static Availability checkDriver() {
        try {
            int result = JCudaDriver.cuInit(0);
            if (result == CUresult.CUDA_ERROR_NO_DEVICE) {
                return Availability.unavailable("no CUDA device present (cuInit: CUDA_ERROR_NO_DEVICE)");
            }
            if (result != CUresult.CUDA_SUCCESS) {
                return Availability.unavailable("cuInit failed: " + CUresult.stringFor(result));
            }
            int[] value = new int[1];
            JCudaDriver.cuDriverGetVersion(value);
            int driver = value[0];
            if (driver < REQUIRED_DRIVER_VERSION) {
                return Availability.unavailable("the NVIDIA driver supports CUDA " + version(driver)
                        + ", but rnn4j's kernels need CUDA " + version(REQUIRED_DRIVER_VERSION)
                        + " (driver 580 or newer); update the NVIDIA driver");
            }
            JCudaDriver.cuDeviceGetCount(value);
            if (value[0] < 1) {
                return Availability.unavailable("no CUDA device present");
            }
            return new Availability(true, "driver CUDA " + version(driver));
        } catch (Throwable t) {
            return Availability.unavailable(reason(t));
        }
    }

    /** The first line that says what is missing, e.g. {@code libcuda.so.1: cannot open ...}. */
    static String reason(Throwable t) {
        for (Throwable cause = t; cause != null; cause = cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (message.contains("libcuda.so")) {
                return "libcuda.so.1 not found: no NVIDIA driver is installed on this machine ("
                        + firstLine(message) + ")";
            }
        }
        String message = t.getMessage() == null ? t.toString() : t.getMessage();
        return "the CUDA driver could not be loaded: " + firstLine(message);
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return (newline < 0 ? message : message.substring(0, newline)).trim();
    }

    static int computeCapability(CUdevice device) {
        int[] major = new int[1];
        int[] minor = new int[1];
        check(JCudaDriver.cuDeviceGetAttribute(major, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MAJOR,
                device), "cuDeviceGetAttribute");
        check(JCudaDriver.cuDeviceGetAttribute(minor, CUdevice_attribute.CU_DEVICE_ATTRIBUTE_COMPUTE_CAPABILITY_MINOR,
                device), "cuDeviceGetAttribute");
        return major[0] * 10 + minor[0];
    }

    static String deviceName(CUdevice device) {
        byte[] name = new byte[256];
        check(JCudaDriver.cuDeviceGetName(name, name.length, device), "cuDeviceGetName");
        int end = 0;
        while (end < name.length && name[end] != 0) {
            end++;
        }
        return new String(name, 0, end, java.nio.charset.StandardCharsets.US_ASCII);
    }

    static String version(int cudaVersion) {
        return cudaVersion / 1000 + "." + cudaVersion % 1000 / 10;
    }

    /** Throws with the call and the driver's name for the error unless {@code result} is success. */
    static void check(int result, String call) {
        if (result != CUresult.CUDA_SUCCESS) {
            throw new IllegalStateException(call + " failed: " + CUresult.stringFor(result));
        }
    }
}
