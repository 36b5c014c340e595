package org.rnn4j.models.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.tensor.Tensor;
import org.rnn4j.core.backend.Backends;

/**
 * A built-in layer's forward runs in chunks of about 1024 rows (at batch 256: 4 steps, so 10 steps
 * are three chunks, the last one short). Batch rows are independent sequences, so the same
 * sequences run at batch 64 (one chunk: no boundaries) must give the same bits, also when the
 * second forward starts from states carried over from the first.
 */
class ChunkedForwardTest {

    private static final int STEPS = 10;
    private static final int INPUT = 5;
    private static final int BIG = 256;
    private static final int SMALL = 64;

    static Stream<Arguments> stacks() {
        return Stream.of(
                Arguments.of("lstm", RecurrentStack.builder(INPUT).lstm(6).lstm(4).build()),
                Arguments.of("gru", RecurrentStack.builder(INPUT).gru(6).gru(4).build()),
                Arguments.of("elman", RecurrentStack.builder(INPUT).elman(6).elman(4).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void chunkedForwardEqualsUnchunkedRowForRow(String name, RecurrentStack stack) {
        int out = stack.outputSize();
        SplittableRandom random = new SplittableRandom(5);
        float[][] inputs = new float[2][STEPS * BIG * INPUT];
        for (float[] x : inputs) {
            for (int i = 0; i < x.length; i++) {
                x[i] = (float) random.nextDouble(-2, 2);
            }
        }
        try (Backend backend = Backends.discover().select("reference");
             RecurrentNetwork network = stack.instantiate(backend, 7)) {
            float[][] big = run(backend, network, BIG, inputs, 0);
            for (int part = 0; part < BIG / SMALL; part++) {
                float[][] small = run(backend, network, SMALL, inputs, part * SMALL);
                for (int pass = 0; pass < 2; pass++) {
                    for (int t = 0; t < STEPS; t++) {
                        for (int b = 0; b < SMALL; b++) {
                            for (int j = 0; j < out; j++) {
                                float expected = small[pass][(t * SMALL + b) * out + j];
                                float actual = big[pass][(t * BIG + part * SMALL + b) * out + j];
                                assertThat(actual).as("pass %d, step %d, batch row %d, unit %d", pass, t,
                                        part * SMALL + b, j).isEqualTo(expected);
                            }
                        }
                    }
                }
            }
        }
    }

    /**
     * Two forwards at {@code batch}, the second from the states the first left, over rows
     * {@code [first, first + batch)} of every step of {@code inputs}; the top layer's outputs of each.
     */
    private static float[][] run(Backend backend, RecurrentNetwork network, int batch, float[][] inputs, int first) {
        int out = network.stack().outputSize();
        float[][] outputs = new float[2][STEPS * batch * out];
        try (StackRunner runner = network.bind(STEPS, batch);
             Tensor x = backend.allocate(STEPS, batch, INPUT)) {
            for (int pass = 0; pass < 2; pass++) {
                float[] rows = new float[STEPS * batch * INPUT];
                for (int t = 0; t < STEPS; t++) {
                    System.arraycopy(inputs[pass], (t * BIG + first) * INPUT, rows, t * batch * INPUT, batch * INPUT);
                }
                backend.upload(rows, 0, x, 0, rows.length);
                if (pass > 0) {
                    runner.carryStates();
                }
                runner.forward(x, 0, STEPS);
                backend.download(runner.outputs(), 0, outputs[pass], 0, outputs[pass].length);
            }
        }
        return outputs;
    }
}
