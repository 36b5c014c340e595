package org.rnn4j.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The harness's command line. Kept by hand (no picocli) so the benchmarks jar stays small and the
 * option list mirrors the PyTorch script's {@code argparse} one.
 *
 * <pre>{@code
 * Options o = Options.parse("--quick", "--configs", "peak,seed");
 * }</pre>
 */
final class Options {

    static final String USAGE = String.join("\n",
            "usage: Throughput [--configs LIST] [--quick] [--gemm all|targets|none] [--tsv FILE] [--data FILE]",
            "                  [--backend NAME] [--in-process]",
            "  --configs LIST  comma-separated: all (default), train, sample, peak, gemm, or names:",
            "                  seed, lstm-2x256, lstm-2x512, gru-2x256, elman-2x256, sample-lstm-2x256,",
            "                  sample-lstm-2x512 (tiny, sample-tiny: smoke tests)",
            "  --quick         short warm-up and repetitions: a smoke run, not steady state",
            "  --gemm WHICH    GEMM shapes when gemm is selected: all 12 (default), targets (2048^3 and",
            "                  64x512x2048, 3 layouts each), gpu (4096^3 NN and 64x512x2048 NT), none",
            "  --tsv FILE      also write the results tab-separated (for compare.sh)",
            "  --data FILE     training text (default: ../shared/data/tinyshakespeare/input.txt beside",
            "                  the checkout, else cli/src/main/resources/corpus/tinyshakespeare.txt)",
            "  --backend NAME  backend to measure (default cpu-simd)",
            "  --in-process    run every configuration in this JVM instead of one fresh JVM each",
            "                  (memory figures then accumulate)");

    boolean quick;
    boolean inProcess;
    boolean help;
    String gemm = "all";
    String backend = "cpu-simd";
    Path tsv;
    Path data;
    String child;
    final Set<String> selected = new LinkedHashSet<>();

    static Options parse(String... args) {
        Options o = new Options();
        List<String> configs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--quick":
                    o.quick = true;
                    break;
                case "--in-process":
                    o.inProcess = true;
                    break;
                case "-h":
                case "--help":
                    o.help = true;
                    break;
                case "--configs":
                    configs.addAll(List.of(value(args, ++i, a).split(",")));
                    break;
                case "--gemm":
                    o.gemm = value(args, ++i, a);
                    if (!Set.of("all", "targets", "gpu", "none").contains(o.gemm)) {
                        throw new IllegalArgumentException("--gemm takes all, targets, gpu or none, got " + o.gemm);
                    }
                    break;
                case "--tsv":
                    o.tsv = Path.of(value(args, ++i, a));
                    break;
                case "--data":
                    o.data = Path.of(value(args, ++i, a));
                    break;
                case "--backend":
                    o.backend = value(args, ++i, a);
                    break;
                case "--child":
                    o.child = value(args, ++i, a);
                    break;
                default:
                    throw new IllegalArgumentException("unknown option '" + a + "'\n" + USAGE);
            }
        }
        if (configs.isEmpty()) {
            configs.add("all");
        }
        for (String c : configs) {
            expand(c.trim(), o.selected);
        }
        return o;
    }

    private static void expand(String name, Set<String> into) {
        switch (name) {
            case "all":
                into.add("peak");
                into.add("gemm");
                ModelSpec.ALL.forEach(s -> into.add(s.name()));
                break;
            case "train":
                ModelSpec.ALL.stream().filter(s -> !s.sampling()).forEach(s -> into.add(s.name()));
                break;
            case "sample":
                ModelSpec.ALL.stream().filter(ModelSpec::sampling).forEach(s -> into.add(s.name()));
                break;
            case "peak":
            case "gemm":
                into.add(name);
                break;
            default:
                into.add(ModelSpec.named(name).name()); // fails with the list of names
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    /** The options a child JVM needs to measure like its parent. */
    List<String> forChild(String config) {
        List<String> a = new ArrayList<>(List.of("--child", config, "--backend", backend));
        if (quick) {
            a.add("--quick");
        }
        if (data != null) {
            a.add("--data");
            a.add(data.toString());
        }
        return a;
    }
}
