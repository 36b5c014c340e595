package org.rnn4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.tensor.Shape;

/** Reads the PyTorch reference cases copied into the test resources (never ../shared). */
class SafetensorsParityFilesTest {

    @Test
    void lstmL1HoldsWhatItsReadmeDescribes() throws Exception {
        SafetensorsFile file = Safetensors.read(resource("lstm_l1.safetensors"));

        assertThat(file.metadata()).containsEntry("cell", "lstm").containsEntry("gate_order", "i,f,g,o");
        assertThat(file.tensor("weight_ih_l0").shape()).isEqualTo(Shape.of(24, 4));
        assertThat(file.tensor("weight_hh_l0").shape()).isEqualTo(Shape.of(24, 6));
        assertThat(file.tensor("input").shape()).isEqualTo(Shape.of(5, 3, 4));
        assertThat(file.tensor("c_n").shape()).isEqualTo(Shape.of(1, 3, 6));
        assertThat(file.tensor("loss").shape()).isEqualTo(Shape.of(1));
        assertThat(file.names()).first().isEqualTo("weight_ih_l0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"rnn_tanh_l1", "rnn_relu_l1", "lstm_l1", "gru_l1", "lstm_l2", "gru_l2",
        "rnn_tanh_l2", "jordan_identity", "jordan_tanh"})
    void everyCaseReadsAndIsConsistentWithItsMetadata(String name) throws Exception {
        Path path = resource(name + ".safetensors");
        SafetensorsFile file = Safetensors.read(path);
        Map<String, String> m = file.metadata();

        assertThat(m).containsEntry("format_version", "1").containsEntry("case", name);
        int seq = Integer.parseInt(m.get("seq_len"));
        int batch = Integer.parseInt(m.get("batch"));
        int input = Integer.parseInt(m.get("input_size"));
        assertThat(file.tensor("input").shape()).isEqualTo(Shape.of(seq, batch, input));
        assertThat(file.tensor("grad.input").shape()).isEqualTo(Shape.of(seq, batch, input));
        assertThat(file.tensor("loss").data()).hasSize(1);
        assertThat(Float.isFinite(file.tensor("loss").data()[0])).isTrue();
        for (NamedArray t : file.tensors()) {
            if (t.name().startsWith("grad.") && !t.name().equals("grad.input")) {
                String param = t.name().substring("grad.".length());
                assertThat(file.tensor(param).shape()).as(t.name()).isEqualTo(t.shape());
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lstm_l2", "jordan_tanh"})
    void rewritingACaseReproducesItByteForByte(String name) throws Exception {
        Path path = resource(name + ".safetensors");
        SafetensorsFile file = Safetensors.read(path);

        byte[] again = Safetensors.toBytes(file.metadata(), file.tensors());

        assertThat(again).isEqualTo(Files.readAllBytes(path));
    }

    @Test
    void aStreamReadsLikeAFile() throws Exception {
        try (InputStream in = SafetensorsParityFilesTest.class.getResourceAsStream("/parity/gru_l1.safetensors")) {
            SafetensorsFile file = Safetensors.read(in, "gru_l1");
            assertThat(file).isEqualTo(Safetensors.read(resource("gru_l1.safetensors")));
            assertThat(file.tensor("weight_ih_l0").shape()).isEqualTo(Shape.of(18, 4));
        }
    }

    static Path resource(String name) throws Exception {
        URL url = SafetensorsParityFilesTest.class.getResource("/parity/" + name);
        assertThat(url).as("test resource parity/" + name).isNotNull();
        return Paths.get(url.toURI());
    }
}
