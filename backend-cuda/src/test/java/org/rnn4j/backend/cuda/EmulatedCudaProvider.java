package org.rnn4j.backend.cuda;

import org.rnn4j.api.backend.Availability;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.backend.BackendProvider;

/**
 * Test-only provider {@value #NAME}: the CUDA backend over the host emulator, registered in this
 * module's test resources so that tests which run on "every available backend" (the PyTorch
 * parity cases of models) also run the CUDA kernels on machines without a GPU. Its priority is
 * below the reference backend's, so {@code auto} never picks it.
 */
public final class EmulatedCudaProvider implements BackendProvider {

    /** The name the emulated GPU is selected by in tests. */
    public static final String NAME = "cuda-emulated";

    /** Multiprocessors of the emulated device: few, so that small products use large tiles too. */
    static final int MULTIPROCESSORS = 2;

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return -50;
    }

    @Override
    public String description() {
        return "the CUDA backend's kernels compiled for the host (tests only)";
    }

    @Override
    public Availability probe() {
        String failure = EmulatedDevice.load();
        return failure == null ? new Availability(true, "host emulation") : Availability.unavailable(failure);
    }

    @Override
    public Backend create() {
        return new CudaBackend(new EmulatedDevice(MULTIPROCESSORS));
    }
}
