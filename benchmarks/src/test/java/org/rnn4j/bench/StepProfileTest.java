package org.rnn4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.tensor.Tensor;
import org.rnn4j.core.backend.Backends;

/** The operation profile counts every call through the proxy and lays out a table per step. */
class StepProfileTest {

    @Test
    void theProxyForwardsEveryCallAndCountsIt() {
        OperationTimes times = new OperationTimes();
        try (Backend backend = Backends.discover().select("cpu-simd")) {
            Backend timed = times.wrap(backend);
            try (Tensor a = timed.allocate(6)) {
                timed.fill(a, 0, 6, 2f);
                timed.fill(a, 0, 3, 1f);
                float[] back = new float[6];
                timed.download(a, 0, back, 0, 6);
                assertThat(back).containsExactly(1f, 1f, 1f, 2f, 2f, 2f);
            }
        }
        assertThat(times.calls("fill")).isEqualTo(2);
        assertThat(times.calls("download")).isEqualTo(1);
        times.clear();
        assertThat(times.calls("fill")).isZero();
    }

    @Test
    void aTrainingProfileHasOneLossPerStepAndNamesTheGemmsByShape() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Backend backend = Backends.discover().select("cpu-simd")) {
            StepProfile.profile(ModelSpec.named("tiny"), backend, Corpus.locate(null), Protocol.QUICK, Protocol.QUICK,
                    new PrintStream(bytes, true, StandardCharsets.UTF_8));
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("tiny on ", "ms/step", "all backend calls", "(m x n x k)");
        assertThat(out.lines().filter(l -> l.endsWith("  softmaxCrossEntropy")))
                .singleElement().satisfies(l -> assertThat(l).contains(" 1.0 "));
    }

    @Test
    void aSamplingProfileCountsPerCharacterWithOneHeadProductEach() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (Backend backend = Backends.discover().select("cpu-simd")) {
            StepProfile.profile(ModelSpec.named("sample-tiny"), backend, null, Protocol.QUICK, Protocol.QUICK,
                    new PrintStream(bytes, true, StandardCharsets.UTF_8));
        }
        String out = bytes.toString(StandardCharsets.UTF_8);
        assertThat(out).contains("sample-tiny on ", "us/char");
        // the output layer's product (1 x 65 x 16) runs once per character: about 1.0 per char
        assertThat(out.lines().filter(l -> l.contains("gemm NT 1x65x16 ")))
                .singleElement().satisfies(l -> assertThat(l).containsPattern(" (0\\.9[5-9]|1\\.0) "));
    }
}
