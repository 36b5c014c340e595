package org.rnn4j.models.tagging;

import java.util.List;

/**
 * One sentence: its words and their tags (one per word), and where it came from, so that later
 * problems (a tag never seen in training) can still name the file and line.
 *
 * <pre>{@code
 * TaggedSentence s = TaggedSentence.of(List.of("Jon", "and", "Antonia"), List.of("B-person", "O", "B-person"));
 * }</pre>
 *
 * @param words  the word forms, at least one
 * @param tags   one tag per word; empty for untagged input
 * @param source the file it was read from, or a description such as {@code "stdin"}
 * @param line   the 1-based line of its first word in {@code source}, or 0
 */
public record TaggedSentence(List<String> words, List<String> tags, String source, long line) {

    /** Copies the lists and checks that there is one tag per word (or none). */
    public TaggedSentence {
        if (words == null || words.isEmpty()) {
            throw new IllegalArgumentException("a sentence needs at least one word");
        }
        words = List.copyOf(words);
        tags = tags == null ? List.of() : List.copyOf(tags);
        if (!tags.isEmpty() && tags.size() != words.size()) {
            throw new IllegalArgumentException("a sentence has " + words.size() + " words but " + tags.size() + " tags");
        }
    }

    /** A tagged sentence with no recorded origin. */
    public static TaggedSentence of(List<String> words, List<String> tags) {
        return new TaggedSentence(words, tags, "memory", 0);
    }

    /** An untagged sentence (for prediction). */
    public static TaggedSentence untagged(List<String> words) {
        return new TaggedSentence(words, List.of(), "memory", 0);
    }

    /** Number of words. */
    public int size() {
        return words.size();
    }

    /** Whether the sentence carries tags. */
    public boolean tagged() {
        return !tags.isEmpty();
    }

    /** {@code source:line}, for messages. */
    public String where() {
        return line > 0 ? source + ":" + line : source;
    }
}
