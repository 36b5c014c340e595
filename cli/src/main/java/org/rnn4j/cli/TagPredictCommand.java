package org.rnn4j.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.models.tagging.Tagger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnn4j tag predict}: one whitespace-tokenised sentence per line in, {@code token/TAG} out. */
@Command(name = "predict", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Tag sentences: reads one whitespace-tokenised sentence per line (standard input or --input)",
            "and writes each token as token/TAG; blank lines stay blank."})
final class TagPredictCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "model folder from tag train")
    Path model;

    @Option(names = "--input", paramLabel = "FILE", description = "read sentences from FILE instead of standard input")
    Path input;

    /** Standard input, replaceable by tests. */
    InputStream stdin = System.in;

    @Override
    public Integer call() {
        List<String> lines = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(input == null ? new InputStreamReader(stdin, StandardCharsets.UTF_8)
                : Files.newBufferedReader(input, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
            }
        } catch (IOException e) {
            throw new UserError((input == null ? "standard input" : input.toString()) + ": " + Errors.describe(e), e);
        }
        List<List<String>> sentences = new ArrayList<>();
        for (String line : lines) {
            if (!line.isBlank()) {
                sentences.add(List.of(line.strip().split("\\s+")));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Backend backend = backendOptions.select(); Tagger tagger = TagEvalCommand.load(model, backend)) {
            List<List<String>> tags = tagger.predictAll(sentences);
            int next = 0;
            for (String line : lines) {
                if (line.isBlank()) {
                    out.println();
                    continue;
                }
                List<String> words = sentences.get(next);
                List<String> t = tags.get(next++);
                StringBuilder s = new StringBuilder();
                for (int i = 0; i < words.size(); i++) {
                    s.append(i == 0 ? "" : " ").append(words.get(i)).append('/').append(t.get(i));
                }
                out.println(s);
            }
            out.flush();
        }
        return 0;
    }

    @Mixin
    BackendOptions backendOptions = new BackendOptions();
}
