package org.rnn4j.models.tagging;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.rnn4j.models.data.DataFileException;

/**
 * The tags a tagger predicts, each with an id (sorted, so the same data gives the same ids).
 * A tag that training never saw cannot be predicted; evaluation data holding one is refused
 * with the sentence's file and line rather than silently counted wrong.
 *
 * <pre>{@code
 * TagSet tags = TagSet.of(trainSentences);
 * int[] gold = tags.encode(sentence);        // throws for unseen tags, naming file:line
 * String name = tags.tag(3);
 * }</pre>
 */
public final class TagSet {

    private final List<String> tags;
    private final Map<String, Integer> ids = new HashMap<>();

    private TagSet(List<String> tags) {
        this.tags = List.copyOf(tags);
        for (int i = 0; i < tags.size(); i++) {
            if (ids.put(tags.get(i), i) != null) {
                throw new IllegalArgumentException("tag '" + tags.get(i) + "' appears twice");
            }
        }
        if (tags.size() < 2) {
            throw new IllegalArgumentException("a tagger needs at least 2 distinct tags, found " + tags);
        }
    }

    /** The distinct tags of {@code sentences}, sorted. */
    public static TagSet of(List<TaggedSentence> sentences) {
        TreeSet<String> all = new TreeSet<>();
        for (TaggedSentence s : sentences) {
            if (!s.tagged()) {
                throw new IllegalArgumentException(s.where() + ": training sentences need tags");
            }
            all.addAll(s.tags());
        }
        return new TagSet(List.copyOf(all));
    }

    /** Exactly these tags in this order (as saved in a model folder). */
    public static TagSet ofTags(List<String> tags) {
        return new TagSet(tags);
    }

    /** The tags in id order. */
    public List<String> tags() {
        return tags;
    }

    /** Number of tags. */
    public int size() {
        return tags.size();
    }

    /** The tag with this id. */
    public String tag(int id) {
        return tags.get(id);
    }

    /** The id of {@code tag}, or -1. */
    public int id(String tag) {
        Integer id = ids.get(tag);
        return id == null ? -1 : id;
    }

    /**
     * The ids of a sentence's tags.
     *
     * @throws DataFileException naming the word's file and line when a tag was not seen in training
     */
    public int[] encode(TaggedSentence s) throws DataFileException {
        int[] out = new int[s.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = id(s.tags().get(i));
            if (out[i] < 0) {
                throw new DataFileException(java.nio.file.Path.of(s.source()), s.line(), "word " + (i + 1) + " of the"
                        + " sentence starting here ('" + s.words().get(i) + "') has tag '" + s.tags().get(i)
                        + "', which was not seen in training;"
                                + " the model knows " + tags.size() + " tags: " + String.join(" ", tags));
            }
        }
        return out;
    }
}
