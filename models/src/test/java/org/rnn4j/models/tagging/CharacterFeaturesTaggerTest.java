package org.rnn4j.models.tagging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.core.backend.Backends;

/**
 * Character features where only characters can tell: every word is a random stem plus
 * {@code -xbaz} (tag X) or {@code -ybaz} (tag Y), so the tag hangs on the fourth letter from
 * the end, which neither the unknown-word signatures (shape, common suffixes, the LAST three
 * letters) nor the neighbours reveal. Test words are all new stems.
 */
class CharacterFeaturesTaggerTest {

    @TempDir
    Path tmp;

    static List<TaggedSentence> suffixSentences(int count, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        List<TaggedSentence> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<String> w = new ArrayList<>();
            List<String> t = new ArrayList<>();
            for (int k = 0; k < 3 + r.nextInt(3); k++) {
                StringBuilder stem = new StringBuilder();
                for (int c = 0; c < 3 + r.nextInt(3); c++) {
                    stem.append((char) ('a' + r.nextInt(20)));
                }
                boolean x = r.nextBoolean();
                w.add(stem + (x ? "xbaz" : "ybaz"));
                t.add(x ? "X" : "Y");
            }
            out.add(TaggedSentence.of(w, t));
        }
        return out;
    }

    private static TaggerSettings settings() {
        return TaggerSettings.defaults().withEmbedding(8).withHidden(16).withEpochs(6).withOptimisation(16, 1e-2)
                .withPatience(0).withSeed(5);
    }

    @Test
    void characterFeaturesTagUnknownWordsThatWordFeaturesCannot() throws IOException {
        Backend backend = Backends.discover().select();
        List<TaggedSentence> train = suffixSentences(250, 1);
        List<TaggedSentence> test = suffixSentences(60, 2);
        double without;
        try (Tagger words = Tagger.train(train, null, settings(), backend)) {
            TaggingReport r = words.evaluate(test);
            assertThat(r.unknownTokens()).as("test words never seen in training").isGreaterThan(r.tokens() - 5);
            without = r.unknownAccuracy();
        }
        assertThat(without).as("unknown-word accuracy from words and signatures alone: a coin toss").isLessThan(0.7);

        TaggerSettings chars = settings().withCharacters(new CharacterFeatures(8, 16));
        try (Tagger tagger = Tagger.train(train, null, chars, backend)) {
            TaggingReport r = tagger.evaluate(test);
            assertThat(r.unknownAccuracy()).as("unknown-word accuracy with character features").isGreaterThan(0.95);
            assertThat(tagger.characters().size()).isEqualTo(1 + 20 + 3);    // <unk>, a..t, x y b a z (a, b shared)

            Path dir = tmp.resolve("suffix.model");
            tagger.save(dir);
            JsonNode config = new ObjectMapper().readTree(dir.resolve("config.json").toFile());
            assertThat(config.at("/model/input/type").asText()).isEqualTo("words-and-characters");
            assertThat(config.at("/model/input/char_hidden").asInt()).isEqualTo(16);
            assertThat(config.at("/data/characters").size()).isEqualTo(tagger.characters().size() - 1);
            assertThat(config.at("/training/characters/embedding").asInt()).isEqualTo(8);
            try (Tagger loaded = Tagger.load(dir, backend)) {
                assertThat(loaded.characters().codePoints()).isEqualTo(tagger.characters().codePoints());
                assertThat(loaded.evaluate(test).predicted()).isEqualTo(r.predicted());
                assertThat(loaded.resumable()).isFalse();
            }

            // A folder whose character list does not fit the model is refused, naming the field.
            Files.writeString(dir.resolve("config.json"), Files.readString(dir.resolve("config.json"))
                    .replaceFirst("\"characters\" : \\[ ", "\"characters\" : [ 1114111, "));
            assertThatThrownBy(() -> Tagger.load(dir, backend)).isInstanceOf(IOException.class)
                    .hasMessageContaining("data.characters").hasMessageContaining("character ids");
        }
    }

    @Test
    void aModelFolderFromBeforeCharacterFeaturesStillLoads() throws Exception {
        Backend backend = Backends.discover().select();
        Path dir = Path.of(getClass().getResource("/tagging/old-word-model/config.json").toURI()).getParent();
        List<TaggedSentence> slice = ConllReader.read(ConllReaderTest.resource(tmp, "ewt-train-slice.conllu"),
                ConllFormat.CONLLU, "upos");
        try (Tagger old = Tagger.load(dir, backend)) {
            assertThat(old.characters()).isNull();
            assertThat(old.resumable()).isFalse();
            assertThat(old.evaluate(slice).accuracy()).isGreaterThan(0.1);
        }
        assertThatThrownBy(() -> Tagger.resume(dir, slice, null, 1, null, backend)).isInstanceOf(IOException.class)
                .hasMessageContaining("without its training state");
    }

    @Test
    void longWordsKeepTheirPrefixAndSuffix() {
        CharacterVocabulary v = CharacterVocabulary.build(List.of(TaggedSentence.of(List.of("abcdefgh", "abcdefgh"),
                List.of("X", "X"))), 2);
        assertThat(v.size()).isEqualTo(9);
        assertThat(v.encode("abcdefgh", 4)).containsExactly(v.id('a'), v.id('b'), v.id('g'), v.id('h'));
        assertThat(v.encode("abcdefgh", 5)).containsExactly(v.id('a'), v.id('b'), v.id('f'), v.id('g'), v.id('h'));
        assertThat(v.encode("aq", 4)).containsExactly(v.id('a'), CharacterVocabulary.UNKNOWN);
        assertThat(CharacterVocabulary.of(v.codePoints()).codePoints()).isEqualTo(v.codePoints());
        assertThatThrownBy(() -> CharacterVocabulary.of(List.of(97, 97))).hasMessageContaining("repeat");
        assertThatThrownBy(() -> new CharacterFeatures(8, 0)).hasMessageContaining("must be >= 1");
    }
}
