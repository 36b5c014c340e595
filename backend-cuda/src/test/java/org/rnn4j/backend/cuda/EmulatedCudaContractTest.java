package org.rnn4j.backend.cuda;

import org.rnn4j.api.backend.Backend;
import org.rnn4j.tck.BackendContract;

/**
 * The backend test kit on the CUDA backend with its kernels run by the host emulator: every
 * kernel's logic (indexing, tiling, edges, barriers, reductions) and all of {@link CudaBackend}
 * checked against the float64 oracle on any machine. See cuda_emulation.h for what emulation
 * cannot catch; {@link GpuContractTest} runs the same kit on a real GPU.
 */
class EmulatedCudaContractTest extends BackendContract {

    @Override
    protected Backend backend() {
        return new EmulatedCudaProvider().create();
    }
}
