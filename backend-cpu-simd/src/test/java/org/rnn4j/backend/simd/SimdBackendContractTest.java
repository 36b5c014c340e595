package org.rnn4j.backend.simd;

import org.junit.jupiter.api.Assumptions;
import org.rnn4j.api.backend.Availability;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.tck.BackendContract;

/**
 * The backend test kit on cpu-simd. The surefire executions run it once per forced vector width
 * ({@code -Drnn4j.simd.bits=512, 256, 128}), each in its own JVM since the species is fixed at
 * class initialisation.
 */
class SimdBackendContractTest extends BackendContract {

    @Override
    protected Backend backend() {
        SimdProvider provider = new SimdProvider();
        Availability probe = provider.probe();
        Assumptions.assumeTrue(probe.isAvailable(), probe.reason());
        return provider.create();
    }
}
