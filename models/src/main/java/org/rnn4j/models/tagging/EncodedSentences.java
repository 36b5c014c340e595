package org.rnn4j.models.tagging;

/**
 * Sentences as a tagger's model reads them: word ids and, for a model with character features,
 * the character ids of every word (at most {@code maxWordLength} each).
 *
 * <pre>{@code
 * EncodedSentences dev = new EncodedSentences(wordIds, charIds, 20);
 * SentenceBatches batches = dev.inOrder(64);
 * }</pre>
 *
 * @param words         word ids per sentence
 * @param characters    character ids per sentence and word, or null without character features
 * @param maxWordLength the most characters per word (0 without character features)
 */
record EncodedSentences(int[][] words, int[][][] characters, int maxWordLength) {

    /** Batches in the sentences' order, without targets. */
    SentenceBatches inOrder(int batch) {
        SentenceBatches b = SentenceBatches.inOrder(words, null, batch);
        return characters == null ? b : b.withCharacters(characters, maxWordLength);
    }
}
