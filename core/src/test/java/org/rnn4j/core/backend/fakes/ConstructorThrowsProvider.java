package org.rnn4j.core.backend.fakes;

import org.rnn4j.api.backend.Availability;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.backend.BackendProvider;

/** A provider whose constructor fails, as one that loads a missing native library eagerly would. */
public final class ConstructorThrowsProvider implements BackendProvider {

    public ConstructorThrowsProvider() {
        throw new IllegalStateException("constructor exploded on purpose");
    }

    @Override
    public String name() {
        return "never";
    }

    @Override
    public int priority() {
        return 1000;
    }

    @Override
    public Availability probe() {
        return Availability.available();
    }

    @Override
    public Backend create() {
        throw new AssertionError("must never be created");
    }
}
