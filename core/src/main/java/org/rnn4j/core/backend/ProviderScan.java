package org.rnn4j.core.backend;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rnn4j.api.backend.BackendProvider;

/**
 * Instantiates every provider a {@link ServiceLoader} finds, surviving the ones that fail.
 *
 * <p>{@link ServiceLoader}'s iterator reports a provider that cannot be loaded or constructed by
 * throwing {@link ServiceConfigurationError} from {@code hasNext()} or {@code next()}, and then
 * carries on with the next entry; a class whose loading fails with a {@link LinkageError} is
 * skipped the same way. So each call is guarded separately, and the loop continues.
 */
final class ProviderScan {

    /**
     * ServiceLoader's messages read "S: Provider com.example.Foo could not be instantiated" (or
     * "not found") and "S: com.example.Foo not a subtype".
     */
    private static final List<Pattern> PROVIDER_CLASS = List.of(
            Pattern.compile("\\bProvider (\\S+)"), Pattern.compile(": (\\S+) not a subtype"));

    /**
     * Guards against an iterator that keeps failing without advancing (not seen with the JDK's,
     * but a loop that cannot end would hang the application at start-up).
     */
    private static final int MAX_CONSECUTIVE_FAILURES = 1000;

    final List<BackendProvider> providers = new ArrayList<>();
    final List<BrokenProvider> broken = new ArrayList<>();

    private ProviderScan() {
    }

    static ProviderScan of(ClassLoader loader) {
        ProviderScan scan = new ProviderScan();
        Iterator<BackendProvider> it;
        try {
            it = ServiceLoader.load(BackendProvider.class, loader).iterator();
        } catch (Throwable e) {
            // E.g. a module layer that does not declare 'uses'; nothing can be found then.
            scan.broken.add(new BrokenProvider("ServiceLoader", null,
                    "could not look up backend providers: " + Failures.describe(e)));
            return scan;
        }
        int failuresInARow = 0;
        while (failuresInARow < MAX_CONSECUTIVE_FAILURES) {
            try {
                if (!it.hasNext()) {
                    return scan;
                }
                BackendProvider provider = it.next();
                if (provider != null) {
                    scan.providers.add(provider);
                }
                failuresInARow = 0;
            } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                failuresInARow++;
                scan.broken.add(new BrokenProvider(providerClass(e), null,
                        "could not be loaded: " + Failures.describe(e)));
            }
        }
        scan.broken.add(new BrokenProvider("ServiceLoader", null, "gave up after "
                + MAX_CONSECUTIVE_FAILURES + " provider failures in a row; fix the service files"));
        return scan;
    }

    private static String providerClass(Throwable e) {
        String message = e.getMessage();
        if (message != null) {
            for (Pattern pattern : PROVIDER_CLASS) {
                Matcher m = pattern.matcher(message);
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        return "META-INF/services/" + BackendProvider.class.getName() + " entry";
    }
}
