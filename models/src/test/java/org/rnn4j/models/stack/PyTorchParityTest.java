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
import org.rnn4j.api.cell.CellRunner;
import org.rnn4j.api.kernel.Activation;
import org.rnn4j.api.tensor.Tensor;
import org.rnn4j.core.backend.BackendInfo;
import org.rnn4j.core.backend.Backends;
import org.rnn4j.core.io.NamedArray;
import org.rnn4j.core.io.Safetensors;
import org.rnn4j.core.io.SafetensorsFile;

/**
 * Every PyTorch reference case in {@code src/test/resources/parity} (copied from the shared
 * parity set, computed by PyTorch in float64) reproduced on every available backend: outputs and
 * final states within 1e-5 absolute, every gradient (weights, input, initial states) within 1e-4
 * relative or 1e-5 absolute. Sizes, layer counts and cell options are read from each file.
 */
class PyTorchParityTest {

    private static final double STATE_TOLERANCE = 1e-5;
    private static final double GRADIENT_RELATIVE = 1e-4;
    private static final double GRADIENT_ABSOLUTE = 1e-5;

    static Stream<Arguments> cases() throws IOException, URISyntaxException {
        Path dir = Path.of(PyTorchParityTest.class.getResource("/parity").toURI());
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.filter(p -> p.toString().endsWith(".safetensors")).sorted().toList();
        }
        assertThat(files).as("parity cases in %s", dir).hasSizeGreaterThanOrEqualTo(9);
        Backends backends = Backends.discover();
        List<Arguments> cases = new ArrayList<>();
        for (BackendInfo info : backends.list()) {
            if (info.availability().isAvailable()) {
                for (Path file : files) {
                    cases.add(Arguments.of(info.name(), file.getFileName().toString(), file));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("cases")
    void reproducesPyTorch(String backendName, String caseName, Path file) throws IOException {
        SafetensorsFile ref = Safetensors.read(file);
        Map<String, String> meta = ref.metadata();
        RecurrentStack stack = stackFor(meta);
        int steps = Integer.parseInt(meta.get("seq_len"));
        int batch = Integer.parseInt(meta.get("batch"));
        boolean jordan = meta.get("cell").equals("jordan");
        boolean lstm = meta.get("cell").equals("lstm");
        Backend backend = Backends.discover().select(backendName);
        try (RecurrentNetwork net = stack.instantiate(backend, 0);
             StackRunner run = net.bind(steps, batch);
             Tensor x = backend.allocate(steps, batch, stack.inputSize());
             Tensor dx = backend.allocate(steps, batch, stack.inputSize())) {
            for (String name : net.parameters().names()) {
                NamedArray w = ref.tensor(name);
                net.parameters().write(name, w.shape(), w.data());
            }
            upload(backend, ref.tensor("input").data(), x, 0);
            String h = jordan ? "y" : "h";
            for (int k = 0; k < run.depth(); k++) {
                CellRunner layer = run.layer(k);
                int n = layer.initialState(0).size();
                upload(backend, slice(ref.tensor(h + "0").data(), k, n), layer.initialState(0), 0);
                upload(backend, slice(ref.tensor("dL_d" + h + "_n").data(), k, n), layer.finalStateGradient(0), 0);
                if (lstm) {
                    upload(backend, slice(ref.tensor("c0").data(), k, n), layer.initialState(1), 0);
                    upload(backend, slice(ref.tensor("dL_dc_n").data(), k, n), layer.finalStateGradient(1), 0);
                }
            }

            run.forward(x, 0, steps);

            assertClose("output", download(backend, run.outputs()), ref.tensor("output").data());
            for (int k = 0; k < run.depth(); k++) {
                CellRunner layer = run.layer(k);
                int n = layer.finalState(0).size();
                assertClose(h + "_n[" + k + "]", download(backend, layer.finalState(0)),
                        slice(ref.tensor(h + "_n").data(), k, n));
                if (lstm) {
                    assertClose("c_n[" + k + "]", download(backend, layer.finalState(1)),
                            slice(ref.tensor("c_n").data(), k, n));
                }
            }

            net.parameters().zeroGradients();
            upload(backend, ref.tensor("dL_doutput").data(), run.outputGradients(), 0);
            run.backward(dx, 0);

            for (String name : net.parameters().names()) {
                assertGradient("grad." + name, net.parameters().readGradient(name), ref.tensor("grad." + name).data());
            }
            assertGradient("grad.input", download(backend, dx), ref.tensor("grad.input").data());
            for (int k = 0; k < run.depth(); k++) {
                CellRunner layer = run.layer(k);
                int n = layer.initialState(0).size();
                assertGradient("grad." + h + "0[" + k + "]", download(backend, layer.initialStateGradient(0)),
                        slice(ref.tensor("grad." + h + "0").data(), k, n));
                if (lstm) {
                    assertGradient("grad.c0[" + k + "]", download(backend, layer.initialStateGradient(1)),
                            slice(ref.tensor("grad.c0").data(), k, n));
                }
            }
        }
    }

    /** The stack a parity file describes, from its metadata alone. */
    static RecurrentStack stackFor(Map<String, String> meta) {
        int layers = Integer.parseInt(meta.get("num_layers"));
        int input = Integer.parseInt(meta.get("input_size"));
        int hidden = Integer.parseInt(meta.get("hidden_size"));
        RecurrentStack.Builder builder = RecurrentStack.builder(input);
        for (int k = 0; k < layers; k++) {
            switch (meta.get("cell")) {
                case "rnn":
                    builder.elman(hidden, Activation.parse(meta.get("nonlinearity")));
                    break;
                case "lstm":
                    builder.lstm(hidden);
                    break;
                case "gru":
                    builder.gru(hidden);
                    break;
                case "jordan":
                    builder.jordan(hidden, Integer.parseInt(meta.get("output_size")),
                            Activation.parse(meta.get("output_activation")));
                    break;
                default:
                    throw new IllegalArgumentException("unknown cell in parity file: " + meta.get("cell"));
            }
        }
        return builder.build();
    }

    private static float[] slice(float[] all, int k, int n) {
        float[] part = new float[n];
        System.arraycopy(all, k * n, part, 0, n);
        return part;
    }

    private static void upload(Backend backend, float[] values, Tensor t, int offset) {
        assertThat(values.length).isEqualTo(t.size());
        backend.upload(values, 0, t, offset, values.length);
    }

    private static float[] download(Backend backend, Tensor t) {
        float[] host = new float[t.size()];
        backend.download(t, 0, host, 0, host.length);
        return host;
    }

    private static void assertClose(String what, float[] actual, float[] expected) {
        assertThat(actual).as(what + " length").hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(Math.abs((double) actual[i] - expected[i]))
                    .as("%s[%d]: got %s, PyTorch %s", what, i, actual[i], expected[i])
                    .isLessThanOrEqualTo(STATE_TOLERANCE);
        }
    }

    private static void assertGradient(String what, float[] actual, float[] expected) {
        assertThat(actual).as(what + " length").hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            double error = Math.abs((double) actual[i] - expected[i]);
            double allowed = Math.max(GRADIENT_ABSOLUTE, GRADIENT_RELATIVE * Math.abs(expected[i]));
            assertThat(error).as("%s[%d]: got %s, PyTorch %s", what, i, actual[i], expected[i])
                    .isLessThanOrEqualTo(allowed);
        }
    }
}
