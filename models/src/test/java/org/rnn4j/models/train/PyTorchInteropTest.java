package org.rnn4j.models.train;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.cell.CellRunner;
import org.rnn4j.core.backend.Backends;
import org.rnn4j.core.io.Safetensors;
import org.rnn4j.core.io.SafetensorsFile;
import org.rnn4j.models.build.Models;
import org.rnn4j.models.seq.ModelFolder;
import org.rnn4j.models.seq.SequenceBatch;
import org.rnn4j.models.seq.SequenceModel;
import org.rnn4j.models.seq.SequenceSession;

/** Weights move between rnn4j and PyTorch unchanged, in both directions. */
class PyTorchInteropTest {

    private static final Set<String> DTYPES = Set.of("BOOL", "U8", "I8", "I16", "U16", "F16", "BF16", "I32", "U32",
            "F32", "F64", "I64", "U64");

    @TempDir
    Path tmp;

    /**
     * Validates a file by the rules of the Python {@code safetensors} package's loader: a
     * little-endian u64 header size within the file, a UTF-8 JSON object starting with '{',
     * known dtypes, offsets sorted, contiguous from 0 and covering the data exactly, sizes equal
     * to shape x dtype width, metadata string to string.
     */
    static void assertPythonReadable(byte[] file) throws CharacterCodingException, IOException {
        ByteBuffer buf = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        long n = buf.getLong();
        assertThat(n).as("header size").isLessThanOrEqualTo(file.length - 8L);
        String header = StandardCharsets.UTF_8.newDecoder()
                .decode(ByteBuffer.wrap(file, 8, (int) n)).toString();
        assertThat(header).startsWith("{");
        JsonNode json = new ObjectMapper().readTree(header);
        List<long[]> spans = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equals("__metadata__")) {
                e.getValue().fields().forEachRemaining(m -> assertThat(m.getValue().isTextual()).isTrue());
                continue;
            }
            JsonNode t = e.getValue();
            assertThat(DTYPES).contains(t.get("dtype").asText());
            long elements = 1;
            for (JsonNode d : t.get("shape")) {
                assertThat(d.isIntegralNumber() && d.asLong() >= 0).isTrue();
                elements *= d.asLong();
            }
            long begin = t.get("data_offsets").get(0).asLong();
            long end = t.get("data_offsets").get(1).asLong();
            assertThat(end - begin).as("bytes of %s", e.getKey()).isEqualTo(elements * 4);
            spans.add(new long[] {begin, end});
        }
        spans.sort((a, b) -> Long.compare(a[0], b[0]));
        long at = 0;
        for (long[] s : spans) {
            assertThat(s[0]).as("contiguous offsets").isEqualTo(at);
            at = s[1];
        }
        assertThat(at).as("data section covered exactly").isEqualTo(file.length - 8 - n);
    }

    @Test
    void savedWeightsFollowTheSafetensorsRulesPythonChecks() throws IOException {
        Backend backend = Backends.discover().select();
        try (SequenceModel model = Models.characterLanguageModel(11).embedding(5).biLstm(6).gru(4).create(backend, 3)) {
            ModelFolder.save(tmp.resolve("m"), model, null);
        }
        assertPythonReadable(Files.readAllBytes(tmp.resolve("m/model.safetensors")));
    }

    @Test
    void aPyTorchLstmStateDictLoadsIntoAModelThatReproducesItsOutputs() throws IOException {
        SafetensorsFile ref;
        try (InputStream in = getClass().getResourceAsStream("/parity/lstm_l2.safetensors")) {
            ref = Safetensors.read(in, "lstm_l2.safetensors");
        }
        Map<String, String> meta = ref.metadata();
        int steps = Integer.parseInt(meta.get("seq_len"));
        int batch = Integer.parseInt(meta.get("batch"));
        int hidden = Integer.parseInt(meta.get("hidden_size"));
        Backend backend = Backends.discover().select();
        try (SequenceModel model = Models.sequenceRegressor(Integer.parseInt(meta.get("input_size")), 1)
                .lstm(hidden).lstm(hidden).create(backend, 0);
             SequenceSession session = model.session(steps, batch, false)) {
            List<String> loaded = model.parameters().loadStateDict(ref.tensors(), "rnn.");
            assertThat(loaded).hasSize(8);
            for (int k = 0; k < 2; k++) {
                CellRunner layer = session.stack().layer(k);
                backend.upload(ref.tensor("h0").data(), k * batch * hidden, layer.initialState(0), 0, batch * hidden);
                backend.upload(ref.tensor("c0").data(), k * batch * hidden, layer.initialState(1), 0, batch * hidden);
            }
            SequenceBatch b = SequenceBatch.values(steps, batch, Integer.parseInt(meta.get("input_size")), 1);
            System.arraycopy(ref.tensor("input").data(), 0, b.features(), 0, b.features().length);
            session.predict(b);
            float[] out = new float[steps * batch * hidden];
            backend.download(session.stack().outputs(), 0, out, 0, out.length);
            float[] expected = ref.tensor("output").data();
            for (int i = 0; i < out.length; i++) {
                assertThat(Math.abs(out[i] - expected[i])).as("output[%d]", i).isLessThanOrEqualTo(1e-5f);
            }
        }
    }
}
