package org.rnn4j.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.rnn4j.core.backend.BackendSelectionException;

/**
 * The command line of the tools that study one configuration of the throughput harness
 * ({@link StepProfile}, {@link FusionGain}): {@code CONFIG [--backend NAME] [--data FILE]} plus
 * the tool's own {@code --option value} pairs. A bad argument or an unavailable backend ends the
 * JVM with status 2 and a message that names the tool.
 *
 * <pre>{@code
 * ConfigCommand.run("run-profile", USAGE, args, Set.of(), c -> profile(c.spec(), ...));
 * }</pre>
 *
 * @param spec    the configuration named first
 * @param backend the backend to select ({@code --backend}, default cpu-simd)
 * @param data    the training text ({@code --data}), or null for the usual search
 * @param options the tool's own options given, by name (with their dashes)
 */
record ConfigCommand(ModelSpec spec, String backend, Path data, Map<String, String> options) {

    /** Parses {@code args}, then runs {@code body}; exits with status 2 on a bad argument. */
    static void run(String tool, String usage, String[] args, Set<String> ownOptions, Consumer<ConfigCommand> body) {
        try {
            body.accept(parse(args, ownOptions));
        } catch (IllegalArgumentException e) {
            System.err.println(tool + ": " + e.getMessage() + "\n" + usage);
            System.exit(2);
        } catch (BackendSelectionException e) {
            System.err.println(tool + ": " + e.getMessage());
            System.exit(2);
        }
    }

    static ConfigCommand parse(String[] args, Set<String> ownOptions) {
        if (args.length == 0 || args[0].startsWith("-")) {
            throw new IllegalArgumentException("name a configuration first");
        }
        ModelSpec spec = ModelSpec.named(args[0]);
        String backend = "cpu-simd";
        Path data = null;
        Map<String, String> options = new HashMap<>();
        for (int i = 1; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(args[i] + " needs a value");
            }
            String value = args[i + 1];
            if (args[i].equals("--backend")) {
                backend = value;
            } else if (args[i].equals("--data")) {
                data = Path.of(value);
            } else if (ownOptions.contains(args[i])) {
                options.put(args[i], value);
            } else {
                throw new IllegalArgumentException("unknown option '" + args[i] + "'");
            }
        }
        return new ConfigCommand(spec, backend, data, Map.copyOf(options));
    }

    /** The training text, or null for a sampling configuration (which reads none). */
    Corpus corpus() {
        return spec.sampling() ? null : Corpus.locate(data);
    }
}
