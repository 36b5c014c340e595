package org.rnn4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.TreeSet;

/**
 * The benchmark text as token ids, built exactly as {@code benchmarks/pytorch/throughput.py}
 * builds it, so both sides train on the same batches.
 *
 * <p>Vocabulary: the distinct characters of the text sorted by code point (Tiny Shakespeare: 65,
 * {@code '\n'} is id 0). A model with a larger vocabulary (the lecture's 84) reads the same ids
 * remapped so that every symbol occurs: at every odd position an id {@code < extra} becomes
 * {@code base + id}, where {@code extra = vocabulary - base}. Speed does not depend on the
 * content, but an honest softmax over 84 classes needs targets in all of them.
 *
 * <pre>{@code
 * Corpus text = Corpus.locate(null);
 * int[] ids = text.ids(84);
 * }</pre>
 */
public final class Corpus {

    private static final String SHARED = "shared/data/tinyshakespeare/input.txt";
    private static final String BUNDLED = "cli/src/main/resources/corpus/tinyshakespeare.txt";

    private final Path source;
    private final int[] ids;
    private final int vocabulary;

    private Corpus(Path source, String text) {
        this.source = source;
        TreeSet<Integer> chars = new TreeSet<>();
        text.codePoints().forEach(chars::add);
        int[] table = new int[chars.last() + 1];
        int next = 0;
        for (int c : chars) {
            table[c] = next++;
        }
        this.vocabulary = next;
        this.ids = text.codePoints().map(c -> table[c]).toArray();
    }

    /**
     * Reads {@code explicit} when given; otherwise Tiny Shakespeare from {@code ../shared/data/}
     * beside the checkout, else the copy bundled with the CLI. The checkout is found by walking up
     * from the working directory.
     *
     * @throws IllegalStateException naming the places looked at when none exists
     */
    public static Corpus locate(Path explicit) {
        if (explicit != null) {
            return read(explicit);
        }
        StringBuilder tried = new StringBuilder();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve(BUNDLED))) {
                Path shared = dir.getParent() == null ? null : dir.getParent().resolve(SHARED);
                if (shared != null && Files.isRegularFile(shared)) {
                    return read(shared);
                }
                return read(dir.resolve(BUNDLED));
            }
            tried.append(' ').append(dir.resolve(BUNDLED));
        }
        throw new IllegalStateException("no Tiny Shakespeare found; looked for ../" + SHARED + " and" + tried
                + "; pass --data FILE");
    }

    private static Corpus read(Path file) {
        try {
            return new Corpus(file, Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the corpus " + file + ": " + e.getMessage(), e);
        }
    }

    /** Where the text came from. */
    public Path source() {
        return source;
    }

    /** Number of distinct characters. */
    public int vocabulary() {
        return vocabulary;
    }

    /** Number of characters. */
    public int length() {
        return ids.length;
    }

    /** The ids for a model of {@code modelVocabulary >= vocabulary()} symbols (see the class comment). */
    public int[] ids(int modelVocabulary) {
        if (modelVocabulary < vocabulary) {
            throw new IllegalArgumentException("the text has " + vocabulary + " symbols; a model of " + modelVocabulary
                    + " cannot read it");
        }
        int extra = modelVocabulary - vocabulary;
        int[] out = ids.clone();
        for (int i = 1; i < out.length; i += 2) {
            if (out[i] < extra) {
                out[i] += vocabulary;
            }
        }
        return out;
    }
}
