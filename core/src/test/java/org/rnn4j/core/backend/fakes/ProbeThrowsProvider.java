package org.rnn4j.core.backend.fakes;

import org.rnn4j.api.backend.Availability;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.backend.BackendProvider;

/** A provider that breaks the "probes never throw" rule, with the highest priority of the fakes. */
public final class ProbeThrowsProvider implements BackendProvider {
    @Override
    public String name() {
        return "probe-throws";
    }

    @Override
    public int priority() {
        return 900;
    }

    @Override
    public Availability probe() {
        throw new UnsatisfiedLinkError("libfake.so: cannot open shared object file");
    }

    @Override
    public Backend create() {
        throw new AssertionError("must never be created");
    }
}
