package org.rnn4j.core.io;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The JSON header of a safetensors file: its constants, and how rnn4j writes it.
 *
 * <p>Written exactly as the reference implementation does: {@code __metadata__} first (only when
 * there is any), then one entry per tensor in the caller's order with contiguous offsets, padded
 * with spaces so that the data section starts at a multiple of 8 bytes.
 */
final class SafetensorsHeader {

    static final String METADATA_KEY = "__metadata__";
    static final String DTYPE = "dtype";
    static final String SHAPE = "shape";
    static final String OFFSETS = "data_offsets";
    static final String F32 = "F32";

    /** The reference implementation's limit; a larger length means a corrupt or foreign file. */
    static final long MAX_HEADER_BYTES = 100_000_000L;

    /** Duplicate keys would silently drop a tensor; reject them while parsing. */
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private SafetensorsHeader() {
    }

    /** One tensor as the header describes it, before its data is read. */
    record Entry(String name, int[] dims, long begin, long end) {
        @Override
        public String toString() {
            return "tensor '" + name + "' (shape " + Arrays.toString(dims) + ", data_offsets [" + begin
                    + ", " + end + "])";
        }
    }

    /** The padded UTF-8 header bytes for these tensors (validated by the caller). */
    static byte[] build(Map<String, String> metadata, List<NamedArray> tensors) {
        ObjectNode root = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = root.putObject(METADATA_KEY);
            metadata.forEach(meta::put);
        }
        long offset = 0;
        for (NamedArray t : tensors) {
            long bytes = 4L * t.data().length;
            ObjectNode entry = root.putObject(t.name());
            entry.put(DTYPE, F32);
            ArrayNode shape = entry.putArray(SHAPE);
            for (int d : t.shape().dims()) {
                shape.add(d);
            }
            entry.putArray(OFFSETS).add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json;
        try {
            json = JSON.writeValueAsString(root).getBytes(StandardCharsets.UTF_8);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not serialise a safetensors header", e);
        }
        int padded = json.length + (8 - (8 + json.length) % 8) % 8;
        byte[] header = Arrays.copyOf(json, padded);
        Arrays.fill(header, json.length, padded, (byte) ' ');
        return header;
    }
}
