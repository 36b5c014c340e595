package org.rnn4j.backend.simd;

/**
 * The start-up settings of the SIMD backend, read from system properties and validated
 * WITHOUT touching {@code jdk.incubator.vector}, so that the provider's probe can report a bad
 * value on a JVM that lacks the module too.
 *
 * <ul>
 *   <li>{@code rnn4j.simd.bits}: 128, 256 or 512 forces a vector width; absent or empty means the
 *       CPU's preferred width ({@code FloatVector.SPECIES_PREFERRED}).</li>
 *   <li>{@code rnn4j.threads}: a positive thread count; absent or empty means all cores.</li>
 *   <li>{@code rnn4j.simd.tileRows}: 6 or 8 forces the height of the GEMM's register tile;
 *       absent or empty means the height that fits the CPU's vector registers (see
 *       {@code GemmKernels.MR}). Results are the same bits at either height: the setting exists
 *       so that both kernels can be tested, and compared, on one machine. It also decides
 *       whether the GEMM reads A in place ({@code Gemm.A_IN_PLACE}, with 8 rows only).</li>
 * </ul>
 *
 * <p>Example: {@code java --add-modules jdk.incubator.vector -Drnn4j.simd.bits=256 -Drnn4j.threads=2 ...}
 */
final class SimdSettings {

    /** System property forcing the vector width in bits. */
    static final String BITS_PROPERTY = "rnn4j.simd.bits";
    /** System property setting the number of threads, the caller included. */
    static final String THREADS_PROPERTY = "rnn4j.threads";
    /** System property forcing the rows of the GEMM's register tile. */
    static final String TILE_ROWS_PROPERTY = "rnn4j.simd.tileRows";

    private SimdSettings() {
    }

    /**
     * The forced width in bits, or 0 for the preferred one.
     *
     * @throws IllegalArgumentException naming the property and the accepted values
     */
    static int requestedBits() {
        return oneOf(BITS_PROPERTY, new int[] {128, 256, 512},
                " is not a vector width; use 128, 256 or 512, or leave it unset for the CPU's preferred width");
    }

    /**
     * The forced height of the GEMM's register tile, or 0 for the one the CPU's registers fit.
     *
     * @throws IllegalArgumentException naming the property and the accepted values
     */
    static int requestedTileRows() {
        return oneOf(TILE_ROWS_PROPERTY, new int[] {6, 8}, " is not a register tile height; use 6 (CPUs with 16"
                + " vector registers, such as AVX2) or 8 (32 registers: AVX-512, NEON), or leave it unset to let"
                + " the CPU decide");
    }

    /** The property's value when it is one of {@code accepted}, 0 when unset or empty. */
    private static int oneOf(String property, int[] accepted, String refusal) {
        String value = System.getProperty(property, "").trim();
        if (value.isEmpty()) {
            return 0;
        }
        for (int candidate : accepted) {
            if (value.equals(Integer.toString(candidate))) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("-D" + property + "=" + value + refusal);
    }

    /**
     * The number of threads, the calling thread included.
     *
     * @throws IllegalArgumentException naming the property when the value is not a positive integer
     */
    static int threads() {
        String value = System.getProperty(THREADS_PROPERTY, "").trim();
        if (value.isEmpty()) {
            return Math.max(1, Runtime.getRuntime().availableProcessors());
        }
        try {
            int n = Integer.parseInt(value);
            if (n >= 1 && n <= 1024) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted range
        }
        throw new IllegalArgumentException("-D" + THREADS_PROPERTY + "=" + value
                + " is not a thread count; use an integer in [1, 1024], or leave it unset for all cores");
    }
}
