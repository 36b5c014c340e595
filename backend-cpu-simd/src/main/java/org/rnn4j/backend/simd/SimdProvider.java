package org.rnn4j.backend.simd;

import java.util.concurrent.atomic.AtomicBoolean;
import org.rnn4j.api.backend.Availability;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.backend.BackendProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers the SIMD CPU backend as {@code cpu-simd}: every kernel on the JDK Vector API,
 * multi-threaded, priority 100 so that {@code auto} prefers it to the reference backend.
 *
 * <p>It needs the incubator module: start the JVM with {@code --add-modules jdk.incubator.vector}.
 * Without it the probe answers unavailable with that fix, and core falls back to the reference
 * backend. The probe looks the module up in the boot layer and never loads a class that refers
 * to {@code jdk.incubator.vector}. It also wants {@code -XX:PerMethodTrapLimit=10000}, without
 * which some JVMs compile its kernels slowly; creating the backend without it logs a warning
 * once (see {@code TrapLimit}). Both options are in {@code simd.jvm.args} at the checkout's root.
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -XX:PerMethodTrapLimit=10000 -Drnn4j.backend=cpu-simd \
 *      -Drnn4j.threads=2 -Drnn4j.simd.bits=256 -cp ... MyApp
 * }</pre>
 */
public final class SimdProvider implements BackendProvider {

    /** The name users select this backend by. */
    public static final String NAME = "cpu-simd";

    static final String MODULE = "jdk.incubator.vector";

    private static final Logger LOG = LoggerFactory.getLogger(SimdProvider.class);
    /** Whether this JVM has been told about its trap limit: once is enough. */
    private static final AtomicBoolean TRAP_LIMIT_CHECKED = new AtomicBoolean();

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int priority() {
        return 100;
    }

    @Override
    public String description() {
        return "Vector API kernels, float32, multi-threaded";
    }

    @Override
    public Availability probe() {
        try {
            if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
                return Availability.unavailable("module " + MODULE + " not resolved; run with --add-modules " + MODULE);
            }
            int bits = SimdSettings.requestedBits();
            int threads = SimdSettings.threads();
            SimdSettings.requestedTileRows();
            return new Availability(true, (bits == 0 ? "preferred width" : bits + "-bit vectors") + ", "
                    + threads + (threads == 1 ? " thread" : " threads"));
        } catch (Throwable t) {
            return Availability.unavailable(String.valueOf(t.getMessage() == null ? t : t.getMessage()));
        }
    }

    @Override
    public Backend create() {
        Availability availability = probe();
        if (!availability.isAvailable()) {
            throw new IllegalStateException("cannot create backend " + NAME + ": " + availability.reason());
        }
        if (TRAP_LIMIT_CHECKED.compareAndSet(false, true)) {
            TrapLimit.warning(TrapLimit.current()).ifPresent(LOG::warn);
        }
        return new SimdBackend(SimdSettings.threads());
    }
}
