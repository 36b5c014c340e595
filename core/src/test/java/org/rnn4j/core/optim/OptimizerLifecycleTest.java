package org.rnn4j.core.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.optim.Optimizer;
import org.rnn4j.api.optim.OptimizerState;
import org.rnn4j.api.tensor.Tensor;
import org.rnn4j.core.backend.Backends;

/** The optimiser lifecycle of {@link Optimizer}'s Javadoc, for every built-in optimiser. */
class OptimizerLifecycleTest {

    private static final int N = 37;
    private static Backend backend;

    @BeforeAll
    static void open() {
        backend = Backends.discover().select("reference");
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    @Test
    void discoversEveryBuiltInOptimizer() {
        assertThat(Optimizers.discover().names()).containsExactly("adagrad", "adam", "adamw", "rmsprop", "sgd");
        assertThat(Optimizers.discover().problems()).isEmpty();
    }

    @Test
    void unknownNamesAndOptionsAreRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> Optimizers.discover().create("adma", Map.of()))
                .hasMessageContaining("unknown optimizer 'adma'")
                .hasMessageContaining("adagrad, adam, adamw, rmsprop, sgd");
        assertThatThrownBy(() -> Optimizers.discover().create("adam", Map.of("beta_1", 0.8)))
                .hasMessageContaining("unknown option 'beta_1' for optimizer adam")
                .hasMessageContaining("beta1, beta2, eps, weight_decay");
        assertThatThrownBy(() -> Optimizers.discover().create("adam", Map.of("beta1", 1.5)))
                .hasMessageContaining("beta1 must be in [0, 1), got 1.5");
        assertThatThrownBy(() -> Optimizers.discover().create("sgd", Map.of("nesterov", 1.0)))
                .hasMessageContaining("Nesterov momentum needs momentum > 0");
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "adam", "adamw", "rmsprop", "adagrad"})
    void refusesToStepBeforeInitialize(String name) {
        try (Optimizer opt = Optimizers.discover().create(name, Map.of());
             Tensor p = backend.allocate(N);
             Tensor g = backend.allocate(N)) {
            assertThatThrownBy(() -> opt.step(p, g, 0.1f))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("before initialize");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sgd", "adam", "adamw", "rmsprop", "adagrad"})
    void restoredStateContinuesBitIdentically(String name) {
        Map<String, Double> options = name.equals("sgd") ? Map.of("momentum", 0.9, "nesterov", 1.0)
                : name.equals("rmsprop") ? Map.of("momentum", 0.5) : Map.of();
        try (Optimizer a = Optimizers.discover().create(name, options);
             Optimizer b = Optimizers.discover().create(name, options);
             Tensor pa = backend.allocate(N);
             Tensor pb = backend.allocate(N);
             Tensor g = backend.allocate(N)) {
            a.initialize(backend, N);
            upload(pa, i -> (float) Math.sin(i));
            for (int step = 0; step < 3; step++) {
                int s = step;
                upload(g, i -> (float) Math.cos(i * 0.7 + s));
                a.step(pa, g, 0.01f);
            }
            assertThat(a.stepCount()).isEqualTo(3);
            OptimizerState saved = a.state();
            assertThat(saved.step()).isEqualTo(3);

            b.initialize(backend, N);
            b.restore(saved);
            backend.copy(pa, 0, pb, 0, N);
            upload(g, i -> (float) Math.cos(i * 1.3));
            a.step(pa, g, 0.01f);
            b.step(pb, g, 0.01f);
            assertThat(download(pb)).containsExactly(download(pa));
            assertThat(b.stepCount()).isEqualTo(4);
        }
    }

    @Test
    void restoringForeignOrMismatchedStateNamesTheProblem() {
        try (Optimizer adam = Optimizers.discover().create("adam", Map.of());
             Optimizer sgd = Optimizers.discover().create("sgd", Map.of("momentum", 0.9))) {
            adam.initialize(backend, N);
            sgd.initialize(backend, N);
            assertThatThrownBy(() -> adam.restore(sgd.state()))
                    .hasMessageContaining("cannot restore sgd state into a adam optimizer");
            OptimizerState shortState = new OptimizerState("adam", 2,
                    Map.of("exp_avg", new float[3], "exp_avg_sq", new float[3]));
            assertThatThrownBy(() -> adam.restore(shortState))
                    .hasMessageContaining("buffer 'exp_avg' has 3 values but the model has 37 parameters");
        }
    }

    private static void upload(Tensor t, java.util.function.IntToDoubleFunction f) {
        float[] host = new float[t.size()];
        for (int i = 0; i < host.length; i++) {
            host[i] = (float) f.applyAsDouble(i);
        }
        backend.upload(host, 0, t, 0, host.length);
    }

    private static float[] download(Tensor t) {
        float[] host = new float[t.size()];
        backend.download(t, 0, host, 0, host.length);
        return host;
    }
}
