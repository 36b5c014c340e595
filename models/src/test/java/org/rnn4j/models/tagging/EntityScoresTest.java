package org.rnn4j.models.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Spans and scores as conlleval computes them. */
class EntityScoresTest {

    @Test
    void spansFollowConllevalRules() {
        assertThat(Span.of(List.of("B-person", "O", "B-person", "I-person")))
                .containsExactly(new Span(0, 1, "person"), new Span(2, 4, "person"));
        // I- after O starts a chunk (IOB1), a type change ends one, B- after I- starts a new one.
        assertThat(Span.of(List.of("I-loc", "I-loc", "I-per", "B-per", "I-per", "O")))
                .containsExactly(new Span(0, 2, "loc"), new Span(2, 3, "per"), new Span(3, 5, "per"));
        assertThat(Span.of(List.of("O", "O"))).isEmpty();
        assertThat(Span.of(List.of("S-org", "B-org", "E-org"))).containsExactly(new Span(0, 1, "org"),
                new Span(1, 3, "org"));
    }

    @Test
    void exactSpanMatchPerTypeAndOverall() {
        List<List<String>> gold = List.of(
                List.of("B-person", "O", "B-person", "O", "O", "O", "O"),        // Jon and Antonia gave ...
                List.of("B-location", "I-location", "I-location", "O", "B-group"));
        List<List<String>> predicted = List.of(
                List.of("B-person", "O", "B-person", "O", "O", "O", "B-person"),
                List.of("B-location", "I-location", "O", "O", "B-group"));       // boundary wrong: not counted
        EntityScores s = EntityScores.of(gold, predicted);
        assertThat(s.overall()).isEqualTo(new EntityScores.Score(4, 5, 3));
        assertThat(s.overall().precision()).isCloseTo(0.6, within(1e-12));
        assertThat(s.overall().recall()).isCloseTo(0.75, within(1e-12));
        assertThat(s.overall().f1()).isCloseTo(2 * 0.6 * 0.75 / 1.35, within(1e-12));
        assertThat(s.byType().get("person")).isEqualTo(new EntityScores.Score(2, 3, 2));
        assertThat(s.byType().get("location")).isEqualTo(new EntityScores.Score(1, 1, 0));
        assertThat(s.byType().get("location").f1()).isZero();
        assertThat(s.byType().keySet()).containsExactly("group", "location", "person");
    }

    @Test
    void signaturesDescribeUnknownWords() {
        assertThat(WordVocabulary.signature("Zubrowka")).isEqualTo("<unk-Cap>");
        assertThat(WordVocabulary.signature("blorfing")).isEqualTo("<unk-ing>");
        assertThat(WordVocabulary.signature("1984")).isEqualTo("<unk-num>");
        assertThat(WordVocabulary.signature("NASA")).isEqualTo("<unk-CAPS>");
        assertThat(WordVocabulary.signature("well-known")).isEqualTo("<unk-dash>");
        assertThat(WordVocabulary.signature("@paulwalk")).isEqualTo("<unk-at>");
        WordVocabulary v = WordVocabulary.build(List.of(TaggedSentence.of(List.of("The", "Zorg", "the", "running"),
                List.of("DET", "PROPN", "DET", "VERB"))), true, 1);
        assertThat(v.id("THE")).isEqualTo(v.id("the")).isGreaterThan(1);
        assertThat(v.known("Quux")).isFalse();
        assertThat(v.tokens().get(v.id("Quux"))).isEqualTo("<unk-Cap>");
        assertThat(v.tokens().get(v.id("Borg"))).isEqualTo("<unk-Cap>");   // one rare "-org" word: too few for a fine one
        WordVocabulary fine = WordVocabulary.build(List.of(TaggedSentence.of(List.of("The", "Zorg", "the", "running"),
                List.of("DET", "PROPN", "DET", "VERB"))), true, 1, 1);
        assertThat(fine.tokens().get(fine.id("Borg"))).isEqualTo("<unk-Cap~org>");     // shares Zorg's
        assertThat(WordVocabulary.fineSignature("dangerous")).isEqualTo("<unk-ous~ous>");
        assertThat(v.id("zzz")).isEqualTo(WordVocabulary.UNK);
        assertThat(v.rare(v.id("zorg"))).isTrue();
        assertThat(v.rare(v.id("the"))).isFalse();
        assertThat(WordVocabulary.of(v.tokens(), true).id("Quux")).isEqualTo(v.id("Quux"));
    }
}
