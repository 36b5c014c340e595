package org.rnn4j.backend.cuda;

/**
 * A device buffer of 4-byte elements that grows to the largest size asked for (at least
 * doubling, so a slowly growing demand reallocates rarely) and is then reused: the per-call
 * scratch of a kernel (row losses, index lists, the partial products of a sliced GEMM) costs no
 * allocation once the largest call has been seen.
 *
 * <pre>{@code
 * DeviceWorkspace scratch = new DeviceWorkspace(device);
 * long address = scratch.atLeast(rows);   // valid until the next atLeast or free
 * }</pre>
 */
final class DeviceWorkspace {

    private final Device device;
    private long address;
    private long capacity;

    DeviceWorkspace(Device device) {
        this.device = device;
    }

    /** The buffer's address, grown to hold at least {@code elements} 4-byte elements. */
    long atLeast(long elements) {
        if (elements > capacity) {
            long size = Math.max(elements, 2 * capacity);
            free();
            // Fields change only once the allocation succeeded: after an out-of-memory error the
            // workspace is empty, never pointing at freed memory.
            address = device.allocate(4L * size);
            capacity = size;
        }
        return address;
    }

    /** Frees the buffer; a later {@link #atLeast} allocates again. */
    void free() {
        if (address != 0) {
            device.free(address);
            address = 0;
            capacity = 0;
        }
    }
}
