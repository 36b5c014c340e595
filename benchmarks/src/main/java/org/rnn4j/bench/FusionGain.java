package org.rnn4j.bench;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.backend.PerStepSequences;
import org.rnn4j.core.backend.Backends;

/**
 * How much a backend's own sequence kernels gain over their definitions: one configuration of
 * the throughput harness run on the backend and on its {@link PerStepSequences} view (the
 * interface defaults: per-step products and step kernels, on the same backend's kernels),
 * alternating in one JVM, round after round, so that the host's drift touches both sides alike.
 * Prints each round's two speeds and their ratio, then the median ratio.
 *
 * <pre>{@code
 * ./benchmarks/run-fusion-gain.sh sample-lstm-2x256          # 12 rounds of the quick protocol
 * ./benchmarks/run-fusion-gain.sh lstm-2x256 --rounds 5
 * }</pre>
 */
public final class FusionGain {

    private FusionGain() {
    }

    private static final String USAGE = "usage: run-fusion-gain.sh CONFIG [--rounds N] [--backend NAME] [--data FILE]\n"
            + "  CONFIG: a configuration of the throughput harness, e.g. sample-lstm-2x256 or lstm-2x256";

    /** Rounds when {@code --rounds} is not given. */
    static final int DEFAULT_ROUNDS = 12;

    /** Rounds whose ratios are left out of the verdict: the JIT is still compiling in them. */
    static final int WARM_UP_ROUNDS = 2;

    /** {@code CONFIG [--rounds N] [--backend NAME] [--data FILE]}; a bad argument exits with status 2. */
    public static void main(String[] args) {
        ConfigCommand.run("run-fusion-gain", USAGE, args, Set.of("--rounds"), command -> {
            String rounds = command.options().get("--rounds");
            int n = rounds == null ? DEFAULT_ROUNDS : parseRounds(rounds);
            try (Backend backend = Backends.discover().select(command.backend())) {
                compare(command.spec(), backend, command.corpus(), n, Protocol.QUICK, System.out);
            }
        });
    }

    private static int parseRounds(String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > WARM_UP_ROUNDS) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--rounds takes a whole number above " + WARM_UP_ROUNDS + ", got '"
                + value + "'");
    }

    /**
     * Runs {@code spec} on {@code backend} and on its per-step view, alternating, {@code rounds}
     * times; prints every round and the median ratio of the rounds after the warm-up ones, and
     * returns that median.
     */
    static double compare(ModelSpec spec, Backend backend, Corpus corpus, int rounds, Protocol protocol,
                          PrintStream out) {
        Backend perStep = PerStepSequences.of(backend);
        String unit = spec.sampling() ? "chars/s sampled" : "chars/s trained";
        out.printf(Locale.ROOT, "%s on %s: its sequence kernels against their per-step definitions, %d rounds (%s)%n",
                spec.name(), backend, rounds, unit);
        double[] ratios = new double[rounds - WARM_UP_ROUNDS];
        for (int r = 0; r < rounds; r++) {
            double own = Throughput.run(backend, spec, corpus, protocol).median();
            double defined = Throughput.run(perStep, spec, corpus, protocol).median();
            out.printf(Locale.ROOT, "round %2d: own %10.0f  per-step %10.0f  ratio %.3f%s%n", r + 1, own, defined,
                    own / defined, r < WARM_UP_ROUNDS ? "  (warm-up, not counted)" : "");
            if (r >= WARM_UP_ROUNDS) {
                ratios[r - WARM_UP_ROUNDS] = own / defined;
            }
        }
        Arrays.sort(ratios);
        double median = ratios[ratios.length / 2];
        out.printf(Locale.ROOT, "median ratio %.3f (min %.3f, max %.3f) over %d rounds%n", median, ratios[0],
                ratios[ratios.length - 1], ratios.length);
        return median;
    }
}
