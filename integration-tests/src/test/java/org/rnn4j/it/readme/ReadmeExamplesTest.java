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
        assertThat(normalise(readme)).contains(snippet(ROOT.resolve(here + "TaskExamples.java"), "tagger"));
        assertThat(normalise(readme)).contains(snippet(ROOT.resolve(here + "TaskExamples.java"), "forecaster"));
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
    void theTaggerExampleTrainsSavesLoadsAndTags() throws IOException {
        StringBuilder text = new StringBuilder();
        String[] names = {"Jon", "Antonia", "Maria", "Ali", "Chen", "Olga"};
        for (int i = 0; i < 60; i++) {
            text.append(names[i % 6]).append("\tB-person\nand\tO\n").append(names[(i + 1) % 6])
                    .append("\tB-person\ngave\tO\nlectures\tO\n\n");
        }
        Path conll = Files.writeString(tmp.resolve("names.conll"), text);
        List<String> tags = TaskExamples.tag(conll, conll, tmp.resolve("names.model"));
        assertThat(tags).hasSize(7).containsOnly("B-person", "O");
        assertThat(tags.get(1)).isEqualTo("O");
    }

    @Test
    void theForecasterExampleForecastsTomorrow() throws IOException {
        StringBuilder csv = new StringBuilder("\"Date\",\"Temp\"\r\n");
        java.time.LocalDate day = java.time.LocalDate.of(1981, 1, 1);
        for (int i = 0; i < 300; i++, day = day.plusDays(1)) {
            csv.append('"').append(day).append("\",").append(String.format(java.util.Locale.ROOT, "%.1f",
                    11 + 4 * Math.cos(2 * Math.PI * i / 365.25) + Math.sin(i))).append("\r\n");
        }
        float[] tomorrow = TaskExamples.forecast(Files.writeString(tmp.resolve("temps.csv"), csv));
        assertThat(tomorrow).hasSize(1);
        assertThat(tomorrow[0]).isBetween(0f, 25f);
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
