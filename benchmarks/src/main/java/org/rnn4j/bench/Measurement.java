package org.rnn4j.bench;

import java.util.Arrays;
import java.util.Locale;

/**
 * The repetitions of one measured rate, with the memory the configuration peaked at.
 *
 * <pre>{@code
 * Measurement m = Measurement.of(new double[] {101, 99, 100});
 * m.median(); // 100
 * }</pre>
 *
 * @param samples  the rate of each repetition
 * @param heapMiB  peak heap in use, garbage included, MiB, or -1 when not measured
 * @param liveMiB  heap still reachable after a full GC at the end of the run, the model and its
 *                 workspaces alive, MiB, or -1 when not measured
 * @param rssMiB   peak resident set of the process, MiB, or -1 when not measured
 * @param allocatedPerItem heap bytes all threads allocated per item (character) in the timed
 *                 repetition that allocated least ({@link RepTimer#allocatedPerItem()}), or -1
 *                 when not measured
 */
public record Measurement(double[] samples, double heapMiB, double liveMiB, double rssMiB, double allocatedPerItem) {

    /** A measurement without memory figures; {@code samples} is copied. */
    public static Measurement of(double[] samples) {
        return of(samples, -1, -1, -1);
    }

    /** A measurement; {@code samples} is copied. */
    public static Measurement of(double[] samples, double heapMiB, double liveMiB, double rssMiB) {
        if (samples.length == 0) {
            throw new IllegalArgumentException("a measurement needs at least one repetition");
        }
        return new Measurement(samples.clone(), heapMiB, liveMiB, rssMiB, -1);
    }

    /** The rates and the allocation per item that {@code timer} measured. */
    public static Measurement of(RepTimer timer) {
        return of(timer.rates()).withAllocated(timer.allocatedPerItem());
    }

    /** The median repetition (mean of the middle two for an even count). */
    public double median() {
        double[] s = samples.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** The slowest repetition. */
    public double min() {
        return Arrays.stream(samples).min().orElseThrow();
    }

    /** The fastest repetition. */
    public double max() {
        return Arrays.stream(samples).max().orElseThrow();
    }

    /** This measurement with the live heap attached. */
    public Measurement withLive(double live) {
        return new Measurement(samples, heapMiB, live, rssMiB, allocatedPerItem);
    }

    /** This measurement with the peak figures attached. */
    public Measurement withPeaks(double heap, double rss) {
        return new Measurement(samples, heap, liveMiB, rss, allocatedPerItem);
    }

    /** This measurement with the allocation per item attached. */
    public Measurement withAllocated(double bytesPerItem) {
        return new Measurement(samples, heapMiB, liveMiB, rssMiB, bytesPerItem);
    }

    /**
     * One line: {@code median min max heapMiB liveMiB rssMiB allocatedPerItem samples...},
     * tab-separated.
     */
    public String toTsv() {
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.3f",
                median(), min(), max(), heapMiB, liveMiB, rssMiB, allocatedPerItem));
        for (double s : samples) {
            b.append('\t').append(String.format(Locale.ROOT, "%.1f", s));
        }
        return b.toString();
    }

    /** Parses {@link #toTsv()}'s line. */
    public static Measurement parseTsv(String line) {
        String[] f = line.split("\t");
        int first = 7;
        double[] s = new double[f.length - first];
        for (int i = 0; i < s.length; i++) {
            s[i] = Double.parseDouble(f[first + i]);
        }
        return of(s, Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]))
                .withAllocated(Double.parseDouble(f[6]));
    }
}
