package org.rnn4j.bench;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Set;
import org.rnn4j.api.backend.Backend;
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
        ConfigCommand.run("run-profile", USAGE, args, Set.of(), command -> {
            try (Backend backend = Backends.discover().select(command.backend())) {
                profile(command.spec(), backend, command.corpus(), Protocol.QUICK, Protocol.STANDARD, System.out);
            }
        });
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
