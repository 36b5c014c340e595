package org.rnn4j.core.io;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes <a href="https://github.com/huggingface/safetensors">safetensors</a> files of
 * float32 tensors, the weight format that PyTorch users open with the {@code safetensors} package.
 *
 * <pre>{@code
 * Safetensors.write(dir.resolve("model.safetensors"), Map.of("cell", "lstm"),
 *         List.of(NamedArray.of("rnn.weight_ih_l0", w, 24, 4)));
 * SafetensorsFile file = Safetensors.read(dir.resolve("model.safetensors"));
 * float[] back = file.tensor("rnn.weight_ih_l0").data();
 * }</pre>
 *
 * <p><b>Format.</b> 8 bytes: header length {@code N}, unsigned little-endian; {@code N} bytes of
 * UTF-8 JSON mapping each tensor name to {@code {"dtype":"F32","shape":[...],"data_offsets":[b,e]}}
 * (offsets relative to the data section) plus an optional {@code "__metadata__"} map of strings,
 * padded with spaces so the data starts at a multiple of 8; then the raw little-endian row-major
 * data.
 *
 * <p><b>Reading</b> checks everything before trusting it and fails with a
 * {@link SafetensorsFormatException} naming the file and the tensor or field: too short, header
 * length past the end, not JSON, a dtype other than F32 (the only one supported), offsets that do
 * not match the shape, overlap, leave gaps or run past the end (truncated). It does not require the
 * 8-byte alignment of the data section, which older writers did not produce.
 *
 * <p><b>Writing</b> is atomic ({@link AtomicFiles}): a crash or error never leaves a half-written
 * file, and a file already at the path stays intact until the new one is complete. Values are
 * written as they are (NaN and infinities included): judging them is the caller's business.
 */
public final class Safetensors {

    private Safetensors() {
    }

    /**
     * Reads and validates the file at {@code path}; the data is read in place, in chunks.
     *
     * @throws SafetensorsFormatException the file is not a valid F32 safetensors file
     * @throws IOException                it cannot be read
     */
    public static SafetensorsFile read(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return SafetensorsReader.read(ByteSource.of(channel), path.toString());
        }
    }

    /**
     * Reads and validates a safetensors image held in memory.
     *
     * @param source how to name it in error messages, e.g. a resource name
     * @throws SafetensorsFormatException the bytes are not a valid F32 safetensors file
     */
    public static SafetensorsFile read(byte[] bytes, String source) throws SafetensorsFormatException {
        try {
            return SafetensorsReader.read(ByteSource.of(bytes), source);
        } catch (SafetensorsFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException("reading from memory cannot fail with I/O", e);
        }
    }

    /**
     * Reads a whole stream (not closed) and validates it, e.g. a class-path resource.
     *
     * @param source how to name it in error messages
     */
    public static SafetensorsFile read(InputStream in, String source) throws IOException {
        return read(in.readAllBytes(), source);
    }

    /**
     * Writes {@code tensors} in the given order, with {@code metadata} (may be empty or null),
     * to {@code path}, atomically.
     *
     * @throws IllegalArgumentException for a null or duplicated tensor, or null metadata entries;
     *                                  nothing is written then
     * @throws IOException              the file system failed; an existing file is unchanged
     */
    public static void write(Path path, Map<String, String> metadata, List<NamedArray> tensors)
            throws IOException {
        SafetensorsWriter.Prepared file = SafetensorsWriter.prepare(metadata, tensors);
        AtomicFiles.write(path, out -> SafetensorsWriter.write(out, file));
    }

    /** As {@link #write(Path, Map, List)} for the contents of a {@link SafetensorsFile}. */
    public static void write(Path path, SafetensorsFile file) throws IOException {
        write(path, file.metadata(), file.tensors());
    }

    /**
     * Writes the file's bytes to a stream (not closed, not atomic): for sockets, archives, tests.
     *
     * <pre>{@code Safetensors.writeTo(zip, metadata, tensors);}</pre>
     */
    public static void writeTo(OutputStream out, Map<String, String> metadata, List<NamedArray> tensors)
            throws IOException {
        SafetensorsWriter.write(out, SafetensorsWriter.prepare(metadata, tensors));
    }

    /**
     * The file's bytes in memory.
     *
     * @throws IllegalArgumentException when they would exceed 2 GiB; write to a file instead
     */
    public static byte[] toBytes(Map<String, String> metadata, List<NamedArray> tensors) {
        SafetensorsWriter.Prepared file = SafetensorsWriter.prepare(metadata, tensors);
        if (file.totalBytes() > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("the file would be " + file.totalBytes()
                    + " bytes, too large for one array; write it to a file instead");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) file.totalBytes());
        try {
            SafetensorsWriter.write(out, file);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail with I/O", e);
        }
        return out.toByteArray();
    }
}
