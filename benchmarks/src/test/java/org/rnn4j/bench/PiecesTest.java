package org.rnn4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness's bookkeeping: corpus ids, repetition counting, medians, the TSV line. */
class PiecesTest {

    @TempDir
    Path dir;

    @Test
    void theCorpusSortsItsSymbolsAndRemapsOddPositionsIntoTheExtraOnes() throws Exception {
        Path text = dir.resolve("t.txt");
        Files.writeString(text, "\nabca");
        Corpus corpus = Corpus.locate(text);
        assertThat(corpus.vocabulary()).isEqualTo(4);
        assertThat(corpus.ids(4)).containsExactly(0, 1, 2, 3, 1);
        // 6 symbols: 2 extra, so odd positions holding id 0 or 1 move to 4 or 5
        assertThat(corpus.ids(6)).containsExactly(0, 5, 2, 3, 1);
    }

    @Test
    void theTimerSkipsTheWarmUpAndCountsWholeRepetitions() {
        RepTimer timer = new RepTimer(new Protocol(0, 2, 3, 0, 2), 10);
        int ticks = 0;
        while (!timer.tick()) {
            ticks++;
        }
        assertThat(ticks + 1).isEqualTo(2 + 3 * 2);
        assertThat(timer.rates()).hasSize(3);
        assertThat(java.util.Arrays.stream(timer.rates()).min().orElseThrow()).isPositive();
    }

    @Test
    void theTimerReportsTheLeanestRepetitionsAllocationPerItemNotTheWarmUps() {
        long[] allocated = {0};
        RepTimer timer = new RepTimer(new Protocol(0, 2, 3, 0, 2), 10, () -> allocated[0]);
        int ticks = 0;
        do {
            // 2 warm-up ticks at 5000 bytes, then repetitions of 2 ticks: the first still at 3000
            // (a late compilation), the others at 1000 and 2000
            allocated[0] += ticks < 2 ? 5000 : ticks < 4 ? 3000 : ticks < 6 ? 1000 : 2000;
            ticks++;
            if (!timer.done()) {
                assertThat(timer.allocatedPerItem()).as("not known before the last repetition").isEqualTo(-1);
            }
        } while (!timer.tick());
        // the leanest repetition: 2 ticks of 10 items, 1000 bytes each
        assertThat(timer.allocatedPerItem()).isEqualTo(100);
    }

    @Test
    void withoutAnAllocationCounterTheTimerSaysNotMeasured() {
        RepTimer timer = new RepTimer(new Protocol(0, 1, 1, 0, 1), 10, () -> -1);
        while (!timer.tick()) {
            // nothing
        }
        assertThat(timer.allocatedPerItem()).isEqualTo(-1);
    }

    @Test
    void medianAndTsvRoundTrip() {
        Measurement m = Measurement.of(new double[] {3, 1, 2, 10}, 5, 4, 6).withAllocated(0.125);
        assertThat(m.median()).isEqualTo(2.5);
        assertThat(m.min()).isEqualTo(1);
        assertThat(m.max()).isEqualTo(10);
        Measurement back = Measurement.parseTsv(m.toTsv());
        assertThat(back.samples()).containsExactly(3, 1, 2, 10);
        assertThat(back.liveMiB()).isEqualTo(4);
        assertThat(back.rssMiB()).isEqualTo(6);
        assertThat(back.allocatedPerItem()).isEqualTo(0.125);
    }

    @Test
    void everyConfigurationBuildsTheArchitectureItDescribes() {
        assertThat(ModelSpec.named("seed").describe()).isEqualTo("LSTM 1x128, one-hot 84->linear 8, B32 T64");
        assertThat(ModelSpec.named("lstm-2x512").charactersPerStep()).isEqualTo(6400);
        assertThat(ModelSpec.named("sample-lstm-2x256").sampling()).isTrue();
    }
}
