package org.rnn4j.core.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Streams a safetensors file: the 8-byte length, the padded header, then each tensor's floats in
 * little-endian order, converted in bounded chunks (no second copy of the weights in memory).
 */
final class SafetensorsWriter {

    private static final int CHUNK_FLOATS = 1 << 14;

    private SafetensorsWriter() {
    }

    /**
     * A checked snapshot of what will be written. The caller's list is walked once, here: the data
     * is written from the snapshot, so the offsets in the header cannot disagree with the data.
     */
    record Prepared(byte[] header, List<NamedArray> tensors, long dataBytes) {
        long totalBytes() {
            return 8L + header.length + dataBytes;
        }
    }

    /** Checks names and builds the header; nothing is written yet, so a bad list costs nothing. */
    static Prepared prepare(Map<String, String> metadata, List<NamedArray> tensors) {
        if (tensors == null) {
            throw new IllegalArgumentException("tensors must not be null");
        }
        Set<String> names = new HashSet<>();
        List<NamedArray> snapshot = new ArrayList<>(tensors.size());
        long dataBytes = 0;
        int i = 0;
        for (NamedArray t : tensors) {
            if (t == null) {
                throw new IllegalArgumentException("tensors[" + i + "] is null");
            }
            if (!names.add(t.name())) {
                throw new IllegalArgumentException("tensor name '" + t.name() + "' occurs twice (again at index "
                        + i + "); names in a safetensors file must be unique");
            }
            snapshot.add(t);
            dataBytes += 4L * t.data().length;
            i++;
        }
        byte[] header = SafetensorsHeader.build(SafetensorsFile.copyMetadata(metadata), snapshot);
        return new Prepared(header, List.copyOf(snapshot), dataBytes);
    }

    /** Writes the whole file to {@code out} (does not close it). */
    static void write(OutputStream out, Prepared file) throws IOException {
        ByteBuffer length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(0, file.header().length);
        out.write(length.array());
        out.write(file.header());
        byte[] chunk = new byte[4 * CHUNK_FLOATS];
        FloatBuffer floats = ByteBuffer.wrap(chunk).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        for (NamedArray t : file.tensors()) {
            float[] data = t.data();
            for (int done = 0; done < data.length; ) {
                int count = Math.min(CHUNK_FLOATS, data.length - done);
                floats.clear();
                floats.put(data, done, count);
                out.write(chunk, 0, 4 * count);
                done += count;
            }
        }
    }
}
