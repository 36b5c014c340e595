package org.rnn4j.models.tagging;

import java.util.Locale;

/**
 * The two column formats taggers are trained on.
 *
 * <pre>{@code
 * ConllFormat f = ConllFormat.parse("conllu");   // or guess(path)
 * }</pre>
 */
public enum ConllFormat {
    /**
     * Universal Dependencies CoNLL-U: 10 tab-separated columns, {@code #} comments, multiword
     * ranges ({@code 3-4}) and empty nodes ({@code 5.1}) skipped, so syntactic words are tagged.
     */
    CONLLU,
    /** CoNLL (WNUT, CoNLL-2003): a token, optional middle columns, the tag last; whitespace-separated. */
    CONLL;

    /** {@code conllu} or {@code conll}, any case. */
    public static ConllFormat parse(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        return switch (n) {
            case "conllu", "conll-u" -> CONLLU;
            case "conll" -> CONLL;
            default -> throw new IllegalArgumentException("unknown format '" + name + "'; expected conllu or conll");
        };
    }

    /** CoNLL-U for names ending in {@code .conllu}, CoNLL otherwise. */
    public static ConllFormat guess(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".conllu") ? CONLLU : CONLL;
    }
}
