package org.rnn4j.cli.text;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * A training text: read strictly as UTF-8 (a wrong encoding is an error, never silently
 * replaced characters), refused when empty or binary.
 *
 * <pre>{@code
 * Corpus c = Corpus.read(Path.of("input.txt"));
 * Corpus demo = Corpus.bundled();   // Tiny Shakespeare
 * }</pre>
 *
 * @param name where the text came from, for messages and the model's configuration
 * @param text the characters
 */
public record Corpus(String name, String text) {

    /** The resource name of the bundled corpus. */
    public static final String BUNDLED = "tinyshakespeare.txt";

    /** The bundled public-domain corpus, Tiny Shakespeare. */
    public static Corpus bundled() throws IOException {
        try (InputStream in = Corpus.class.getResourceAsStream("/corpus/" + BUNDLED)) {
            if (in == null) {
                throw new IOException("the bundled corpus is missing from the rnn4j jar; rebuild it");
            }
            return new Corpus("bundled:" + BUNDLED, decode(in.readAllBytes(), BUNDLED));
        }
    }

    /**
     * Reads {@code file}.
     *
     * @throws IOException naming the file and the problem: missing, a directory, empty, binary,
     *                     or not UTF-8 (with the byte offset)
     */
    public static Corpus read(Path file) throws IOException {
        if (!Files.exists(file)) {
            throw new NoSuchFileException(file.toString(), null, "the text file does not exist");
        }
        if (Files.isDirectory(file)) {
            throw new IOException(file + " is a directory; give a UTF-8 text file");
        }
        byte[] bytes = Files.readAllBytes(file);
        return new Corpus(file.toString(), decode(bytes, file.toString()));
    }

    private static String decode(byte[] bytes, String name) throws IOException {
        if (bytes.length == 0) {
            throw new IOException(name + " is empty; give a UTF-8 text file with at least one character");
        }
        for (int i = 0; i < Math.min(bytes.length, 1 << 16); i++) {
            if (bytes[i] == 0) {
                throw new IOException(name + " looks binary (a NUL byte at offset " + i + "); give a UTF-8 text file");
            }
        }
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            String text = decoder.decode(in).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (MalformedInputException e) {
            throw new IOException(name + " is not valid UTF-8 (bad byte sequence at offset " + in.position()
                    + "); convert it, e.g. iconv -f LATIN1 -t UTF-8", e);
        } catch (CharacterCodingException e) {
            throw new IOException(name + " is not valid UTF-8; convert it to UTF-8", e);
        }
    }
}
