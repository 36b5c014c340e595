package org.rnn4j.core.backend.fakes;

import java.lang.reflect.Proxy;
import org.rnn4j.api.backend.Backend;

/** A Backend proxy that only knows its name, for the ServiceLoader fakes. */
final class FakeBackend {

    private FakeBackend() {
    }

    static Backend named(String name) {
        return (Backend) Proxy.newProxyInstance(FakeBackend.class.getClassLoader(),
                new Class<?>[] {Backend.class}, (proxy, method, args) -> {
                    if (method.getName().equals("name") || method.getName().equals("toString")) {
                        return name;
                    }
                    if (method.getName().equals("hashCode")) {
                        return System.identityHashCode(proxy);
                    }
                    if (method.getName().equals("equals")) {
                        return proxy == args[0];
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }
}
