package org.rnn4j.core.backend;

import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicInteger;
import org.rnn4j.api.backend.Availability;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.backend.BackendProvider;
import org.rnn4j.api.backend.Precision;

/** A configurable provider that counts its probes and creations. */
class FakeProvider implements BackendProvider {

    final AtomicInteger probes = new AtomicInteger();
    final AtomicInteger creates = new AtomicInteger();
    private final String name;
    private final int priority;
    private final Availability availability;
    private RuntimeException probeFailure;
    private RuntimeException createFailure;

    FakeProvider(String name, int priority, Availability availability) {
        this.name = name;
        this.priority = priority;
        this.availability = availability;
    }

    static FakeProvider available(String name, int priority) {
        return new FakeProvider(name, priority, Availability.available());
    }

    static FakeProvider unavailable(String name, int priority, String reason) {
        return new FakeProvider(name, priority, Availability.unavailable(reason));
    }

    FakeProvider probeThrows(RuntimeException e) {
        this.probeFailure = e;
        return this;
    }

    FakeProvider createThrows(RuntimeException e) {
        this.createFailure = e;
        return this;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int priority() {
        return priority;
    }

    @Override
    public String description() {
        return "fake " + name;
    }

    @Override
    public Availability probe() {
        probes.incrementAndGet();
        if (probeFailure != null) {
            throw probeFailure;
        }
        return availability;
    }

    @Override
    public Backend create() {
        creates.incrementAndGet();
        if (createFailure != null) {
            throw createFailure;
        }
        return backendNamed(name);
    }

    /** A Backend that only knows its name; every kernel call fails (none is made in these tests). */
    static Backend backendNamed(String name) {
        return (Backend) Proxy.newProxyInstance(FakeProvider.class.getClassLoader(),
                new Class<?>[] {Backend.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "name":
                            return name;
                        case "precision":
                            return Precision.FLOAT32;
                        case "toString":
                            return "FakeBackend[" + name + "]";
                        case "hashCode":
                            return System.identityHashCode(proxy);
                        case "equals":
                            return proxy == args[0];
                        case "close":
                            return null;
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    /** A provider whose name() or priority() throws, as a badly written one might. */
    static final class Throwing extends FakeProvider {
        private final String broken;

        Throwing(String broken) {
            super("throws-in-" + broken, 1, Availability.available());
            this.broken = broken;
        }

        @Override
        public String name() {
            if (broken.equals("name")) {
                throw new IllegalStateException("name broke");
            }
            return super.name();
        }

        @Override
        public int priority() {
            if (broken.equals("priority")) {
                throw new IllegalStateException("priority broke");
            }
            return super.priority();
        }
    }
}
