package org.rnn4j.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The harness's output: a fixed-width table printed row by row as results arrive (a long run
 * shows progress), and optionally the same rows tab-separated in a file, the format
 * {@code benchmarks/pytorch/throughput.py --tsv} also writes and {@code compare.sh} joins.
 *
 * <p>TSV columns: {@code name, unit, median, min, max, heap MiB (peak), live MiB, RSS MiB,
 * allocated bytes per character, note}; -1 where a figure is not measured. The table shows the
 * allocation as {@code B/char}: below a few bytes in a healthy run, thousands or more where the
 * JVM boxes vectors (see docs/benchmarks.md).
 *
 * <pre>{@code
 * Report report = new Report(System.out);
 * report.row("lstm-2x256", spec.describe(), "chars/s", measurement, "");
 * report.writeTsv(Path.of("rnn4j.tsv"));
 * }</pre>
 */
public final class Report {

    private static final String FORMAT = "%-22s %-46s %8s %10s %10s %10s %8s %8s %8s %8s  %s%n";

    private final PrintStream out;
    private final List<String> tsv = new ArrayList<>();
    private boolean headed;

    /** A report printing to {@code out}. */
    public Report(PrintStream out) {
        this.out = out;
    }

    /** Prints one row (and the column titles before the first). */
    public void row(String name, String description, String unit, Measurement m, String note) {
        if (!headed) {
            out.printf(Locale.ROOT, FORMAT, "config", "what", "unit", "median", "min", "max", "heapMiB", "liveMiB",
                    "RSSMiB", "B/char", "");
            headed = true;
        }
        out.printf(Locale.ROOT, FORMAT, name, description, unit, number(m.median()), number(m.min()),
                number(m.max()), memory(m.heapMiB()), memory(m.liveMiB()), memory(m.rssMiB()),
                allocation(m.allocatedPerItem()), note);
        out.flush();
        tsv.add(String.format(Locale.ROOT, "%s\t%s\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.1f\t%.3f\t%s", name, unit,
                m.median(), m.min(), m.max(), m.heapMiB(), m.liveMiB(), m.rssMiB(), m.allocatedPerItem(), note));
    }

    /** Prints a free line (section titles, machine facts). */
    public void line(String text) {
        out.println(text);
        out.flush();
    }

    /** Writes every row so far to {@code file}, tab-separated, with a header line. */
    public void writeTsv(Path file) {
        List<String> lines = new ArrayList<>();
        lines.add("name\tunit\tmedian\tmin\tmax\theap_mib\tlive_mib\trss_mib\talloc_b_per_char\tnote");
        lines.addAll(tsv);
        try {
            Files.write(file, lines, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static String number(double v) {
        return v >= 1000 ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.1f", v);
    }

    private static String allocation(double bytes) {
        return bytes < 0 ? "-" : String.format(Locale.ROOT, bytes < 100 ? "%.2f" : "%.3g", bytes);
    }

    private static String memory(double mib) {
        return mib < 0 ? "-" : String.format(Locale.ROOT, "%.0f", mib);
    }
}
