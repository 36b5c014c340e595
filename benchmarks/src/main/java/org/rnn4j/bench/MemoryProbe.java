package org.rnn4j.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Peak memory of this JVM. Heap: the sum of every heap pool's peak use (an upper bound: pools
 * peak at different moments). RSS: {@code VmHWM} from {@code /proc/self/status}, the resident
 * high-water mark of the whole process (heap, metaspace, code cache, thread stacks, direct
 * buffers). Both are reset where the platform allows, so that a configuration run in its own JVM
 * reports its own peak.
 *
 * <pre>{@code
 * MemoryProbe.reset();
 * run();
 * double live = MemoryProbe.liveHeapMiB();   // while the model is still alive
 * double heap = MemoryProbe.peakHeapMiB(), rss = MemoryProbe.peakRssMiB();
 * }</pre>
 */
public final class MemoryProbe {

    private static final double MIB = 1024.0 * 1024.0;

    private MemoryProbe() {
    }

    /**
     * Resets the heap pools' peaks and, on Linux, the process's RSS high-water mark (writing 5 to
     * {@code /proc/self/clear_refs}; ignored where that is not permitted).
     */
    public static void reset() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            // Not Linux, or not allowed: VmHWM then counts from process start, which the docs say.
        }
    }

    /** Sum of the heap pools' peak use since the last reset, MiB. */
    public static double peakHeapMiB() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum / MIB;
    }

    /**
     * Heap still reachable after a full collection, MiB: what the objects alive at this moment
     * (a model, its workspaces, the optimiser state) really take.
     */
    public static double liveHeapMiB() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / MIB;
    }

    /** {@code VmHWM} in MiB, or -1 where {@code /proc/self/status} does not exist. */
    public static double peakRssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String kb = line.substring("VmHWM:".length()).replace("kB", "").trim();
                    return Long.parseLong(kb) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
