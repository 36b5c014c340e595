package org.rnn4j.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.core.backend.BackendSelectionException;
import org.rnn4j.core.backend.Backends;

/**
 * Where one configuration of the throughput harness spends its time, backend operation by
 * operation ({@link OperationTimes}): per training step (one loss per step) or per sampled
 * character (one softmax per character). A warm-up run first, so that the JIT has compiled the
 * kernels and the workspaces exist; then the standard protocol.
 *
 * <pre>{@code
 * ./benchmarks/run-profile.sh lstm-2x256
 * ./benchmarks/run-profile.sh sample-lstm-2x256 --backend cpu-simd
 * }</pre>
 */
public final class StepProfile {

    private StepProfile() {
    }

    private static final String USAGE = "usage: run-profile.sh CONFIG [--backend NAME] [--data FILE]\n"
            + "  CONFIG: a configuration of the throughput harness, e.g. lstm-2x256 or sample-lstm-2x256";

    /** {@code CONFIG [--backend NAME] [--data FILE]}; a bad argument exits with status 2. */
    public static void main(String[] args) {
        try {
            run(args);
        } catch (IllegalArgumentException e) {
            System.err.println("run-profile: " + e.getMessage() + "\n" + USAGE);
            System.exit(2);
        } catch (BackendSelectionException e) {
            System.err.println("run-profile: " + e.getMessage());
            System.exit(2);
        }
    }

    private static void run(String[] args) {
        if (args.length == 0 || args[0].startsWith("-")) {
            throw new IllegalArgumentException("name a configuration first");
        }
        ModelSpec spec = ModelSpec.named(args[0]);
        String backendName = "cpu-simd";
        Path data = null;
        for (int i = 1; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            switch (args[i]) {
                case "--backend":
                    backendName = args[i + 1];
                    break;
                case "--data":
                    data = Path.of(args[i + 1]);
                    break;
                default:
                    throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        Corpus corpus = spec.sampling() ? null : Corpus.locate(data);
        try (Backend backend = Backends.discover().select(backendName)) {
            profile(spec, backend, corpus, Protocol.QUICK, Protocol.STANDARD, System.out);
        }
    }

    /**
     * Runs {@code spec} once under {@code warmUp}, then profiles a run under {@code measured} and
     * prints the table to {@code out}.
     */
    static void profile(ModelSpec spec, Backend backend, Corpus corpus, Protocol warmUp, Protocol measured,
                        PrintStream out) {
        OperationTimes times = new OperationTimes();
        Backend timed = times.wrap(backend);
        Throughput.run(timed, spec, corpus, warmUp);
        times.clear();
        long start = System.nanoTime();
        Measurement m = Throughput.run(timed, spec, corpus, measured);
        double wallMs = (System.nanoTime() - start) / 1e6;
        // a training step computes its loss once; a sampled character downloads its logits once
        // (the sampler draws on the host), plus one download per sampled sequence's priming
        long units = Math.max(1, times.calls(spec.sampling() ? "download" : "softmaxCrossEntropy"));
        String unit = spec.sampling() ? "char" : "step";
        out.printf(Locale.ROOT, "%s on %s: median %.0f chars/s while profiled, %d %ss in %.0f ms%n", spec.name(),
                backend, m.median(), units, unit, wallMs);
        // a training step takes milliseconds, a sampled character microseconds
        times.print(out, units, unit, spec.sampling());
    }
}
