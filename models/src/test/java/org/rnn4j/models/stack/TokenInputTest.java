package org.rnn4j.models.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.tensor.Tensor;
import org.rnn4j.core.backend.Backends;

/**
 * A stack fed token ids computes what it computes fed the one-hot rows of those ids: the same
 * outputs and final states, and the same parameter gradients (summed in another order).
 */
class TokenInputTest {

    private static final int STEPS = 5;
    private static final int BATCH = 3;
    private static final int VOCABULARY = 7;

    private static Backend backend;

    @BeforeAll
    static void open() {
        backend = Backends.discover().select("reference");
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    static Stream<Arguments> stacks() {
        return Stream.of(
                Arguments.of("elman", RecurrentStack.builder(VOCABULARY).elman(4).build()),
                Arguments.of("jordan", RecurrentStack.builder(VOCABULARY).jordan(4, 3).build()),
                Arguments.of("lstm", RecurrentStack.builder(VOCABULARY).lstm(4).build()),
                Arguments.of("gru", RecurrentStack.builder(VOCABULARY).gru(4).build()),
                Arguments.of("2 x lstm", RecurrentStack.builder(VOCABULARY).lstm(4).lstm(3).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("stacks")
    void tokenIdsAndTheirOneHotRowsGiveTheSameOutputsAndGradients(String name, RecurrentStack stack) {
        SplittableRandom random = new SplittableRandom(name.hashCode());
        int rows = STEPS * BATCH;
        int[] tokens = new int[rows + 2];
        float[] oneHot = new float[rows * VOCABULARY];
        for (int r = 0; r < rows; r++) {
            int token = r % 5 == 4 ? -1 : random.nextInt(VOCABULARY); // some padding rows
            tokens[r + 2] = token;
            if (token >= 0) {
                oneHot[r * VOCABULARY + token] = 1f;
            }
        }
        int outputs = rows * stack.outputSize();
        float[] dOut = new float[outputs];
        for (int i = 0; i < outputs; i++) {
            dOut[i] = (float) random.nextDouble(-1, 1);
        }
        try (RecurrentNetwork dense = stack.instantiate(backend, 11);
             RecurrentNetwork sparse = stack.instantiate(backend, 11);
             StackRunner denseRun = dense.bind(STEPS, BATCH);
             StackRunner tokenRun = sparse.bind(STEPS, BATCH);
             Tensor x = backend.allocate(rows, VOCABULARY)) {
            assertThat(tokenRun.readsTokens()).isTrue();
            backend.upload(oneHot, 0, x, 0, oneHot.length);
            denseRun.forwardTraining(x, 0, STEPS, 3L);
            tokenRun.forwardTrainingTokens(tokens, 2, STEPS, 3L);
            assertThat(download(tokenRun.outputs(), outputs)).containsExactly(download(denseRun.outputs(), outputs));

            dense.parameters().zeroGradients();
            sparse.parameters().zeroGradients();
            backend.upload(dOut, 0, denseRun.outputGradients(), 0, outputs);
            backend.upload(dOut, 0, tokenRun.outputGradients(), 0, outputs);
            denseRun.backward(null, 0);
            tokenRun.backward(null, 0);
            float[] expected = download(dense.parameters().gradients(), dense.parameters().gradients().size());
            float[] actual = download(sparse.parameters().gradients(), expected.length);
            double largest = 0;
            for (float g : expected) {
                largest = Math.max(largest, Math.abs(g));
            }
            assertThat(largest).as("the largest gradient").isGreaterThan(1e-3);
            for (int i = 0; i < expected.length; i++) {
                assertThat((double) actual[i]).as("gradient %d of %s", i, name)
                        .isCloseTo(expected[i], within(1e-6 * (1 + Math.abs(expected[i]))));
            }
        }
    }

    @Test
    void aLayerFedTokensRefusesBadIdsAndAnInputGradientAndABidirectionalBottomLayerReadsDenseRows() {
        try (RecurrentNetwork net = RecurrentStack.builder(VOCABULARY).lstm(4).build().instantiate(backend, 1);
             StackRunner run = net.bind(STEPS, BATCH);
             Tensor dx = backend.allocate(STEPS * BATCH * VOCABULARY)) {
            run.forwardTokens(new int[STEPS * BATCH], 0, STEPS);
            assertThatThrownBy(() -> run.backward(dx, 0))
                    .hasMessageContaining("read token ids, which have no gradient; pass null as the input gradient");
            assertThatThrownBy(() -> run.forwardTokens(new int[STEPS * BATCH - 1], 0, STEPS))
                    .hasMessageContaining("tokens [steps=5, batch=3]");
            int[] badAtSeven = new int[STEPS * BATCH + 2];
            badAtSeven[7] = VOCABULARY;
            assertThatThrownBy(() -> run.forwardTokens(badAtSeven, 2, STEPS))
                    .hasMessageContaining("tokens[7] = 7 is outside the vocabulary of 7");
            // the refused forward left the last good one in place: backward still runs
            run.backward(null, 0);
        }
        try (RecurrentNetwork net = RecurrentStack.builder(VOCABULARY).biLstm(3).build().instantiate(backend, 1);
             StackRunner run = net.bind(STEPS, BATCH)) {
            assertThat(run.readsTokens()).isFalse();
            assertThatThrownBy(() -> run.forwardTokens(new int[STEPS * BATCH], 0, STEPS))
                    .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("call forward");
        }
    }

    private static float[] download(Tensor t, int length) {
        float[] host = new float[length];
        backend.download(t, 0, host, 0, length);
        return host;
    }
}
