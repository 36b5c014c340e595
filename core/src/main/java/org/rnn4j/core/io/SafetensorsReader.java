package org.rnn4j.core.io;

import static org.rnn4j.core.io.SafetensorsHeader.DTYPE;
import static org.rnn4j.core.io.SafetensorsHeader.F32;
import static org.rnn4j.core.io.SafetensorsHeader.METADATA_KEY;
import static org.rnn4j.core.io.SafetensorsHeader.OFFSETS;
import static org.rnn4j.core.io.SafetensorsHeader.SHAPE;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rnn4j.api.tensor.Shape;

/**
 * Parses and checks a safetensors file before trusting any of it: header length, JSON, every
 * tensor's dtype, shape and offsets, and that the offsets tile the data section exactly. Only then
 * are floats read, in bounded chunks.
 */
final class SafetensorsReader {

    private static final int CHUNK_BYTES = 1 << 20;

    private final ByteSource bytes;
    private final String source;

    private SafetensorsReader(ByteSource bytes, String source) {
        this.bytes = bytes;
        this.source = source;
    }

    static SafetensorsFile read(ByteSource bytes, String source) throws IOException {
        return new SafetensorsReader(bytes, source).read();
    }

    private SafetensorsFile read() throws IOException {
        long size = bytes.size();
        if (size < 8) {
            throw fail("the file is " + size + " bytes long, shorter than the 8-byte header length that starts"
                    + " every safetensors file; it is truncated or not a safetensors file");
        }
        ByteBuffer lengthBytes = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        bytes.readFully(0, lengthBytes);
        long headerLength = lengthBytes.getLong(0);
        if (headerLength < 0 || headerLength > size - 8) {
            throw fail("header length " + Long.toUnsignedString(headerLength) + " (bytes 0-7, little-endian)"
                    + " exceeds the " + (size - 8) + " bytes that follow; the file is truncated or not a"
                    + " safetensors file");
        }
        if (headerLength > SafetensorsHeader.MAX_HEADER_BYTES) {
            throw fail("header length " + headerLength + " exceeds the safetensors limit of "
                    + SafetensorsHeader.MAX_HEADER_BYTES + " bytes; the file is corrupt");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        bytes.readFully(8, headerBytes);
        JsonNode header = parse(headerBytes.flip());

        long dataStart = 8 + headerLength;
        Map<String, String> metadata = new LinkedHashMap<>();
        List<SafetensorsHeader.Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> field : header.properties()) {
            if (field.getKey().equals(METADATA_KEY)) {
                readMetadata(field.getValue(), metadata);
            } else {
                entries.add(entry(field.getKey(), field.getValue()));
            }
        }
        checkTiling(entries, size - dataStart, size);

        List<NamedArray> tensors = new ArrayList<>(entries.size());
        for (SafetensorsHeader.Entry e : entries) {
            Shape shape = Shape.of(e.dims());
            float[] data = new float[shape.size()];
            readFloats(dataStart + e.begin(), data);
            tensors.add(new NamedArray(e.name(), shape, data));
        }
        return new SafetensorsFile(metadata, tensors);
    }

