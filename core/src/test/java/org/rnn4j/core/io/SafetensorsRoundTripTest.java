package org.rnn4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.api.tensor.Shape;

class SafetensorsRoundTripTest {

    @TempDir
    Path dir;

    @Test
    void whatIsWrittenIsReadBackInOrderWithItsMetadata() throws Exception {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("format_version", "1");
        metadata.put("cell", "lstm");
        metadata.put("note", "ünïcödé and \"quotes\"");
        List<NamedArray> tensors = List.of(
                NamedArray.of("rnn.weight_ih_l0", ramp(24 * 4), 24, 4),
                NamedArray.of("rnn.bias_ih_l0", ramp(24), 24),
                NamedArray.of("a_scalar", new float[] {Float.NaN}),
                NamedArray.of("empty", new float[0], 0, 3),
                NamedArray.of("specials", new float[] {Float.POSITIVE_INFINITY, -0f, Float.MIN_VALUE}, 3));
        Path file = dir.resolve("model.safetensors");

        Safetensors.write(file, metadata, tensors);
        SafetensorsFile back = Safetensors.read(file);

        assertThat(back.metadata()).containsExactlyEntriesOf(metadata);
        assertThat(back.names()).containsExactly("rnn.weight_ih_l0", "rnn.bias_ih_l0", "a_scalar", "empty", "specials");
        assertThat(back.tensors()).isEqualTo(tensors);
        assertThat(back.tensor("a_scalar").shape()).isEqualTo(Shape.of());
        assertThat(Float.floatToRawIntBits(back.tensor("specials").data()[1])).isEqualTo(Float.floatToRawIntBits(-0f));
        assertThat(Files.list(dir)).containsExactly(file);
    }

    @Test
    void theLayoutIsTheSafetensorsOne() throws Exception {
        byte[] bytes = Safetensors.toBytes(Map.of("k", "v"),
                List.of(NamedArray.of("x", new float[] {1f, 2f}, 2), NamedArray.of("y", new float[] {3f}, 1, 1)));

        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        long n = buf.getLong(0);
        String header = new String(bytes, 8, (int) n, StandardCharsets.UTF_8);
        assertThat((8 + n) % 8).isZero();
        assertThat(header.stripTrailing()).isEqualTo("{\"__metadata__\":{\"k\":\"v\"},"
                + "\"x\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},"
                + "\"y\":{\"dtype\":\"F32\",\"shape\":[1,1],\"data_offsets\":[8,12]}}");
        assertThat(header.substring(header.stripTrailing().length())).matches(" *");
        assertThat(bytes).hasSize((int) (8 + n + 12));
        assertThat(buf.getFloat((int) (8 + n))).isEqualTo(1f);
        assertThat(buf.getFloat((int) (8 + n + 8))).isEqualTo(3f);
    }

    @Test
    void noMetadataMeansNoMetadataEntry() throws Exception {
        byte[] bytes = Safetensors.toBytes(null, List.of(NamedArray.of("x", new float[] {1f}, 1)));

        assertThat(new String(bytes, StandardCharsets.UTF_8)).doesNotContain("__metadata__");
        assertThat(Safetensors.read(bytes, "mem").metadata()).isEmpty();
    }

    @Test
    void tensorsLargerThanOneChunkSurvive() throws Exception {
        float[] big = ramp(3 * (1 << 18) + 7);
        Path file = dir.resolve("big.safetensors");

        Safetensors.write(file, new SafetensorsFile(Map.of(), List.of(NamedArray.of("big", big, big.length))));

        assertThat(Safetensors.read(file).tensor("big").data()).isEqualTo(big);
    }

    @Test
    void writingOverAnExistingFileReplacesIt() throws Exception {
        Path file = dir.resolve("m.safetensors");
        Safetensors.write(file, Map.of("v", "1"), List.of(NamedArray.of("x", new float[] {1f}, 1)));
        Safetensors.write(file, Map.of("v", "2"), List.of(NamedArray.of("x", new float[] {2f}, 1)));

        assertThat(Safetensors.read(file).metadata()).containsEntry("v", "2");
        assertThat(Files.list(dir)).containsExactly(file);
    }

    static float[] ramp(int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (i % 1000) * 0.25f - 7f;
        }
        return a;
    }
}
