package org.rnn4j.tck;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.rnn4j.api.backend.Availability;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.backend.BackendProvider;

/** Finds a backend by name among the providers on the class path. */
final class BackendLookup {

    /** The float64 oracle every backend is compared with. */
    static final String ORACLE = "reference-f64";

    private BackendLookup() {
    }

    /**
     * Creates the backend registered as {@code name}.
     *
     * <p>INTEGRATION NOTE: a stand-in for {@code Backends.discover().select(name)} from
     * {@code org.rnn4j.core.backend}, which was not written yet when the kit was; replace this
     * method's body with that call once it exists. Kept deliberately small for that reason.
     *
     * @throws IllegalStateException if no available provider has that name
     */
    static Backend create(String name) {
        List<String> seen = new ArrayList<>();
        Iterator<BackendProvider> providers = ServiceLoader.load(BackendProvider.class).iterator();
        while (true) {
            BackendProvider provider;
            try {
                if (!providers.hasNext()) {
                    break;
                }
                provider = providers.next();
            } catch (ServiceConfigurationError broken) {
                // One broken provider must not hide the others (DESIGN section 4).
                seen.add("<broken: " + broken.getMessage() + ">");
                continue;
            }
            seen.add(provider.name());
            if (provider.name().equals(name)) {
                Availability availability = provider.probe();
                if (!availability.isAvailable()) {
                    throw new IllegalStateException("backend '" + name + "' is " + availability);
                }
                return provider.create();
            }
        }
        throw new IllegalStateException("no backend named '" + name + "' on the class path; found " + seen);
    }
}
