package org.rnn4j.tck;

import org.rnn4j.core.backend.Backends;
import org.rnn4j.api.backend.Backend;

/**
 * The kit against {@link FloatOnlyBackends}: float32 arithmetic in naive orders must pass, or the
 * tolerances would fail honest SIMD and GPU backends.
 */
class FloatOnlyBackendContractTest extends BackendContract {

    @Override
    protected Backend backend() {
        return FloatOnlyBackends.wrap(Backends.discover().select("reference"));
    }
}
