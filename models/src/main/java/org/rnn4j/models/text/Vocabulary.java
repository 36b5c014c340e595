package org.rnn4j.models.text;

import java.util.List;
import java.util.TreeSet;

/**
 * The characters a character model knows, each with an id: Unicode code points in ascending
 * order, so the same text always gives the same ids.
 *
 * <pre>{@code
 * Vocabulary v = Vocabulary.of("hello world");
 * int[] ids = v.encode("hello");
 * String back = v.decode(ids);
 * }</pre>
 */
public final class Vocabulary {

    private final int[] codePoints;

    private Vocabulary(int[] codePoints) {
        this.codePoints = codePoints;
    }

    /** The sorted distinct code points of {@code text}. */
    public static Vocabulary of(CharSequence text) {
        if (text == null || text.length() == 0) {
            throw new IllegalArgumentException("cannot build a vocabulary from empty text");
        }
        TreeSet<Integer> set = new TreeSet<>();
        text.codePoints().forEach(set::add);
        return new Vocabulary(set.stream().mapToInt(Integer::intValue).toArray());
    }

    /** A vocabulary of exactly these code points, as saved in a model's configuration. */
    public static Vocabulary ofCodePoints(List<Integer> points) {
        if (points == null || points.isEmpty()) {
            throw new IllegalArgumentException("a vocabulary needs at least one character");
        }
        int[] cps = points.stream().mapToInt(Integer::intValue).toArray();
        for (int i = 1; i < cps.length; i++) {
            if (cps[i] <= cps[i - 1]) {
                throw new IllegalArgumentException("vocabulary code points must be strictly ascending; position " + i
                        + " holds " + cps[i] + " after " + cps[i - 1]);
            }
        }
        return new Vocabulary(cps);
    }

    /** Number of characters. */
    public int size() {
        return codePoints.length;
    }

    /** The code points in id order. */
    public List<Integer> codePoints() {
        return java.util.Arrays.stream(codePoints).boxed().toList();
    }

    /** The id of {@code codePoint}, or -1 if it is not in the vocabulary. */
    public int id(int codePoint) {
        int i = java.util.Arrays.binarySearch(codePoints, codePoint);
        return i < 0 ? -1 : i;
    }

    /** The code point with id {@code id}. */
    public int codePoint(int id) {
        return codePoints[id];
    }

    /**
     * Ids of every character of {@code text}.
     *
     * @throws IllegalArgumentException naming the first unknown character and where it is
     */
    public int[] encode(CharSequence text) {
        int[] ids = text.codePoints().toArray();
        for (int i = 0; i < ids.length; i++) {
            int id = id(ids[i]);
            if (id < 0) {
                throw new IllegalArgumentException("character " + describe(ids[i]) + " at position " + i
                        + " is not in the model's vocabulary of " + size() + " characters");
            }
            ids[i] = id;
        }
        return ids;
    }

    /** The text of {@code ids}. */
    public String decode(int[] ids) {
        StringBuilder s = new StringBuilder(ids.length);
        for (int id : ids) {
            s.appendCodePoint(codePoints[id]);
        }
        return s.toString();
    }

    private static String describe(int cp) {
        return Character.isISOControl(cp) || Character.isWhitespace(cp)
                ? String.format("U+%04X", cp) : "'" + new String(Character.toChars(cp)) + "' (U+" + String.format("%04X", cp) + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Vocabulary v && java.util.Arrays.equals(codePoints, v.codePoints);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(codePoints);
    }

    @Override
    public String toString() {
        return "Vocabulary[" + size() + " characters]";
    }
}
