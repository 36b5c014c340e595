package org.rnn4j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.cli.text.Corpus;
import org.rnn4j.core.train.LossValue;
import org.rnn4j.core.train.Trainer;
import org.rnn4j.models.seq.ModelFolder;
import org.rnn4j.models.seq.SequenceModel;
import org.rnn4j.models.seq.SequenceSession;
import org.rnn4j.models.text.CharBatches;
import org.rnn4j.models.text.Vocabulary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnn4j eval}: loss, bits per character, perplexity and speed of a model on a text. */
@Command(name = "eval", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Evaluate a character model on a UTF-8 text: loss (nats/char), bits/char, perplexity, chars/s.")
final class EvalCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "model folder written by train")
    Path model;

    @Option(names = "--text", required = true, paramLabel = "FILE", description = "UTF-8 text to evaluate on")
    Path text;

    @Option(names = "--seq-len", paramLabel = "N", description = "steps per evaluated chunk (default 100)")
    int seqLen = 100;

    @Option(names = "--batch", paramLabel = "N", description = "parallel streams (default 16)")
    int batch = 16;

    @Mixin
    BackendOptions backendOptions = new BackendOptions();

    @Override
    public Integer call() throws IOException {
        if (seqLen < 1 || batch < 1) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--seq-len and --batch must be >= 1, got " + seqLen + " and " + batch);
        }
        Corpus corpus;
        try {
            corpus = Corpus.read(text);
        } catch (IOException e) {
            throw new UserError(Errors.describe(e), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Backend backend = backendOptions.select()) {
            ModelFolder.Loaded loaded = LoadedModel.load(model, backend);
            try (SequenceModel m = loaded.model()) {
                Vocabulary vocab = LoadedModel.vocabulary(loaded.config(), model);
                int[] ids;
                try {
                    ids = vocab.encode(corpus.text());
                } catch (IllegalArgumentException e) {
                    throw new UserError(text + ": " + e.getMessage(), e);
                }
                int streams = Math.max(1, Math.min(batch, (ids.length - 1) / seqLen));
                int steps = Math.min(seqLen, ids.length - 1);
                if (steps < 1) {
                    throw new UserError(text + " is too short to evaluate: it needs at least 2 characters");
                }
                CharBatches batches = new CharBatches(ids, streams, steps);
                long start = System.nanoTime();
                LossValue loss;
                try (SequenceSession session = m.session(steps, streams, true)) {
                    loss = Trainer.evaluate(session, batches);
                }
                double seconds = (System.nanoTime() - start) / 1e9;
                double mean = loss.mean();
                out.printf("characters evaluated  %d%n", loss.count());
                out.printf("loss                  %.4f nats/char%n", mean);
                out.printf("bits per character    %.4f%n", mean / Math.log(2));
                out.printf("perplexity            %.3f%n", Math.exp(mean));
                out.printf("speed                 %.0f chars/s (%s)%n", loss.count() / seconds, backend.name());
                out.flush();
            }
        }
        return 0;
    }
}
