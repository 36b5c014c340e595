package org.rnn4j.it.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java examples in README.md are the code of {@link PlainApiExample} and {@link GuiceExample}
 * line for line (between their {@code README:} markers), and both run.
 */
class ReadmeExamplesTest {

    private static final Path ROOT = Path.of(System.getProperty("rnn4j.root", ".."));

    @TempDir
    Path tmp;

    @Test
    void readmeShowsExactlyTheCompiledExamples() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"));
        String here = "integration-tests/src/test/java/org/rnn4j/it/readme/";
        assertThat(normalise(readme)).contains(snippet(ROOT.resolve(here + "PlainApiExample.java"), "plain"));
        assertThat(normalise(readme)).contains(snippet(ROOT.resolve(here + "GuiceExample.java"), "guice"));
    }

    @Test
    void thePlainApiExampleTrainsAndSamples() throws IOException {
        Path corpus = tmp.resolve("corpus.txt");
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            text.append("the cat sat on the mat. the dog sat on the log.\n");
        }
        Files.writeString(corpus, text);
        String sample = PlainApiExample.trainAndSample(corpus, 16, 3);
        assertThat(sample).hasSize(200);
        assertThat(sample.chars().allMatch(c -> text.indexOf(String.valueOf((char) c)) >= 0)).isTrue();
    }

    @Test
    void theGuiceExampleRunsAForwardPass() {
        float[] input = new float[5 * 2 * 4];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) Math.cos(i);
        }
        float[] out = GuiceExample.forward(input, 5, 2);
        assertThat(out).hasSize(5 * 2 * 8);
        for (float v : out) {
            assertThat(v).isBetween(-1f, 1f);
        }
    }

    private static String snippet(Path source, String name) throws IOException {
        List<String> lines = Files.readAllLines(source);
        int start = -1;
        int end = -1;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).trim().equals("// README:" + name)) {
                start = i + 1;
            } else if (start >= 0 && end < 0 && lines.get(i).trim().equals("// README:end")) {
                end = i;
            }
        }
        assertThat(start).as("README marker in %s", source).isGreaterThan(0);
        return normalise(String.join("\n", lines.subList(start, end)));
    }

    /** Compares code, not indentation: every line trimmed, blank lines dropped. */
    private static String normalise(String text) {
        return text.lines().map(String::trim).filter(l -> !l.isEmpty()).collect(Collectors.joining("\n"));
    }
}
