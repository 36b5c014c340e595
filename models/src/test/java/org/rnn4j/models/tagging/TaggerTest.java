package org.rnn4j.models.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.core.backend.Backends;

/**
 * The lecture's name tagging ("Jon and Antonia gave deep learning lectures" -> B O B O O O O) through
 * the Tagger facade: trained, scored with conlleval entity F1, names never seen in training
 * found through their unknown-word signature, saved and loaded back.
 */
class TaggerTest {

    private static final String[] OTHER = {"and", "gave", "deep", "learning", "lectures", "met", "with", "in",
        "the", "city", "today", "talked", "about", "networks", "said"};

    @TempDir
    Path tmp;

    /**
     * Sentences of 3-9 words; names are random capitalised strings (so most are seen once, as in
     * real text), a surname after a first name is I-person, two people never follow each other.
     */
    static List<TaggedSentence> sentences(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<TaggedSentence> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int length = 3 + r.nextInt(7);
            List<String> w = new ArrayList<>();
            List<String> t = new ArrayList<>();
            while (w.size() < length) {
                if (r.nextDouble() < 0.3 && (t.isEmpty() || t.get(t.size() - 1).equals("O"))) {
                    w.add(name(r));
                    t.add("B-person");
                    if (r.nextDouble() < 0.3) {
                        w.add(name(r));
                        t.add("I-person");
                    }
                } else {
                    w.add(OTHER[r.nextInt(OTHER.length)]);
                    t.add("O");
                }
            }
            out.add(TaggedSentence.of(w, t));
        }
        return out;
    }

    private static String name(SplittableRandom r) {
        StringBuilder s = new StringBuilder().append((char) ('A' + r.nextInt(26)));
        for (int i = 0; i < 3 + r.nextInt(4); i++) {
            s.append((char) ('a' + r.nextInt(26)));
        }
        return s.toString();
    }

    @Test
    void learnsNamesAndFindsUnseenOnesThroughSignatures() throws IOException {
        Backend backend = Backends.discover().select();
        TaggerSettings settings = TaggerSettings.defaults().withEmbedding(16).withHidden(24).withEpochs(12)
                .withOptimisation(16, 1e-2).withVocabulary(1, 0.5).withSeed(3);
        List<TaggedSentence> test = sentences(60, 99);     // random names: (almost) all unknown
        try (Tagger tagger = Tagger.train(sentences(400, 1), sentences(40, 2), settings, backend)) {
            TaggingReport report = tagger.evaluate(test);
            assertThat(report.accuracy()).as("token accuracy").isGreaterThan(0.97);
            assertThat(report.unknownTokens()).isGreaterThan(50);
            assertThat(report.unknownAccuracy()).as("accuracy on unseen names").isGreaterThan(0.95);
            assertThat(report.entities().overall().f1()).as("entity F1").isGreaterThan(0.9);
            assertThat(tagger.predict(List.of("Jon", "and", "Antonia", "gave", "deep", "learning", "lectures")))
                    .containsExactly("B-person", "O", "B-person", "O", "O", "O", "O");

            Path dir = tmp.resolve("names.model");
            tagger.save(dir);
            try (Tagger loaded = Tagger.load(dir, backend)) {
                assertThat(loaded.evaluate(test).predicted()).isEqualTo(report.predicted());
                assertThat(loaded.training().get("epochs").asInt()).isEqualTo(12);
            }
        }
    }

    @Test
    void trainsOnARealUdSliceAndRefusesWhatItCannotUse() throws IOException {
        Backend backend = Backends.discover().select();
        List<TaggedSentence> train = ConllReader.read(ConllReaderTest.resource(tmp, "ewt-train-slice.conllu"),
                ConllFormat.CONLLU, "upos");
        TagSet known = TagSet.of(train);
        // The 63 training sentences lack a few rare tags (X, SYM, INTJ): evaluate on what they know.
        List<TaggedSentence> dev = ConllReader.read(ConllReaderTest.resource(tmp, "ewt-dev-slice.conllu"),
                ConllFormat.CONLLU, "upos").stream().filter(s -> s.tags().stream().allMatch(t -> known.id(t) >= 0))
                .toList();
        TaggerSettings settings = TaggerSettings.defaults().withEmbedding(16).withHidden(16).withEpochs(8)
                .withCell("gru").withLowercase(true).withOptimisation(8, 1e-2);
        try (Tagger tagger = Tagger.train(train, null, settings, backend)) {
            TaggingReport r = tagger.evaluate(dev);
            assertThat(r.tokens()).isEqualTo(dev.stream().mapToInt(TaggedSentence::size).sum());
            assertThat(r.entities()).isNull();
            // 63 training sentences: far from the real target, but well above the majority tag (NOUN, ~18%).
            assertThat(r.accuracy()).isGreaterThan(0.4);
            assertThatThrownBy(() -> tagger.predictAll(List.of(List.of()))).hasMessageContaining("sentence 1 is empty");
            assertThatThrownBy(() -> Tagger.load(tmp, backend)).isInstanceOf(IOException.class);
        }
    }
}
