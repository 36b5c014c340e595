package org.rnn4j.core.backend.fakes;

import org.rnn4j.api.backend.Availability;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.backend.BackendProvider;

/** Found through ServiceLoader in tests: always available, priority 50. */
public final class BetaProvider implements BackendProvider {
    @Override
    public String name() {
        return "beta";
    }

    @Override
    public int priority() {
        return 50;
    }

    @Override
    public Availability probe() {
        return Availability.available();
    }

    @Override
    public Backend create() {
        return FakeBackend.named(name());
    }
}
