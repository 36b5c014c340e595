package org.rnn4j.models.tagging;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The words a tagger knows, with unknown-word handling. Id 0 is padding, id 1 the generic
 * {@code <unk>}; then come unknown-word SIGNATURES in two grains: coarse ones such as
 * {@code <unk-Cap-ing>} (shape and a common suffix, the Berkeley parser's trick) and fine ones
 * that add the last three letters ({@code <unk-ing~ing>}, {@code <unk~ous>}); then every training
 * word seen at least {@code minCount} times. An unknown word gets its fine signature's id when
 * training saw it, else its coarse one's, else {@code <unk>}; so "Zubrowka" still looks like a
 * capitalised word and "blorfing" like a gerund. Words seen once in training are "rare": batches
 * replace them by one of their signatures with some probability, so the model learns what the
 * signatures mean.
 *
 * <pre>{@code
 * WordVocabulary words = WordVocabulary.build(trainSentences, true, 1);
 * int id = words.id("Antonia");            // a known word's id, or its signature's
 * List<String> saved = words.tokens();     // with words.lowercase(), all it takes to rebuild it
 * }</pre>
 */
public final class WordVocabulary {

    /** Id of padding. */
    public static final int PAD = 0;
    /** Id of the generic unknown word. */
    public static final int UNK = 1;

    /** Rare training words that must share a fine signature for it to be kept. */
    public static final int DEFAULT_FINE_MINIMUM = Integer.getInteger("rnn4j.tagger.fineMinimum", 10);

    private static final String[] SUFFIXES = {"ing", "ed", "ly", "ion", "er", "est", "al", "ity", "ous", "ive",
        "able", "ible", "ism", "ist", "ment", "ness", "ful", "less", "ic", "es", "s", "y"};

    private final boolean lowercase;
    private final List<String> tokens;
    private final Map<String, Integer> ids = new HashMap<>();
    private final boolean[] rare;

    private WordVocabulary(boolean lowercase, List<String> tokens, boolean[] rare) {
        this.lowercase = lowercase;
        this.tokens = List.copyOf(tokens);
        for (int i = 0; i < tokens.size(); i++) {
            ids.put(tokens.get(i), i);
        }
        this.rare = rare;
    }

    /**
     * The vocabulary of {@code sentences}: words seen at least {@code minCount} times (after
     * lower-casing when {@code lowercase}), and the signatures of all words seen fewer than two
     * times (those are what unknown words will look like at test time).
     */
    public static WordVocabulary build(List<TaggedSentence> sentences, boolean lowercase, int minCount) {
        return build(sentences, lowercase, minCount, DEFAULT_FINE_MINIMUM);
    }

    /**
     * As {@link #build(List, boolean, int)}, keeping fine signatures shared by at least
     * {@code fineMinimum} rare training words ({@code Integer.MAX_VALUE}: coarse signatures only).
     */
    public static WordVocabulary build(List<TaggedSentence> sentences, boolean lowercase, int minCount,
                                       int fineMinimum) {
        if (minCount < 1) {
            throw new IllegalArgumentException("minimum word count must be >= 1, got " + minCount);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        Map<String, String> shape = new HashMap<>();
        for (TaggedSentence s : sentences) {
            for (String w : s.words()) {
                String key = lowercase ? w.toLowerCase(Locale.ROOT) : w;
                counts.merge(key, 1, Integer::sum);
                shape.putIfAbsent(key, w);
            }
        }
        TreeMap<String, Integer> signatures = new TreeMap<>();
        TreeMap<String, Integer> fine = new TreeMap<>();
        counts.forEach((w, c) -> {
            if (c < Math.max(2, minCount)) {
                signatures.merge(signature(shape.get(w)), 1, Integer::sum);
                fine.merge(fineSignature(shape.get(w)), 1, Integer::sum);
            }
        });
        // A fine signature shared by few rare words would be learnt from too few examples to beat
        // its coarse one: keep only the well-attested ones.
        fine.forEach((sig, n) -> {
            if (n >= fineMinimum) {
                signatures.put(sig, n);
            }
        });
        List<String> tokens = new ArrayList<>(List.of("<pad>", "<unk>"));
        signatures.keySet().stream().filter(s -> !s.equals("<unk>")).forEach(tokens::add);
        List<Boolean> rareFlags = new ArrayList<>();
        tokens.forEach(t -> rareFlags.add(false));
        // Sorted by count then spelling so the ids never depend on the order of the file.
        counts.entrySet().stream().filter(e -> e.getValue() >= minCount)
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .forEach(e -> {
                    tokens.add(e.getKey());
                    rareFlags.add(e.getValue() == 1);
                });
        boolean[] rare = new boolean[tokens.size()];
        for (int i = 0; i < rare.length; i++) {
            rare[i] = rareFlags.get(i);
        }
        return new WordVocabulary(lowercase, tokens, rare);
    }

    /** The vocabulary saved as {@link #tokens()} and {@link #lowercase()}. */
    public static WordVocabulary of(List<String> tokens, boolean lowercase) {
        if (tokens == null || tokens.size() < 2 || !tokens.get(PAD).equals("<pad>") || !tokens.get(UNK).equals("<unk>")) {
            throw new IllegalArgumentException("a word vocabulary starts with <pad> and <unk>");
        }
        if (new java.util.HashSet<>(tokens).size() != tokens.size()) {
            throw new IllegalArgumentException("a word vocabulary must not repeat a token");
        }
        return new WordVocabulary(lowercase, tokens, new boolean[tokens.size()]);
    }

    /**
     * The unknown-word class of {@code word}: capitalisation, digits, hyphen and a common
     * English suffix, e.g. {@code <unk-Cap>}, {@code <unk-num>}, {@code <unk-ing>}.
     */
    public static String signature(String word) {
        StringBuilder s = new StringBuilder("<unk");
        boolean letters = word.codePoints().anyMatch(Character::isLetter);
        if (Character.isUpperCase(word.codePointAt(0))) {
            s.append(word.codePoints().allMatch(c -> !Character.isLetter(c) || Character.isUpperCase(c))
                    && word.length() > 1 ? "-CAPS" : "-Cap");
        } else if (word.codePoints().anyMatch(Character::isUpperCase)) {
            s.append("-cap");
        }
        if (word.codePoints().anyMatch(Character::isDigit)) {
            s.append("-num");
        }
        if (word.indexOf('-') > 0) {
            s.append("-dash");
        }
        if (!letters && word.codePoints().noneMatch(Character::isDigit)) {
            s.append("-sym");
        }
        if (word.startsWith("http") || word.startsWith("www.") || word.contains("@") && word.contains(".")) {
            s.append("-url");
        } else if (word.startsWith("@") || word.startsWith("#")) {
            s.append(word.charAt(0) == '@' ? "-at" : "-hash");
        }
        String lower = word.toLowerCase(Locale.ROOT);
        for (String suffix : SUFFIXES) {
            if (lower.length() > suffix.length() + 2 && lower.endsWith(suffix)) {
                s.append('-').append(suffix);
                break;
            }
        }
        return s.append('>').toString();
    }

    /**
     * The coarse signature plus the word's last three letters (lower-cased), e.g.
     * {@code <unk-Cap~ski>}: a suffix says much about a word's part of speech.
     */
    public static String fineSignature(String word) {
        String coarse = signature(word);
        String lower = word.toLowerCase(Locale.ROOT);
        int n = lower.codePointCount(0, lower.length());
        if (n <= 3) {
            return coarse.substring(0, coarse.length() - 1) + "~" + lower + ">";
        }
        int from = lower.offsetByCodePoints(0, n - 3);
        return coarse.substring(0, coarse.length() - 1) + "~" + lower.substring(from) + ">";
    }

    /** Whether words are lower-cased before lookup. */
    public boolean lowercase() {
        return lowercase;
    }

    /** Every token in id order (what a model folder saves). */
    public List<String> tokens() {
        return tokens;
    }

    /** Number of ids, padding and signatures included. */
    public int size() {
        return tokens.size();
    }

    /** The id of a known word, else of its signature, else {@link #UNK}. */
    public int id(String word) {
        Integer known = ids.get(lowercase ? word.toLowerCase(Locale.ROOT) : word);
        return known != null ? known : unknownId(word);
    }

    /** The id an unknown word with this spelling gets: its fine signature's, else its coarse one's, else {@link #UNK}. */
    public int unknownId(String word) {
        Integer fine = ids.get(fineSignature(word));
        if (fine != null) {
            return fine;
        }
        return coarseUnknownId(word);
    }

    /** The id of the coarse signature of {@code word}, or {@link #UNK}. */
    public int coarseUnknownId(String word) {
        Integer sig = ids.get(signature(word));
        return sig != null ? sig : UNK;
    }

    /** Whether {@code word} is in the vocabulary itself (not only by its signature). */
    public boolean known(String word) {
        return ids.containsKey(lowercase ? word.toLowerCase(Locale.ROOT) : word);
    }

    /** Whether the word with this id was seen once in training (a candidate for word dropout). */
    public boolean rare(int id) {
        return id >= 0 && id < rare.length && rare[id];
    }

    /** Ids of the words of a sentence. */
    public int[] encode(List<String> words) {
        int[] out = new int[words.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = id(words.get(i));
        }
        return out;
    }

    @Override
    public String toString() {
        return "WordVocabulary[" + size() + " tokens" + (lowercase ? ", lower-cased" : "") + "]";
    }
}
