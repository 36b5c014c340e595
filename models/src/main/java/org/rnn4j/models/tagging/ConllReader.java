package org.rnn4j.models.tagging;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.rnn4j.models.data.DataFileException;

/**
 * Reads tagged sentences from CoNLL-U or CoNLL files, strictly: every problem is a
 * {@link DataFileException} naming the file and line, never a silently skipped word.
 *
 * <p>CoNLL-U: only integer-ID lines are words (multiword ranges {@code 3-4} and empty nodes
 * {@code 5.1} are skipped, as UD's standard UPOS evaluation does); IDs must run 1, 2, 3 ...
 * CoNLL: whitespace-separated columns, the word first and the tag in the chosen column (the last
 * by default); a line that is blank after trimming ends a sentence (WNUT-17's train file uses a
 * lone TAB for that).
 *
 * <pre>{@code
 * List<TaggedSentence> train = ConllReader.read(Path.of("en_ewt-ud-train.conllu"), ConllFormat.CONLLU, "upos");
 * List<TaggedSentence> ner = ConllReader.read(Path.of("wnut17train.conll"), ConllFormat.CONLL, null);
 * }</pre>
 */
public final class ConllReader {

    private final Path file;
    private final ConllFormat format;
    private final int column;
    private final boolean lastColumn;

    private ConllReader(Path file, ConllFormat format, String column) {
        this.file = file;
        this.format = format;
        if (column == null || column.isBlank() || column.equalsIgnoreCase("last")) {
            this.column = format == ConllFormat.CONLLU ? 3 : -1;
        } else if (column.equalsIgnoreCase("upos")) {
            this.column = 3;
        } else if (column.equalsIgnoreCase("xpos")) {
            this.column = 4;
        } else {
            try {
                this.column = Integer.parseInt(column.trim()) - 1;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("unknown tag column '" + column
                        + "'; use upos, xpos, last or a 1-based column number", e);
            }
            if (this.column < 1) {
                throw new IllegalArgumentException("the tag column must be 2 or higher (column 1 holds the "
                        + (format == ConllFormat.CONLLU ? "ID" : "word") + "), got " + column);
            }
        }
        this.lastColumn = this.column < 0;
    }

    /**
     * All sentences of {@code file}.
     *
     * @param column {@code upos} (CoNLL-U default), {@code xpos}, {@code last} (CoNLL default) or
     *               a 1-based column number; null for the default
     * @throws DataFileException naming file and line for malformed lines, empty sentences, bad
     *                           encoding or a file without sentences
     */
    public static List<TaggedSentence> read(Path file, ConllFormat format, String column) throws IOException {
        return new ConllReader(file, format, column).readAll(strictUtf8(file));
    }

    /** Reads from an open reader; {@code file} only names the source in messages. */
    public static List<TaggedSentence> read(Reader in, Path file, ConllFormat format, String column)
            throws IOException {
        return new ConllReader(file, format, column).readAll(new BufferedReader(in));
    }

    private static BufferedReader strictUtf8(Path file) throws IOException {
        // Refuse broken UTF-8 instead of tagging replacement characters.
        return new BufferedReader(new java.io.InputStreamReader(Files.newInputStream(file),
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)));
    }

    private List<TaggedSentence> readAll(BufferedReader in) throws IOException {
        List<TaggedSentence> sentences = new ArrayList<>();
        List<String> words = new ArrayList<>();
        List<String> tags = new ArrayList<>();
        long lineNo = 0;
        long start = 0;
        boolean sawCommentsOnly = false;
        try (in) {
            String line;
            while (true) {
                try {
                    line = in.readLine();
                } catch (CharacterCodingException e) {
                    throw new DataFileException(file, lineNo + 1, "is not valid UTF-8");
                }
                lineNo++;
                if (line == null || line.strip().isEmpty()) {
                    if (!words.isEmpty()) {
                        sentences.add(new TaggedSentence(words, tags, file.toString(), start));
                        words.clear();
                        tags.clear();
                    } else if (sawCommentsOnly && format == ConllFormat.CONLLU) {
                        throw new DataFileException(file, lineNo, "empty sentence: comments but no word lines before"
                                + " this blank line");
                    }
                    sawCommentsOnly = false;
                    if (line == null) {
                        break;
                    }
                    continue;
                }
                if (format == ConllFormat.CONLLU) {
                    if (line.startsWith("#")) {
                        sawCommentsOnly = words.isEmpty();
                        continue;
                    }
                    if (!conllu(line, lineNo, words, tags)) {
                        continue;
                    }
                } else {
                    conll(line, lineNo, words, tags);
                }
                if (words.size() == 1) {
                    start = lineNo;
                }
            }
        }
        if (sentences.isEmpty()) {
            throw new DataFileException(file, 0, "contains no sentences (expected "
                    + (format == ConllFormat.CONLLU ? "CoNLL-U: 10 tab-separated columns per word"
                    : "CoNLL: a word and a tag per line") + ", sentences separated by blank lines)");
        }
        return sentences;
    }

    /** Adds the word of a CoNLL-U line; false for lines that are not syntactic words. */
    private boolean conllu(String line, long lineNo, List<String> words, List<String> tags) throws DataFileException {
        String[] cols = line.split("\t", -1);
        if (cols.length != 10) {
            throw new DataFileException(file, lineNo, "expected 10 tab-separated columns (CoNLL-U), found "
                    + cols.length + (cols.length == 1 ? "; is this a CoNLL file? use --format conll" : ""));
        }
        String id = cols[0];
        if (id.matches("\\d+-\\d+") || id.matches("\\d+\\.\\d+")) {
            return false;
        }
        int n;
        try {
            n = Integer.parseInt(id);
        } catch (NumberFormatException e) {
            throw new DataFileException(file, lineNo, "ID '" + id + "' is not a word number, a range (3-4) or an"
                    + " empty node (5.1)");
        }
        if (n != words.size() + 1) {
            throw new DataFileException(file, lineNo, "word ID " + n + " out of order; expected " + (words.size() + 1)
                    + " (is a blank line missing between sentences?)");
        }
        if (column >= cols.length) {
            throw new DataFileException(file, lineNo, "has no column " + (column + 1));
        }
        String form = cols[1];
        String tag = cols[column];
        if (form.isEmpty()) {
            throw new DataFileException(file, lineNo, "word " + n + " has an empty FORM");
        }
        if (tag.isEmpty() || tag.equals("_")) {
            throw new DataFileException(file, lineNo, "word " + n + " ('" + form + "') has no tag in column "
                    + (column + 1) + " (" + columnName() + ")");
        }
        words.add(form);
        tags.add(tag);
        return true;
    }

    private void conll(String line, long lineNo, List<String> words, List<String> tags) throws DataFileException {
        String[] cols = line.strip().split("\\s+");
        if (cols.length < 2) {
            throw new DataFileException(file, lineNo, "expected a word and a tag separated by whitespace, found '"
                    + line.strip() + "'");
        }
        int c = lastColumn ? cols.length - 1 : column;
        if (c >= cols.length) {
            throw new DataFileException(file, lineNo, "has " + cols.length + " columns, so no tag column " + (c + 1));
        }
        words.add(cols[0]);
        tags.add(cols[c]);
    }

    private String columnName() {
        return switch (column) {
            case 3 -> "UPOS";
            case 4 -> "XPOS";
            default -> "column " + (column + 1);
        };
    }

    @Override
    public String toString() {
        return "ConllReader[" + file + ", " + format.name().toLowerCase(Locale.ROOT) + "]";
    }
}
