package org.rnn4j.models.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A data file that cannot be used as it is, with the place of the problem: the file and, where
 * there is one, the line (text formats) or row (tables) — so that the message alone is enough to
 * open the file at the right spot.
 *
 * <pre>{@code
 * try {
 *     ConllReader.read(path, ConllFormat.CONLLU, "upos");
 * } catch (DataFileException e) {
 *     System.err.println(e.getMessage());   // "train.conllu:17: expected 10 tab-separated columns, found 9"
 * }
 * }</pre>
 */
public final class DataFileException extends IOException {

    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final long line;

    /**
     * @param file    the file
     * @param line    the 1-based line (or row) number, or 0 when the problem is the whole file
     * @param problem what is wrong and, where possible, how to fix it
     */
    public DataFileException(Path file, long line, String problem) {
        super(file + (line > 0 ? ":" + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** The file. */
    public Path file() {
        return file;
    }

    /** The 1-based line or row, or 0 for the whole file. */
    public long line() {
        return line;
    }
}
