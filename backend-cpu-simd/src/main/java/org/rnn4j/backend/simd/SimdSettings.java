package org.rnn4j.backend.simd;

/**
 * The two start-up settings of the SIMD backend, read from system properties and validated
 * WITHOUT touching {@code jdk.incubator.vector}, so that the provider's probe can report a bad
 * value on a JVM that lacks the module too.
 *
 * <ul>
 *   <li>{@code rnn4j.simd.bits}: 128, 256 or 512 forces a vector width; absent or empty means the
 *       CPU's preferred width ({@code FloatVector.SPECIES_PREFERRED}).</li>
 *   <li>{@code rnn4j.threads}: a positive thread count; absent or empty means all cores.</li>
 * </ul>
 */
final class SimdSettings {

    /** System property forcing the vector width in bits. */
    static final String BITS_PROPERTY = "rnn4j.simd.bits";
    /** System property setting the number of threads, the caller included. */
    static final String THREADS_PROPERTY = "rnn4j.threads";

    private SimdSettings() {
    }

    /**
     * The forced width in bits, or 0 for the preferred one.
     *
     * @throws IllegalArgumentException naming the property and the accepted values
     */
    static int requestedBits() {
        String value = System.getProperty(BITS_PROPERTY, "").trim();
        if (value.isEmpty()) {
            return 0;
        }
        switch (value) {
            case "128":
                return 128;
            case "256":
                return 256;
            case "512":
                return 512;
            default:
                throw new IllegalArgumentException("-D" + BITS_PROPERTY + "=" + value
                        + " is not a vector width; use 128, 256 or 512, or leave it unset for the CPU's preferred width");
        }
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
