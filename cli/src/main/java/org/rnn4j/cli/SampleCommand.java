package org.rnn4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.models.sample.Generator;
import org.rnn4j.models.sample.SamplingSettings;
import org.rnn4j.models.seq.ModelFolder;
import org.rnn4j.models.seq.SequenceModel;
import org.rnn4j.models.text.Vocabulary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code rnn4j sample}: streams generated text to standard output. */
@Command(name = "sample", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Generate text from a trained character model, streamed to standard output.")
final class SampleCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "model folder written by train")
    Path model;

    @Option(names = "--prime", paramLabel = "TEXT", description = "text to start from (default: a newline)")
    String prime;

    @Option(names = "--length", paramLabel = "N", description = "characters to generate (default 500)")
    int length = 500;

    @Option(names = "--temperature", paramLabel = "T", description = "softmax temperature > 0 (default 1.0)")
    Double temperature;

    @Option(names = "--greedy", description = "always take the most likely character")
    boolean greedy;

    @Option(names = "--top-k", paramLabel = "K", description = "sample among the K most likely characters")
    Integer topK;

    @Option(names = "--top-p", paramLabel = "P", description = "sample within the nucleus of probability P, in (0, 1]")
    Double topP;

    @Option(names = "--beam", paramLabel = "W", description = "beam search of width W (deterministic)")
    Integer beam;

    @Option(names = "--seed", paramLabel = "N", description = "seed of the draws (default 1)")
    long seed = 1;

    @Mixin
    BackendOptions backendOptions = new BackendOptions();

    @Override
    public Integer call() {
        SamplingSettings settings = settings();
        if (length < 0) {
            throw usage("--length must be >= 0, got " + length);
        }
        if (beam != null && beam < 1) {
            throw usage("--beam must be >= 1, got " + beam);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Backend backend = backendOptions.select()) {
            ModelFolder.Loaded loaded = LoadedModel.load(model, backend);
            try (SequenceModel m = loaded.model(); Generator g = new Generator(m)) {
                Vocabulary vocab = LoadedModel.vocabulary(loaded.config(), model);
                int[] start;
                try {
                    start = vocab.encode(prime == null || prime.isEmpty() ? "\n" : prime);
                } catch (IllegalArgumentException e) {
                    throw new UserError("--prime: " + e.getMessage(), e);
                }
                if (prime != null) {
                    out.print(prime);
                }
                if (beam != null) {
                    g.beamSearch(start, length, beam, id -> out.print(Character.toChars(vocab.codePoint(id))));
                } else {
                    g.sample(start, length, settings, id -> {
                        out.print(Character.toChars(vocab.codePoint(id)));
                        out.flush();
                    });
                }
                out.println();
                out.flush();
            }
        }
        return 0;
    }

    private SamplingSettings settings() {
        if (greedy && temperature != null) {
            throw usage("--greedy and --temperature exclude each other");
        }
        // A choice that another one would silently override is refused, not ignored.
        if (greedy && (topK != null || topP != null)) {
            throw usage("--greedy always takes the most likely character; --top-k and --top-p only shape sampling,"
                    + " so leave them out or drop --greedy");
        }
        if (beam != null && (greedy || temperature != null || topK != null || topP != null)) {
            throw usage("--beam searches deterministically; it takes none of --greedy, --temperature, --top-k, --top-p");
        }
        if (temperature != null && (!(temperature > 0) || Double.isInfinite(temperature))) {
            // checked here so that the fix names the option, not the API
            throw usage("--temperature must be > 0 and finite, got " + temperature
                    + "; for the limit of temperature 0 use --greedy");
        }
        try {
            SamplingSettings s = greedy ? SamplingSettings.mostLikely()
                    : SamplingSettings.temperature(temperature == null ? 1.0 : temperature, seed);
            if (topK != null) {
                s = s.withTopK(topK);
            }
            if (topP != null) {
                s = s.withTopP(topP);
            }
            return s;
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage().replace("temperature", "--temperature").replace("top-k", "--top-k")
                    .replace("top-p", "--top-p"));
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