    private JsonNode parse(ByteBuffer headerBytes) throws SafetensorsFormatException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(headerBytes).toString();
        } catch (CharacterCodingException e) {
            throw fail("the header is not valid UTF-8 (" + e + "); the file is corrupt", e);
        }
        JsonNode header;
        try {
            header = SafetensorsHeader.JSON.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at header character " + at.getCharOffset();
            throw fail("the header is not valid JSON" + where + ": " + e.getOriginalMessage()
                    + "; the file is corrupt or not a safetensors file", e);
        }
        if (header == null || !header.isObject()) {
            throw fail("the header must be a JSON object, found "
                    + (header == null ? "nothing" : header.getNodeType().toString().toLowerCase(Locale.ROOT)));
        }
        return header;
    }

    private void readMetadata(JsonNode node, Map<String, String> metadata) throws SafetensorsFormatException {
        if (node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw fail("'" + METADATA_KEY + "' must be an object of strings, found " + kind(node));
        }
        for (Map.Entry<String, JsonNode> m : node.properties()) {
            if (!m.getValue().isTextual()) {
                throw fail("'" + METADATA_KEY + "' entry '" + m.getKey() + "' must be a string, found "
                        + kind(m.getValue()) + " (numbers are stored as decimal strings)");
            }
            metadata.put(m.getKey(), m.getValue().textValue());
        }
    }

    private SafetensorsHeader.Entry entry(String name, JsonNode node) throws SafetensorsFormatException {
        String what = "tensor '" + name + "'";
        if (!node.isObject()) {
            throw fail(what + ": expected an object with dtype, shape and data_offsets, found " + kind(node));
        }
        JsonNode dtype = node.get(DTYPE);
        if (dtype == null || !dtype.isTextual()) {
            throw fail(what + ": '" + DTYPE + "' is missing or not a string");
        }
        if (!dtype.textValue().equals(F32)) {
            throw fail(what + ": dtype '" + dtype.textValue() + "' is not supported; rnn4j reads F32 (float32)"
                    + " tensors only; convert it before saving (in PyTorch: tensor.float())");
        }
        JsonNode shapeNode = node.get(SHAPE);
        if (shapeNode == null || !shapeNode.isArray()) {
            throw fail(what + ": '" + SHAPE + "' is missing or not an array");
        }
        int[] dims = new int[shapeNode.size()];
        long elements = 1;
        for (int i = 0; i < dims.length; i++) {
            JsonNode d = shapeNode.get(i);
            if (!d.isIntegralNumber() || !d.canConvertToInt() || d.intValue() < 0) {
                throw fail(what + ": shape " + shapeNode + " has an invalid dimension " + d
                        + " at index " + i + "; dimensions are integers >= 0");
            }
            dims[i] = d.intValue();
            elements *= dims[i];
            if (elements > Integer.MAX_VALUE) {
                throw fail(what + ": shape " + shapeNode + " holds more than " + Integer.MAX_VALUE
                        + " elements, more than rnn4j can hold in one array");
            }
        }
        JsonNode offsets = node.get(OFFSETS);
        if (offsets == null || !offsets.isArray() || offsets.size() != 2
                || !isOffset(offsets.get(0)) || !isOffset(offsets.get(1))
                || offsets.get(0).longValue() > offsets.get(1).longValue()) {
            throw fail(what + ": '" + OFFSETS + "' must be [begin, end] with 0 <= begin <= end, found "
                    + (offsets == null ? "nothing" : offsets.toString()));
        }
        long begin = offsets.get(0).longValue();
        long end = offsets.get(1).longValue();
        if (end - begin != 4 * elements) {
            throw fail(what + ": data_offsets [" + begin + ", " + end + "] span " + (end - begin)
                    + " bytes, but shape " + shapeNode + " of F32 needs " + (4 * elements)
                    + " (4 bytes per element)");
        }
        return new SafetensorsHeader.Entry(name, dims, begin, end);
    }

    private static boolean isOffset(JsonNode n) {
        return n.isIntegralNumber() && n.canConvertToLong() && n.longValue() >= 0;
    }

    /** The tensors must cover the data section exactly: no gap, no overlap, nothing after. */
    private void checkTiling(List<SafetensorsHeader.Entry> entries, long dataLength, long fileSize)
            throws SafetensorsFormatException {
        List<SafetensorsHeader.Entry> byOffset = new ArrayList<>(entries);
        byOffset.sort(Comparator.comparingLong(SafetensorsHeader.Entry::begin)
                .thenComparingLong(SafetensorsHeader.Entry::end));
        long covered = 0;
        SafetensorsHeader.Entry previous = null;
        for (SafetensorsHeader.Entry e : byOffset) {
            if (e.begin() < covered) {
                throw fail(e + " overlaps " + previous + "; each byte of the data section belongs to one tensor");
            }
            if (e.begin() > covered) {
                throw fail("bytes [" + covered + ", " + e.begin() + ") of the data section belong to no tensor"
                        + " (the next one is " + e + "); offsets must be contiguous");
            }
            covered = e.end();
            previous = e;
        }
        if (covered > dataLength) {
            throw fail("the file is truncated: " + previous + " ends at byte " + covered
                    + " of the data section, but only " + dataLength + " bytes follow the header (file size "
                    + fileSize + ", expected " + (fileSize - dataLength + covered) + ")");
        }
        if (covered < dataLength) {
            throw fail("the data section holds " + dataLength + " bytes but the tensors cover only " + covered
                    + "; " + (dataLength - covered) + " trailing bytes belong to no tensor");
        }
    }

    private void readFloats(long position, float[] data) throws IOException {
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK_BYTES, 4L * data.length))
                .order(ByteOrder.LITTLE_ENDIAN);
        int done = 0;
        while (done < data.length) {
            int count = Math.min(chunk.capacity() / 4, data.length - done);
            chunk.clear().limit(4 * count);
            bytes.readFully(position + 4L * done, chunk);
            chunk.flip();
            chunk.asFloatBuffer().get(data, done, count);
            done += count;
        }
    }

    private static String kind(JsonNode node) {
        return node.getNodeType().toString().toLowerCase(Locale.ROOT) + " " + node;
    }

    private SafetensorsFormatException fail(String problem) {
        return new SafetensorsFormatException(source, problem);
    }

    private SafetensorsFormatException fail(String problem, Throwable cause) {
        return new SafetensorsFormatException(source, problem, cause);
    }
}
