package org.rnn4j.api.kernel;

/**
 * The counter-based random numbers behind dropout masks. Number {@code i} of a stream depends
 * only on {@code (seed, i)}, so masks are identical on every backend, thread count and vector
 * width, and any block of them can be generated in parallel.
 *
 * <p>The generator is SplitMix64's finaliser applied to {@code seed + counter * 0x9E3779B97F4A7C15}; a
 * uniform float keeps the top 24 bits: {@code (bits >>> 40) * 2^-24}, exactly representable.
 *
 * <pre>{@code
 * float u = CounterRandom.uniform(seed, 17);   // in [0, 1)
 * }</pre>
 */
public final class CounterRandom {

    /** The 64-bit golden-ratio increment of SplitMix64. */
    public static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private CounterRandom() {
    }

    /** 64 well-mixed bits for position {@code counter} of stream {@code seed}. */
    public static long bits(long seed, long counter) {
        long z = seed + counter * GOLDEN_GAMMA;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** A uniform float in {@code [0, 1)} with 24 random bits. */
    public static float uniform(long seed, long counter) {
        return (bits(seed, counter) >>> 40) * 0x1.0p-24f;
    }

    /**
     * The dropout multiplier for position {@code counter}: {@code 0} with probability {@code p},
     * else {@code 1 / (1 - p)} (computed in float), so the expected value is 1.
     */
    public static float dropoutMultiplier(long seed, long counter, float p) {
        return uniform(seed, counter) < p ? 0f : 1f / (1f - p);
    }
}
