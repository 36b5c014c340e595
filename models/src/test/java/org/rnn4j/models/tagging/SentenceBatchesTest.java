package org.rnn4j.models.tagging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rnn4j.models.seq.SequenceBatch;

/** Padding to the longest sentence of each batch, lengths, ignored targets, epochs and word dropout. */
class SentenceBatchesTest {

    private static final int[][] WORDS = {{5, 6, 7}, {8}, {9, 10}, {11, 12, 13, 14, 15}, {16, 17}};
    private static final int[][] TAGS = {{0, 1, 0}, {1}, {0, 0}, {1, 1, 1, 1, 1}, {0, 1}};

    @Test
    void inOrderBatchesPadToTheirLongestSentenceAndIgnorePadding() {
        SentenceBatches source = SentenceBatches.inOrder(WORDS, TAGS, 2);
        assertThat(source.maxSteps()).isEqualTo(5);
        assertThat(source.batchesPerEpoch()).isEqualTo(3);
        SequenceBatch b = source.newBatch();
        assertThat(source.next(b)).isTrue();
        assertThat(b.steps()).isEqualTo(3);
        assertThat(b.lengths()).containsExactly(3, 1);
        // time-major: row t*2+s
        assertThat(b.tokens()).startsWith(5, 8, 6, 0, 7, 0);
        assertThat(b.classes()).startsWith(0, 1, 1, -1, 0, -1);
        assertThat(source.next(b)).isTrue();
        assertThat(b.steps()).isEqualTo(5);
        assertThat(source.next(b)).isTrue();
        assertThat(source.sentencesOf(2)).containsExactly(4);
        assertThat(b.lengths()).containsExactly(2, 1);      // the empty slot: one ignored padding step
        assertThat(b.classes()[1]).isEqualTo(-1);
        assertThat(source.next(b)).isFalse();
    }

    @Test
    void trainingBatchesCoverEverySentenceOncePerEpochInANewOrder() {
        int[][] words = new int[200][];
        int[][] tags = new int[200][];
        for (int i = 0; i < 200; i++) {
            words[i] = new int[1 + i % 13];
            tags[i] = new int[words[i].length];
        }
        SentenceBatches source = SentenceBatches.training(words, tags, words, null, 8, 0, 1);
        List<List<Integer>> epochs = new ArrayList<>();
        for (int e = 0; e < 2; e++) {
            List<Integer> seen = new ArrayList<>();
            for (int i = 0; i < source.batchesPerEpoch(); i++) {
                for (int s : source.sentencesOf(i)) {
                    seen.add(s);
                }
            }
            assertThat(new HashSet<>(seen)).hasSize(200);
            assertThat(seen).hasSize(200);
            epochs.add(seen);
            source.rewind();
        }
        assertThat(epochs.get(0)).isNotEqualTo(epochs.get(1));
    }

    @Test
    void wordDropoutReplacesOnlyRareWordsByTheirSignature() {
        WordVocabulary vocab = WordVocabulary.build(List.of(TaggedSentence.of(List.of("the", "the", "Zorg"),
                List.of("D", "D", "N"))), false, 1);
        int the = vocab.id("the");
        int zorg = vocab.id("Zorg");
        int sig = vocab.unknownId("Zorg");
        int[][] words = new int[50][];
        int[][] unknown = new int[50][];
        int[][] tags = new int[50][];
        for (int i = 0; i < 50; i++) {
            words[i] = new int[] {the, zorg};
            unknown[i] = new int[] {sig, sig};
            tags[i] = new int[] {0, 1};
        }
        SentenceBatches source = SentenceBatches.training(words, tags, unknown, vocab, 50, 0.5, 3);
        SequenceBatch b = source.newBatch();
        source.next(b);
        Set<Integer> firstWords = new HashSet<>();
        int dropped = 0;
        for (int s = 0; s < 50; s++) {
            firstWords.add(b.tokens()[s]);
            dropped += b.tokens()[50 + s] == sig ? 1 : 0;
        }
        assertThat(firstWords).containsExactly(the);
        assertThat(dropped).isBetween(10, 40);
    }
}
