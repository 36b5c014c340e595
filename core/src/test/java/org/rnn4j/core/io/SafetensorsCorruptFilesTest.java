package org.rnn4j.core.io;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every way a file can be wrong gets a message that names the file and the problem. */
class SafetensorsCorruptFilesTest {

    private static final String X = "\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";

    @TempDir
    Path dir;

    @Test
    void aFileShorterThanTheLengthField() throws Exception {
        Path file = dir.resolve("short.safetensors");
        Files.write(file, new byte[5]);

        assertThatThrownBy(() -> Safetensors.read(file))
                .isInstanceOf(SafetensorsFormatException.class)
                .hasMessageStartingWith(file + ": ")
                .hasMessageContaining("5 bytes long, shorter than the 8-byte header length");
    }

    @Test
    void aHeaderLengthBeyondTheFile() {
        byte[] bytes = valid();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, 1_000_000);

        assertThatThrownBy(() -> Safetensors.read(bytes, "m.safetensors"))
                .isInstanceOf(SafetensorsFormatException.class)
                .hasMessageStartingWith("m.safetensors: header length 1000000")
                .hasMessageContaining("exceeds the " + (bytes.length - 8) + " bytes that follow");
    }

    @Test
    void aHeaderLengthWithTheTopBitSetIsReportedUnsigned() {
        byte[] bytes = valid();
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putLong(0, -1L);

        assertThatThrownBy(() -> Safetensors.read(bytes, "m"))
                .hasMessageContaining("header length 18446744073709551615");
    }

    @Test
    void aHeaderThatIsNotJson() {
        assertThatThrownBy(() -> Safetensors.read(file("{\"x\": not json", 0), "m"))
                .isInstanceOf(SafetensorsFormatException.class)
                .hasMessageContaining("m: the header is not valid JSON at header character")
                .hasMessageContaining("Unrecognized token 'not'");
    }

    @Test
    void aHeaderThatIsNotAnObject() {
        assertThatThrownBy(() -> Safetensors.read(file("[1, 2]", 0), "m"))
                .hasMessageContaining("the header must be a JSON object, found array");
    }

    @Test
    void aHeaderThatIsNotUtf8() {
        byte[] bytes = file("{\"x\u00e9\":1}", 0);
        bytes[12] = (byte) 0xff;

        assertThatThrownBy(() -> Safetensors.read(bytes, "m"))
                .hasMessageContaining("the header is not valid UTF-8");
    }

    @Test
    void aDuplicateTensorName() {
        assertThatThrownBy(() -> Safetensors.read(file("{" + X + "," + X + "}", 8), "m"))
                .hasMessageContaining("not valid JSON")
                .hasMessageContaining("Duplicate field 'x'");
    }

    @Test
    void aDtypeOtherThanF32() {
        String header = "{\"w\":{\"dtype\":\"BF16\",\"shape\":[2],\"data_offsets\":[0,4]}}";

        assertThatThrownBy(() -> Safetensors.read(file(header, 4), "m"))
                .isInstanceOf(SafetensorsFormatException.class)
                .hasMessage("m: tensor 'w': dtype 'BF16' is not supported; rnn4j reads F32 (float32) tensors only;"
                        + " convert it before saving (in PyTorch: tensor.float())");
    }

    @Test
    void offsetsThatDoNotMatchTheShape() {
        String header = "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}";

        assertThatThrownBy(() -> Safetensors.read(file(header, 8), "m"))
                .hasMessage("m: tensor 'w': data_offsets [0, 8] span 8 bytes, but shape [3] of F32 needs 12"
                        + " (4 bytes per element)");
    }

    @Test
    void malformedShapeAndOffsets() {
        assertThatThrownBy(() -> Safetensors.read(file(
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[-1],\"data_offsets\":[0,0]}}", 0), "m"))
                .hasMessageContaining("tensor 'w': shape [-1] has an invalid dimension -1 at index 0");
        assertThatThrownBy(() -> Safetensors.read(file(
                "{\"w\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,0]}}", 4), "m"))
                .hasMessageContaining("tensor 'w': 'data_offsets' must be [begin, end] with 0 <= begin <= end,"
                        + " found [4,0]");
        assertThatThrownBy(() -> Safetensors.read(file("{\"w\":{\"dtype\":\"F32\",\"shape\":[1]}}", 4), "m"))
                .hasMessageContaining("tensor 'w': 'data_offsets' must be [begin, end]");
        assertThatThrownBy(() -> Safetensors.read(file("{\"w\":{\"shape\":[1]}}", 4), "m"))
                .hasMessageContaining("tensor 'w': 'dtype' is missing");
        assertThatThrownBy(() -> Safetensors.read(file("{\"w\":17}", 4), "m"))
                .hasMessageContaining("tensor 'w': expected an object with dtype, shape and data_offsets");
    }

    @Test
    void overlappingTensors() {
        String header = "{" + X + ",\"y\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}";

        assertThatThrownBy(() -> Safetensors.read(file(header, 12), "m"))
                .hasMessageContaining("tensor 'y' (shape [2], data_offsets [4, 12]) overlaps tensor 'x'");
    }

    @Test
    void aGapBetweenTensors() {
        String header = "{" + X + ",\"y\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[12,20]}}";

        assertThatThrownBy(() -> Safetensors.read(file(header, 20), "m"))
                .hasMessageContaining("bytes [8, 12) of the data section belong to no tensor");
    }

    @Test
    void bytesAfterTheLastTensor() {
        assertThatThrownBy(() -> Safetensors.read(file("{" + X + "}", 12), "m"))
                .hasMessageContaining("the data section holds 12 bytes but the tensors cover only 8;"
                        + " 4 trailing bytes belong to no tensor");
    }

    @Test
    void truncatedData() throws Exception {
        byte[] whole = valid();
        Path file = dir.resolve("cut.safetensors");
        Files.write(file, Arrays.copyOf(whole, whole.length - 4));

        assertThatThrownBy(() -> Safetensors.read(file))
                .isInstanceOf(SafetensorsFormatException.class)
                .hasMessageStartingWith(file + ": the file is truncated: tensor 'y'")
                .hasMessageContaining("expected " + whole.length);
    }

    @Test
    void metadataThatIsNotStrings() {
        assertThatThrownBy(() -> Safetensors.read(file("{\"__metadata__\":{\"n\":3}," + X + "}", 8), "m"))
                .hasMessageContaining("'__metadata__' entry 'n' must be a string, found number 3");
    }

    @Test
    void writingRejectsDuplicateNamesBeforeTouchingTheDisk() {
        List<NamedArray> twice = List.of(NamedArray.of("a", new float[1], 1), NamedArray.of("a", new float[1], 1));

        assertThatThrownBy(() -> Safetensors.write(dir.resolve("d.safetensors"), Map.of(), twice))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("tensor name 'a' occurs twice");
    }

    @Test
    void aTensorWhoseDataDoesNotMatchItsShapeCannotBeMade() {
        assertThatThrownBy(() -> NamedArray.of("w", new float[5], 2, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("tensor 'w': shape [2, 3] holds 6 elements but the data array has 5");
    }

    private static byte[] valid() {
        return Safetensors.toBytes(Map.of("k", "v"), List.of(
                NamedArray.of("x", new float[] {1, 2}, 2), NamedArray.of("y", new float[] {3, 4, 5}, 3)));
    }

    /** A file with the given header (padded) and {@code dataBytes} zero bytes of data. */
    private static byte[] file(String header, int dataBytes) {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        int padded = json.length + (8 - (8 + json.length) % 8) % 8;
        ByteBuffer buf = ByteBuffer.allocate(8 + padded + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buf.putLong(padded).put(json);
        for (int i = json.length; i < padded; i++) {
            buf.put((byte) ' ');
        }
        return buf.array();
    }
}
