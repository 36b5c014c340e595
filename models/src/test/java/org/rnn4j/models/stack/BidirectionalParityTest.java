package org.rnn4j.models.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.tensor.Tensor;
import org.rnn4j.core.backend.BackendInfo;
import org.rnn4j.core.backend.Backends;
import org.rnn4j.core.io.NamedArray;
import org.rnn4j.core.io.Safetensors;
import org.rnn4j.core.io.SafetensorsFile;
import org.rnn4j.models.cell.BidirectionalCell;
import org.rnn4j.models.cell.Cells;

/**
 * Bidirectional LSTM, GRU and Elman layers over variable-length batches against PyTorch's
 * {@code bidirectional=True} with packed sequences ({@code tools/parity/make_bidirectional_parity.py}):
 * outputs at every valid step within 1e-5, and every weight and input gradient within 1e-4
 * relative or 1e-5 absolute.
 */
class BidirectionalParityTest {

    static Stream<Arguments> cases() throws IOException, URISyntaxException {
        Path dir = Path.of(BidirectionalParityTest.class.getResource("/parity-bidirectional").toURI());
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".safetensors")).sorted().toList();
        }
        assertThat(files).hasSizeGreaterThanOrEqualTo(3);
        List<Arguments> cases = new ArrayList<>();
        for (BackendInfo info : Backends.discover().list()) {
            if (info.availability().isAvailable()) {
                files.forEach(f -> cases.add(Arguments.of(info.name(), f.getFileName().toString(), f)));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("cases")
    void matchesPyTorchPackedSequences(String backendName, String caseName, Path file) throws IOException {
        SafetensorsFile ref = Safetensors.read(file);
        Map<String, String> meta = ref.metadata();
        int layers = Integer.parseInt(meta.get("num_layers"));
        int input = Integer.parseInt(meta.get("input_size"));
        int hidden = Integer.parseInt(meta.get("hidden_size"));
        int steps = Integer.parseInt(meta.get("seq_len"));
        int batch = Integer.parseInt(meta.get("batch"));
        RecurrentStack.Builder builder = RecurrentStack.builder(input);
        int in = input;
        for (int k = 0; k < layers; k++) {
            builder.layer(new BidirectionalCell(Cells.create(meta.get("cell"), in, hidden)));
            in = 2 * hidden;
        }
        RecurrentStack stack = builder.build();
        float[] lengthValues = ref.tensor("lengths").data();
        int[] lengths = new int[batch];
        for (int b = 0; b < batch; b++) {
            lengths[b] = (int) lengthValues[b];
        }
        Backend backend = Backends.discover().select(backendName);
        try (RecurrentNetwork net = stack.instantiate(backend, 0);
             StackRunner run = net.bind(steps, batch);
             Tensor x = backend.allocate(steps, batch, input);
             Tensor dx = backend.allocate(steps, batch, input)) {
            for (String name : net.parameters().names()) {
                NamedArray w = ref.tensor(name);
                net.parameters().write(name, w.shape(), w.data());
            }
            backend.upload(ref.tensor("input").data(), 0, x, 0, x.size());
            run.sequenceLengths(lengths);
            run.forward(x, 0, steps);

            float[] out = new float[steps * batch * 2 * hidden];
            backend.download(run.outputs(), 0, out, 0, out.length);
            float[] expected = ref.tensor("output").data();
            for (int t = 0; t < steps; t++) {
                for (int b = 0; b < batch; b++) {
                    if (t >= lengths[b]) {
                        continue; // PyTorch pads with zeros; rnn4j's padded outputs are masked by every loss
                    }
                    for (int j = 0; j < 2 * hidden; j++) {
                        int i = (t * batch + b) * 2 * hidden + j;
                        assertThat(Math.abs(out[i] - expected[i])).as("output[%d][%d][%d]", t, b, j)
                                .isLessThanOrEqualTo(1e-5f);
                    }
                }
            }

            net.parameters().zeroGradients();
            float[] dOut = ref.tensor("dL_doutput").data();
            backend.upload(dOut, 0, run.outputGradients(), 0, dOut.length);
            run.backward(dx, 0);
            for (String name : net.parameters().names()) {
                assertGradient("grad." + name, net.parameters().readGradient(name), ref.tensor("grad." + name).data());
            }
            float[] gx = new float[x.size()];
            backend.download(dx, 0, gx, 0, gx.length);
            assertGradient("grad.input", gx, ref.tensor("grad.input").data());
        }
    }

    private static void assertGradient(String what, float[] actual, float[] expected) {
        assertThat(actual).as(what).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            double allowed = Math.max(1e-5, 1e-4 * Math.abs(expected[i]));
            assertThat(Math.abs((double) actual[i] - expected[i])).as("%s[%d]: got %s, PyTorch %s", what, i,
                    actual[i], expected[i]).isLessThanOrEqualTo(allowed);
        }
    }
}
