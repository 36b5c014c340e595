package org.rnn4j.core.optim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.optim.Optimizer;
import org.rnn4j.api.tensor.Tensor;
import org.rnn4j.core.backend.BackendInfo;
import org.rnn4j.core.backend.Backends;
import org.rnn4j.core.io.Safetensors;
import org.rnn4j.core.io.SafetensorsFile;

/**
 * Every built-in optimiser follows {@code torch.optim} step by step: five updates from the same
 * parameters and gradients as the reference trajectories in {@code optim/optimizer_parity.safetensors}
 * (made by {@code tools/parity/make_optimizer_parity.py} with PyTorch in float64), on every
 * available backend, within 1e-5 relative.
 */
class OptimizerParityTest {

    static Stream<Arguments> cases() throws IOException {
        SafetensorsFile file = load();
        List<Arguments> cases = new ArrayList<>();
        for (BackendInfo info : Backends.discover().list()) {
            if (info.availability().isAvailable()) {
                for (String name : file.metadata().get("cases").split(",")) {
                    cases.add(Arguments.of(info.name(), name));
                }
            }
        }
        return cases.stream();
    }

    private static SafetensorsFile load() throws IOException {
        try (InputStream in = OptimizerParityTest.class.getResourceAsStream("/optim/optimizer_parity.safetensors")) {
            return Safetensors.read(in, "optimizer_parity.safetensors");
        }
    }

    @ParameterizedTest(name = "{1} on {0}")
    @MethodSource("cases")
    void followsTorchOptim(String backendName, String caseName) throws IOException {
        SafetensorsFile ref = load();
        Map<String, String> meta = ref.metadata();
        int steps = Integer.parseInt(meta.get("steps"));
        int n = Integer.parseInt(meta.get("size"));
        float lr = Float.parseFloat(meta.get("lr." + caseName));
        Map<String, Double> options = new ObjectMapper().readValue(meta.get("options." + caseName),
                new TypeReference<Map<String, Double>>() { });
        float[] grads = ref.tensor("grads").data();
        float[] expected = ref.tensor("expected." + caseName).data();
        Backend backend = Backends.discover().select(backendName);
        try (Optimizer opt = Optimizers.discover().create(meta.get("optimizer." + caseName), options);
             Tensor p = backend.allocate(n);
             Tensor g = backend.allocate(n)) {
            backend.upload(ref.tensor("params0").data(), 0, p, 0, n);
            opt.initialize(backend, n);
            float[] actual = new float[n];
            for (int t = 0; t < steps; t++) {
                backend.upload(grads, t * n, g, 0, n);
                opt.step(p, g, lr);
                backend.download(p, 0, actual, 0, n);
                for (int i = 0; i < n; i++) {
                    float want = expected[t * n + i];
                    assertThat(Math.abs(actual[i] - want))
                            .as("%s step %d element %d: got %s, torch %s", caseName, t + 1, i, actual[i], want)
                            .isLessThanOrEqualTo(1e-5f * Math.max(1f, Math.abs(want)));
                }
            }
        }
    }
}
