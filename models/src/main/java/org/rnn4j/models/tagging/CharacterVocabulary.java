package org.rnn4j.models.tagging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The characters (Unicode code points) a tagger's character features know. Id 0 is the unknown
 * character; then every code point seen at least {@code minCount} times in the training words,
 * in code-point order. Characters are taken as they are, case included: a capital letter says
 * much about a word even when the words themselves are lower-cased.
 *
 * <pre>{@code
 * CharacterVocabulary chars = CharacterVocabulary.build(trainSentences, 2);
 * int[] ids = chars.encode("Antonia", 20);          // 7 ids
 * List<Integer> saved = chars.codePoints();          // all it takes to rebuild it: CharacterVocabulary.of(saved)
 * }</pre>
 */
public final class CharacterVocabulary {

    /** Id of a character not in the vocabulary. */
    public static final int UNKNOWN = 0;

    private final List<Integer> codePoints;
    private final Map<Integer, Integer> ids = new HashMap<>();

    private CharacterVocabulary(List<Integer> codePoints) {
        this.codePoints = List.copyOf(codePoints);
        for (int i = 0; i < codePoints.size(); i++) {
            ids.put(codePoints.get(i), i + 1);
        }
    }

    /**
     * The characters of every word of {@code sentences} seen at least {@code minCount} times
     * (rarer ones share the unknown id, which is how that id gets trained).
     */
    public static CharacterVocabulary build(List<TaggedSentence> sentences, int minCount) {
        if (minCount < 1) {
            throw new IllegalArgumentException("minimum character count must be >= 1, got " + minCount);
        }
        TreeMap<Integer, Integer> counts = new TreeMap<>();
        for (TaggedSentence s : sentences) {
            for (String w : s.words()) {
                w.codePoints().forEach(c -> counts.merge(c, 1, Integer::sum));
            }
        }
        List<Integer> kept = new ArrayList<>();
        counts.forEach((c, n) -> {
            if (n >= minCount) {
                kept.add(c);
            }
        });
        return new CharacterVocabulary(kept);
    }

    /**
     * The vocabulary saved as {@link #codePoints()}.
     *
     * @throws IllegalArgumentException when a code point is invalid or repeated
     */
    public static CharacterVocabulary of(List<Integer> codePoints) {
        if (codePoints == null) {
            throw new IllegalArgumentException("a character vocabulary needs its list of code points");
        }
        if (new java.util.HashSet<>(codePoints).size() != codePoints.size()) {
            throw new IllegalArgumentException("a character vocabulary must not repeat a code point");
        }
        for (Integer c : codePoints) {
            if (c == null || !Character.isValidCodePoint(c)) {
                throw new IllegalArgumentException("'" + c + "' is not a Unicode code point");
            }
        }
        return new CharacterVocabulary(codePoints);
    }

    /** The known code points in id order (id {@code i + 1}); what a model folder saves. */
    public List<Integer> codePoints() {
        return codePoints;
    }

    /** Number of ids, the unknown character's included. */
    public int size() {
        return codePoints.size() + 1;
    }

    /** The id of a code point, or {@link #UNKNOWN}. */
    public int id(int codePoint) {
        Integer id = ids.get(codePoint);
        return id == null ? UNKNOWN : id;
    }

    /**
     * The ids of {@code word}'s characters; a word longer than {@code maxLength} characters keeps
     * its first {@code maxLength / 2} and its last {@code maxLength - maxLength / 2} (its prefix
     * and, what matters most for its part of speech, its suffix).
     */
    public int[] encode(String word, int maxLength) {
        if (maxLength < 1) {
            throw new IllegalArgumentException("the longest word must be >= 1 character, got " + maxLength);
        }
        int[] cps = word.codePoints().toArray();
        int n = Math.min(cps.length, maxLength);
        int head = cps.length <= maxLength ? n : maxLength / 2;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            out[i] = id(i < head ? cps[i] : cps[cps.length - (n - i)]);
        }
        return out;
    }

    /** The ids of every word of a sentence, each as {@link #encode(String, int)}. */
    public int[][] encode(List<String> words, int maxLength) {
        int[][] out = new int[words.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = encode(words.get(i), maxLength);
        }
        return out;
    }

    @Override
    public String toString() {
        return "CharacterVocabulary[" + size() + " ids]";
    }
}
