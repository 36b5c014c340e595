package org.rnn4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The harness runs end to end on the tiny configurations in quick mode. Nothing here is timed:
 * speed is judged by the benchmarks themselves, never by a test.
 */
class ThroughputSmokeTest {

    @TempDir
    Path dir;

    @Test
    void aQuickRunOfTheTinyConfigurationsPrintsEveryRowAndWritesTheTsv() throws Exception {
        Path tsv = dir.resolve("out.tsv");
        Options options = Options.parse("--quick", "--in-process", "--configs", "peak,gemm,tiny,sample-tiny",
                "--gemm", "none", "--tsv", tsv.toString());
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        boolean ok = Throughput.run(options, new Report(new PrintStream(bytes, true, StandardCharsets.UTF_8)));

        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(ok).as(out).isTrue();
        assertThat(out).contains("peak-1", "tiny ", "sample-tiny", "chars/s");
        List<String> lines = Files.readAllLines(tsv);
        assertThat(lines.get(0)).startsWith("name\tunit\tmedian");
        assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("tiny\tchars/s\t"));
        for (String line : lines.subList(1, lines.size())) {
            assertThat(Double.parseDouble(line.split("\t")[2])).as(line).isPositive();
        }
    }

    @Test
    void aGemmRunReportsAShareOfThePeak() {
        Measurement m = GemmBench.run(org.rnn4j.core.backend.Backends.discover().select("cpu-simd"),
                GemmShape.parse("17x33x65", "TN"), Protocol.GEMM_QUICK);
        assertThat(m.median()).isPositive();
    }

    @Test
    void unknownConfigurationsAndOptionsAreRefusedWithTheKnownNames() {
        assertThatThrownBy(() -> Options.parse("--configs", "lstm-9x9"))
                .hasMessageContaining("lstm-9x9").hasMessageContaining("lstm-2x512");
        assertThatThrownBy(() -> Options.parse("--fast")).hasMessageContaining("--fast").hasMessageContaining("usage");
    }

    @Test
    void allSelectsThePeakTheGemmAndEveryConfigurationOfTheIssue() {
        assertThat(Options.parse().selected).containsExactly("peak", "gemm", "seed", "lstm-2x256", "lstm-2x512",
                "gru-2x256", "elman-2x256", "sample-lstm-2x256", "sample-lstm-2x512");
    }
}
