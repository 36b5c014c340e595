package org.rnn4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much of the machine other processes used while a configuration ran: the busy time of all
 * CPUs from {@code /proc/stat} (steal included: a hypervisor's neighbours interfere too) minus
 * the measuring process's own CPU time, over wall time times CPUs. On a shared 2-core machine a
 * few percent already shows in the numbers (PyTorch's OpenMP threads suffer most), so every row
 * says it.
 *
 * <pre>{@code
 * CpuShare.Mark before = CpuShare.mark();
 * double childCpuSeconds = runChild();
 * double others = CpuShare.othersPercent(before, childCpuSeconds); // NaN where /proc is absent
 * }</pre>
 */
public final class CpuShare {

    /** Kernel clock ticks per second of {@code /proc/stat} (USER_HZ, 100 on Linux). */
    private static final double TICKS = 100;

    /**
     * A point in time: wall clock and busy ticks of all CPUs.
     *
     * @param nanos     {@link System#nanoTime()}
     * @param busyTicks busy ticks of all CPUs, or -1 where unknown
     */
    public record Mark(long nanos, long busyTicks) {
    }

    private CpuShare() {
    }

    /** Now. */
    public static Mark mark() {
        return new Mark(System.nanoTime(), busyTicks());
    }

    /**
     * Percent of all CPUs used by others since {@code before}, given the CPU seconds of the
     * process measured; NaN where {@code /proc/stat} could not be read.
     */
    public static double othersPercent(Mark before, double ownCpuSeconds) {
        Mark now = mark();
        if (before.busyTicks() < 0 || now.busyTicks() < 0) {
            return Double.NaN;
        }
        double wall = (now.nanos() - before.nanos()) / 1e9;
        double busy = (now.busyTicks() - before.busyTicks()) / TICKS;
        int cpus = Runtime.getRuntime().availableProcessors();
        return Math.max(0, 100 * (busy - ownCpuSeconds) / (wall * cpus));
    }

    /** CPU seconds this JVM has used, all threads. */
    public static double ownCpuSeconds() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean) {
            return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime() / 1e9;
        }
        return 0;
    }

    private static long busyTicks() {
        try {
            String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
            // cpu user nice system idle iowait irq softirq steal ...
            long busy = 0;
            for (int i : new int[] {1, 2, 3, 6, 7, 8}) {
                busy += i < f.length ? Long.parseLong(f[i]) : 0;
            }
            return busy;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
