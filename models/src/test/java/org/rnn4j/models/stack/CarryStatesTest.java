package org.rnn4j.models.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.cell.CellRunner;
import org.rnn4j.api.tensor.Tensor;
import org.rnn4j.core.backend.Backends;

/**
 * Carrying states between forwards (generation one step at a time, truncated BPTT): a sequence
 * run a step at a time, carrying after each, gives the bits of the same sequence run whole, for
 * every built-in cell and a custom one (whose runner copies, the interface's default) and for an
 * odd and an even number of carries, since the built-in runners exchange their state tensors.
 */
class CarryStatesTest {

    private static final int STEPS = 7;
    private static final int BATCH = 3;
    private static final int INPUT = 5;

    static Stream<Arguments> stacks() {
        return Stream.of(
                Arguments.of("lstm", RecurrentStack.builder(INPUT).lstm(6).lstm(4).build()),
                Arguments.of("gru", RecurrentStack.builder(INPUT).gru(6).gru(4).build()),
                Arguments.of("elman", RecurrentStack.builder(INPUT).elman(6).elman(4).build()),
                Arguments.of("jordan", RecurrentStack.builder(INPUT).jordan(6, 3).lstm(4).build()),
                Arguments.of("custom", RecurrentStack.builder(INPUT).layer(new ResidualTanhCell(INPUT, 6)).gru(4)
                        .build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void stepByStepWithCarriedStatesEqualsTheWholeSequence(String name, RecurrentStack stack) {
        int out = stack.outputSize();
        SplittableRandom random = new SplittableRandom(11);
        float[] x = new float[STEPS * BATCH * INPUT];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextDouble(-2, 2);
        }
        try (Backend backend = Backends.discover().select("reference");
             RecurrentNetwork network = stack.instantiate(backend, 3);
             Tensor input = backend.allocate(STEPS, BATCH, INPUT)) {
            backend.upload(x, 0, input, 0, x.length);
            float[] whole = new float[STEPS * BATCH * out];
            float[][] wholeFinals;
            try (StackRunner runner = network.bind(STEPS, BATCH)) {
                runner.forward(input, 0, STEPS);
                backend.download(runner.outputs(), 0, whole, 0, whole.length);
                wholeFinals = finals(backend, runner);
            }
            try (StackRunner runner = network.bind(1, BATCH)) {
                for (int t = 0; t < STEPS; t++) {
                    if (t > 0) {
                        float[][] before = finals(backend, runner);
                        runner.carryStates();
                        assertThat(initials(backend, runner)).as("initial states after carry %d", t)
                                .isDeepEqualTo(before);
                    }
                    runner.forward(input, t * BATCH * INPUT, 1);
                    float[] step = new float[BATCH * out];
                    backend.download(runner.outputs(), 0, step, 0, step.length);
                    assertThat(step).as("outputs of step %d", t)
                            .isEqualTo(Arrays.copyOfRange(whole, t * BATCH * out, (t + 1) * BATCH * out));
                }
                assertThat(finals(backend, runner)).as("final states").isDeepEqualTo(wholeFinals);
            }
        }
    }

    private static float[][] finals(Backend backend, StackRunner runner) {
        return states(backend, runner, true);
    }

    private static float[][] initials(Backend backend, StackRunner runner) {
        return states(backend, runner, false);
    }

    private static float[][] states(Backend backend, StackRunner runner, boolean fin) {
        int count = 0;
        for (int k = 0; k < runner.depth(); k++) {
            count += runner.layer(k).stateCount();
        }
        float[][] all = new float[count][];
        int at = 0;
        for (int k = 0; k < runner.depth(); k++) {
            CellRunner layer = runner.layer(k);
            for (int i = 0; i < layer.stateCount(); i++) {
                Tensor s = fin ? layer.finalState(i) : layer.initialState(i);
                all[at] = new float[s.size()];
                backend.download(s, 0, all[at++], 0, s.size());
            }
        }
        return all;
    }
}
