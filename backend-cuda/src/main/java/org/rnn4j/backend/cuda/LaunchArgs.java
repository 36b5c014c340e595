package org.rnn4j.backend.cuda;

/**
 * The arguments of one kernel launch, one 64-bit slot per parameter with the value in its low
 * bytes (little-endian), which is what {@code cuLaunchKernel} reads through its array of
 * parameter pointers. One instance is reused for every launch, so launching allocates nothing.
 *
 * <pre>{@code
 * args.clear().i32(n).f32(alpha).pointer(x).pointer(y);
 * device.launch(axpby, blocks, 1, 256, args);
 * }</pre>
 */
final class LaunchArgs {

    /** Most parameters any rnn4j kernel takes. */
    static final int CAPACITY = 16;

    private final long[] slots = new long[CAPACITY];
    private int count;

    /** Starts a new argument list. */
    LaunchArgs clear() {
        count = 0;
        return this;
    }

    /** A device address ({@code float*}, {@code int*}), or 0 for a null pointer. */
    LaunchArgs pointer(long address) {
        return put(address);
    }

    /** An {@code int}. */
    LaunchArgs i32(int value) {
        return put(value & 0xFFFF_FFFFL);
    }

    /** A {@code float}. */
    LaunchArgs f32(float value) {
        return put(Float.floatToRawIntBits(value) & 0xFFFF_FFFFL);
    }

    /** An {@code unsigned long long}, bit for bit. */
    LaunchArgs u64(long value) {
        return put(value);
    }

    private LaunchArgs put(long value) {
        if (count == CAPACITY) {
            throw new IllegalStateException("a kernel launch takes at most " + CAPACITY + " arguments");
        }
        slots[count++] = value;
        return this;
    }

    /** Number of arguments. */
    int count() {
        return count;
    }

    /** The slots; the first {@link #count()} are the arguments. */
    long[] slots() {
        return slots;
    }
}
