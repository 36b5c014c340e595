package org.rnn4j.models.tagging;

import java.util.ArrayList;
import java.util.List;

/**
 * One entity mention: words {@code [start, end)} of a sentence, of one type. {@link #of} reads
 * mentions off BIO tags (also IOB1 and BIOES) exactly as conlleval does: a chunk starts at
 * {@code B-}, at {@code I-}/{@code E-} after {@code O} or after another type, and ends where the
 * next one starts or at {@code O}.
 *
 * <pre>{@code
 * List<Span> spans = Span.of(List.of("B-person", "O", "B-person", "I-person"));
 * // [Span[start=0, end=1, type=person], Span[start=2, end=4, type=person]]
 * }</pre>
 *
 * @param start first word (0-based)
 * @param end   one past the last word
 * @param type  entity type ({@code person}, {@code location}, ...)
 */
public record Span(int start, int end, String type) {

    /** The mentions in one sentence's tags. */
    public static List<Span> of(List<String> tags) {
        List<Span> spans = new ArrayList<>();
        String prevTag = "O";
        String prevType = "";
        int start = -1;
        for (int i = 0; i <= tags.size(); i++) {
            String full = i < tags.size() ? tags.get(i) : "O";
            int dash = full.indexOf('-');
            String tag = dash > 0 ? full.substring(0, dash) : full;
            String type = dash > 0 ? full.substring(dash + 1) : "";
            if (start >= 0 && endOfChunk(prevTag, tag, prevType, type)) {
                spans.add(new Span(start, i, prevType));
                start = -1;
            }
            if (startOfChunk(prevTag, tag, prevType, type)) {
                start = i;
            }
            prevTag = tag;
            prevType = type;
        }
        return spans;
    }

    // conlleval.pl's endOfChunk and startOfChunk, case for case.
    private static boolean endOfChunk(String prev, String tag, String prevType, String type) {
        boolean end = prev.equals("B") && (tag.equals("B") || tag.equals("O"))
                || prev.equals("I") && (tag.equals("B") || tag.equals("O"))
                || prev.equals("E") && (tag.equals("E") || tag.equals("I") || tag.equals("O"))
                || prev.equals("S");
        return end || !prev.equals("O") && !prev.equals(".") && !prevType.equals(type);
    }

    private static boolean startOfChunk(String prev, String tag, String prevType, String type) {
        boolean start = tag.equals("B") || tag.equals("S")
                || prev.equals("O") && (tag.equals("I") || tag.equals("E"))
                || prev.equals("E") && (tag.equals("E") || tag.equals("I"))
                || prev.equals("S") && (tag.equals("E") || tag.equals("I"));
        return start || !tag.equals("O") && !tag.equals(".") && !prevType.equals(type);
    }
}
