package org.rnn4j.backend.cuda;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.rnn4j.api.backend.Availability;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.tck.BackendContract;

/**
 * The backend test kit on a real NVIDIA GPU; skipped, with the probe's reason, where there is
 * none.
 */
class GpuContractTest extends BackendContract {

    @Override
    protected Backend backend() {
        CudaProvider provider = new CudaProvider();
        Availability availability = provider.probe();
        if (!availability.isAvailable()) {
            System.out.println("GpuContractTest skipped: cuda " + availability.reason());
        }
        assumeTrue(availability.isAvailable(), () -> "cuda: unavailable: " + availability.reason());
        return provider.create();
    }
}
