package org.rnn4j.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.core.backend.Backends;

/**
 * The training-throughput harness: the machine's FMA peak, GEMM GFLOP/s as a fraction of it,
 * characters per second of training and of sampling for the configurations of {@link ModelSpec},
 * and the peak heap and RSS of each. {@code benchmarks/pytorch/throughput.py} measures the same
 * configurations on PyTorch and {@code benchmarks/compare.sh} runs both and prints the ratios.
 *
 * <p>Each model configuration runs in a fresh JVM (same JVM flags and class path as this one) so
 * that its memory figures are its own and its JIT profile is not shaped by the configurations
 * before it; {@code --in-process} turns that off.
 *
 * <pre>{@code
 * ./benchmarks/run-throughput.sh                       # everything, about 5 minutes
 * ./benchmarks/run-throughput.sh --quick --configs seed
 * java --add-modules jdk.incubator.vector -cp benchmarks/target/benchmarks.jar \
 *      org.rnn4j.bench.Throughput --configs peak,gemm --gemm targets
 * }</pre>
 */
public final class Throughput {

    private static final String RESULT = "RESULT\t";
    private static final String CPU = "CPU\t";

    private Throughput() {
    }

    /** Runs the harness; exit status 2 on a bad command line, 1 when a configuration failed. */
    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.println(Options.USAGE);
            return;
        }
        if (options.child != null) {
            runChild(options);
            return;
        }
        System.exit(run(options, new Report(System.out)) ? 0 : 1);
    }

    /**
     * Runs the selected measurements, printing to {@code report}; returns false when one failed
     * (the others still run).
     */
    static boolean run(Options options, Report report) {
        Protocol protocol = options.quick ? Protocol.QUICK : Protocol.STANDARD;
        report.line("rnn4j throughput harness" + (options.quick ? " (QUICK: smoke run, not steady state)" : ""));
        report.line(Machine.describe());
        Corpus corpus = Corpus.locate(options.data);
        report.line("data:    " + corpus.source() + " (" + corpus.length() + " characters, " + corpus.vocabulary()
                + " symbols)");
        double peakAll = Double.NaN;
        // The CPU's FMA peak is what a CPU backend's GEMM is a share of; GPU shapes are not.
        if (options.selected.contains("peak") || options.selected.contains("gemm") && !options.gemm.equals("gpu")) {
            peakAll = peak(options, report);
        }
        boolean ok = true;
        if (options.selected.contains("gemm") && !options.gemm.equals("none")) {
            ok &= gemm(options, report, peakAll);
        }
        for (String name : options.selected) {
            if (name.equals("peak") || name.equals("gemm")) {
                continue;
            }
            ModelSpec spec = ModelSpec.named(name);
            try {
                CpuShare.Mark before = CpuShare.mark();
                double cpuBefore = CpuShare.ownCpuSeconds();
                double[] childCpu = {0};
                Measurement m = options.inProcess ? measure(options, spec, corpus, protocol)
                        : fork(options, spec, childCpu);
                double own = CpuShare.ownCpuSeconds() - cpuBefore + childCpu[0];
                report.row(spec.name(), spec.describe(), "chars/s", m, others(CpuShare.othersPercent(before, own)));
            } catch (RuntimeException e) {
                report.line(spec.name() + ": FAILED: " + e.getMessage());
                ok = false;
            }
        }
        if (options.tsv != null) {
            report.writeTsv(options.tsv);
            report.line("wrote " + options.tsv);
        }
        return ok;
    }

    /** The note saying how busy the rest of the machine was. */
    static String others(double percent) {
        return Double.isNaN(percent) ? "" : String.format(Locale.ROOT, "others %.0f%% CPU", percent);
    }

    private static double peak(Options options, Report report) {
        int threads = Runtime.getRuntime().availableProcessors();
        int iterations = options.quick ? 2_000_000 : 20_000_000;
        int rounds = options.quick ? 2 : 5;
        CpuShare.Mark before = CpuShare.mark();
        double cpu = CpuShare.ownCpuSeconds();
        Measurement one = Measurement.of(new double[] {FmaPeak.gflops(1, iterations, rounds)});
        Measurement all = Measurement.of(new double[] {FmaPeak.gflops(threads, iterations, rounds)});
        String busy = others(CpuShare.othersPercent(before, CpuShare.ownCpuSeconds() - cpu));
        String what = "FMA peak, " + FmaPeak.bits() + "-bit, 12 accumulators, ";
        report.row("peak-1", what + "1 thread", "GFLOP/s", one, "best of " + rounds + ", " + busy);
        report.row("peak-" + threads, what + threads + " threads", "GFLOP/s", all, "best of " + rounds + ", " + busy);
        return all.max();
    }

    private static boolean gemm(Options options, Report report, double peakAll) {
        Protocol protocol = options.quick ? Protocol.GEMM_QUICK : Protocol.GEMM;
        try (Backend backend = Backends.discover().select(options.backend)) {
            report.line("gemm on " + backend);
            List<GemmShape> shapes = options.gemm.equals("gpu")
                    ? List.of(GemmShape.GPU_TARGET, GemmShape.parse("64x512x2048", "NT")) : GemmShape.ALL;
            for (GemmShape shape : shapes) {
                boolean target = shape.size().equals("2048x2048x2048") || shape.size().equals("64x512x2048");
                if (options.gemm.equals("targets") && !target) {
                    continue;
                }
                CpuShare.Mark before = CpuShare.mark();
                double cpu = CpuShare.ownCpuSeconds();
                Measurement m = GemmBench.run(backend, shape, protocol);
                String share = Double.isNaN(peakAll) ? "" : String.format(Locale.ROOT, "%.1f%% of %d-thread peak, ",
                        100 * m.median() / peakAll, Runtime.getRuntime().availableProcessors());
                String note = share + others(CpuShare.othersPercent(before, CpuShare.ownCpuSeconds() - cpu));
                report.row(shape.name(), "C = op(A) op(B), M x K x N = " + shape.size(), "GFLOP/s", m, note);
            }
            return true;
        } catch (RuntimeException e) {
            report.line("gemm: FAILED: " + e);
            return false;
        }
    }

    /** One configuration in this JVM, memory included. */
    static Measurement measure(Options options, ModelSpec spec, Corpus corpus, Protocol protocol) {
        MemoryProbe.reset();
        try (Backend backend = Backends.discover().select(options.backend)) {
            return run(backend, spec, corpus, protocol).withPeaks(MemoryProbe.peakHeapMiB(), MemoryProbe.peakRssMiB());
        }
    }

    /** Samples or trains {@code spec} on {@code backend}, as the configuration says. */
    static Measurement run(Backend backend, ModelSpec spec, Corpus corpus, Protocol protocol) {
        return spec.sampling() ? SamplingBench.run(backend, spec, protocol)
                : TrainingBench.run(backend, spec, corpus, protocol);
    }

    private static void runChild(Options options) {
        ModelSpec spec = ModelSpec.named(options.child);
        Protocol protocol = options.quick ? Protocol.QUICK : Protocol.STANDARD;
        Measurement m = measure(options, spec, Corpus.locate(options.data), protocol);
        System.out.println(CPU + CpuShare.ownCpuSeconds());
        System.out.println(RESULT + m.toTsv());
    }

    /**
     * Runs {@code spec} in a fresh JVM with this JVM's flags and class path; parses its result
     * line, and its CPU seconds into {@code cpu[0]}.
     */
    private static Measurement fork(Options options, ModelSpec spec, double[] cpu) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Throughput.class.getName());
        command.addAll(options.forChild(spec.name()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT);
        try {
            Process p = pb.start();
            String result = null;
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    if (line.startsWith(RESULT)) {
                        result = line.substring(RESULT.length());
                    } else if (line.startsWith(CPU)) {
                        cpu[0] = Double.parseDouble(line.substring(CPU.length()));
                    } else {
                        System.err.println(line);
                    }
                }
            }
            int status = p.waitFor();
            if (status != 0 || result == null) {
                throw new IllegalStateException("the JVM measuring " + spec.name() + " exited with status " + status
                        + (result == null ? " and no result" : ""));
            }
            return Measurement.parseTsv(result);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start a JVM for " + spec.name() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while measuring " + spec.name(), e);
        }
    }
}
