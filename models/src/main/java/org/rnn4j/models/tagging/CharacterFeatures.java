package org.rnn4j.models.tagging;

/**
 * Character-level word features of a tagger: each word's characters are embedded and read by
 * a bidirectional LSTM, whose two final states join the word embedding (see
 * {@link org.rnn4j.models.encode.InputEncoding.WordsAndCharacters}).
 *
 * <pre>{@code
 * TaggerSettings s = TaggerSettings.defaults().withCharacters(new CharacterFeatures(32, 64));
 * TaggerSettings t = TaggerSettings.defaults().withCharacters(CharacterFeatures.defaults());
 * }</pre>
 *
 * @param embedding     character embedding size
 * @param hidden        units per direction of the character LSTM
 * @param maxWordLength characters read per word at most; longer words keep their first and last
 *                      halves
 * @param minCount      characters seen fewer times in training share the unknown character's id
 */
public record CharacterFeatures(int embedding, int hidden, int maxWordLength, int minCount) {

    /** Checks every value. */
    public CharacterFeatures {
        if (embedding < 1 || hidden < 1) {
            throw new IllegalArgumentException("character embedding and hidden sizes must be >= 1, got " + embedding
                    + " and " + hidden);
        }
        if (maxWordLength < 2) {
            throw new IllegalArgumentException("the longest word read must be >= 2 characters, got " + maxWordLength);
        }
        if (minCount < 1) {
            throw new IllegalArgumentException("minimum character count must be >= 1, got " + minCount);
        }
    }

    /** Embeddings of {@code embedding}, an LSTM of {@code hidden} per direction, words up to 20 characters. */
    public CharacterFeatures(int embedding, int hidden) {
        this(embedding, hidden, 20, 2);
    }

    /** Character embeddings of 32, an LSTM of 64 per direction, words up to 20 characters. */
    public static CharacterFeatures defaults() {
        return new CharacterFeatures(32, 64);
    }
}
