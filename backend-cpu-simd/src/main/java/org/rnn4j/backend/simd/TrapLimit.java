package org.rnn4j.backend.simd;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.lang.management.ManagementFactory;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The one JIT setting the kernels depend on: {@code -XX:PerMethodTrapLimit}, and the check that
 * warns when a JVM runs without it.
 *
 * <p><b>Why.</b> C2 compiles the Vector API's calls by inlining them, and it resolves a vector
 * store's species through the type profile of the vector it stores. Within one compilation it
 * stops trusting type profiles once the methods it has inlined have recorded, between them,
 * {@code PerMethodTrapLimit} traps of one kind (100 by default). The Vector API's shared methods
 * collect class-check traps during warm-up, in numbers that vary from JVM to JVM, and a kernel
 * inlines dozens of them: in some JVMs a kernel's compilation passes the limit, a store's species
 * is then no constant, its intrinsic fails, and that kernel allocates its vectors on the heap on
 * every iteration for the life of the JVM (the seed configuration: 976 bytes per character in 9
 * of 10 JVMs at the default, none in 10 of 10 at {@link #VALUE}; in rare JVMs every kernel, 15x
 * slower; docs/benchmarks.md, session 11). {@code simd.jvm.args} at the checkout's root, which
 * every launcher of this project passes to {@code java}, raises the limit to {@link #VALUE}.
 *
 * <pre>{@code
 * TrapLimit.warning(TrapLimit.current()).ifPresent(log::warn);
 * }</pre>
 */
final class TrapLimit {

    /** The HotSpot option. */
    static final String OPTION = "PerMethodTrapLimit";
    /** The value the launchers set, and the least this check accepts. */
    static final long VALUE = 10_000;
    /** The option as it is written on a command line. */
    static final String FLAG = "-XX:" + OPTION + "=" + VALUE;

    private TrapLimit() {
    }

    /** This JVM's limit, or empty where the JVM is not HotSpot or does not say. */
    static OptionalLong current() {
        try {
            HotSpotDiagnosticMXBean hotspot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
            return hotspot == null ? OptionalLong.empty()
                    : OptionalLong.of(Long.parseLong(hotspot.getVMOption(OPTION).getValue()));
        } catch (RuntimeException | LinkageError e) {
            // another JVM (no such bean or option): nothing to check
            return OptionalLong.empty();
        }
    }

    /** What to tell the user about {@code limit}, or empty when it is high enough or unknown. */
    static Optional<String> warning(OptionalLong limit) {
        if (limit.isEmpty() || limit.getAsLong() >= VALUE) {
            return Optional.empty();
        }
        return Optional.of("backend " + SimdProvider.NAME + ": this JVM runs with -XX:" + OPTION + "="
                + limit.getAsLong() + "; with it, C2 compiles the vector kernels of some JVMs so that they allocate"
                + " every vector on the heap (2-30% slower, rarely 15x, for the life of the JVM). Start the JVM with "
                + FLAG + ", as rnn4j's launchers do (simd.jvm.args)");
    }
}
