package org.rnn4j.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the numbers were measured on: CPU model, cores, JDK, load. Printed at the top of every
 * run, because a throughput figure without its machine means nothing.
 *
 * <pre>{@code
 * System.out.println(Machine.describe());
 * }</pre>
 */
public final class Machine {

    private Machine() {
    }

    /** CPU model name from {@code /proc/cpuinfo}, or {@code os.arch} elsewhere. */
    public static String cpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }

    /** The 1-minute load average, or -1 where {@code /proc/loadavg} does not exist. */
    public static double load() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** A few lines: CPU, cores, JDK, load average. */
    public static String describe() {
        return "machine: " + cpu() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, "
                + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB max heap\n"
                + "jdk:     " + System.getProperty("java.vm.vendor") + " " + Runtime.version() + " ("
                + System.getProperty("java.home") + ")\n"
                + "load:    " + load() + " (1-minute average at start; numbers are trustworthy below ~0.5)";
    }
}
