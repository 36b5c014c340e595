package org.rnn4j.tck;

import org.rnn4j.core.backend.Backends;
import org.rnn4j.api.backend.Backend;

/** The kit against the float32 reference backend, which must pass it. */
class ReferenceBackendContractTest extends BackendContract {

    @Override
    protected Backend backend() {
        return Backends.discover().select("reference");
    }
}
