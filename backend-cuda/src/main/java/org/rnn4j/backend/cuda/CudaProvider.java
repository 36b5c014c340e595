package org.rnn4j.backend.cuda;

import org.rnn4j.api.backend.Availability;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.backend.BackendProvider;

/**
 * Registers the CUDA backend as {@code cuda}, priority 200, so that {@code auto} prefers a GPU
 * to {@code cpu-simd}. Every kernel runs on the GPU from PTX compiled from this module's CUDA C
 * sources, through the CUDA driver API alone ({@code libcuda.so.1}, which every NVIDIA driver
 * installs): no CUDA toolkit, cuBLAS or NVRTC is needed at run time.
 *
 * <p>Constructing the provider, {@link #name()} and {@link #priority()} touch no native code;
 * {@link #probe()} loads the driver once, on first call, and answers unavailable with the reason
 * (no driver, no device, a driver older than CUDA 13.0) instead of throwing.
 *
 * <pre>{@code
 * java -Drnn4j.backend=cuda -cp ... MyApp          # or auto: the GPU when there is one
 * java -Drnn4j.cuda.device=1 -cp ... MyApp         # the second GPU
 * rnn4j backends                                   # lists cuda with its probe's answer
 * }</pre>
 */
public final class CudaProvider implements BackendProvider {

    /** The name users select this backend by. */
    public static final String NAME = "cuda";

    /** System property choosing the GPU by its CUDA ordinal (default 0). */
    public static final String DEVICE_PROPERTY = "rnn4j.cuda.device";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 200;
    }

    @Override
    public String description() {
        return "NVIDIA GPU through the CUDA driver API, float32";
    }

    @Override
    public Availability probe() {
        try {
            return DriverProbe.availability(deviceOrdinal());
        } catch (IllegalArgumentException e) {
            return Availability.unavailable(e.getMessage());
        } catch (Throwable t) {
            return Availability.unavailable(DriverProbe.reason(t));
        }
    }

    @Override
    public Backend create() {
        Availability availability = probe();
        if (!availability.isAvailable()) {
            throw new IllegalStateException("cannot create backend " + NAME + ": " + availability.reason());
        }
        return new CudaBackend(DriverDevice.open(deviceOrdinal()));
    }

    /** The GPU ordinal from {@value #DEVICE_PROPERTY}, 0 when unset. */
    static int deviceOrdinal() {
        String value = System.getProperty(DEVICE_PROPERTY);
        if (value == null || value.isBlank()) {
            return 0;
        }
        try {
            int ordinal = Integer.parseInt(value.trim());
            if (ordinal >= 0) {
                return ordinal;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("-D" + DEVICE_PROPERTY + "=" + value
                + " is not a GPU ordinal; use 0 for the first GPU, 1 for the second, ...");
    }
}
