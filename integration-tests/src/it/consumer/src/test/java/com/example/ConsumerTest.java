package com.example;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.core.backend.Backends;
import org.rnn4j.models.stack.RecurrentNetwork;
import org.rnn4j.models.stack.RecurrentStack;

/**
 * An application's first contact with rnn4j, through the public API only: pick the backend the
 * rnn4j.backend property names (auto by default), build a two-layer LSTM and run a forward pass.
 * The README's embedding snippet is this code; if this stops compiling, so does the README.
 */
class ConsumerTest {

    private static final int T = 5;
    private static final int B = 3;
    private static final int F = 4;
    private static final int H = 6;

    @Test
    void lstmForwardPassThroughThePublicApi() {
        try (Backend backend = Backends.discover().select()) {
            RecurrentStack stack = RecurrentStack.builder(F).lstm(8).lstm(H).build();
            float[] input = input();

            float[] out = forward(stack, backend, 42L, input);

            assertEquals(T * B * H, out.length, "forward returns [T][B][H] for the last layer");
            boolean anyNonZero = false;
            for (float h : out) {
                assertTrue(Float.isFinite(h), "every output is finite");
                // h = o * tanh(c) with o in (0,1): strictly inside (-1, 1).
                assertTrue(Math.abs(h) < 1f, () -> "LSTM output outside (-1, 1): " + h);
                anyNonZero |= h != 0f;
            }
            assertTrue(anyNonZero, "a seeded network on a non-zero input gives a non-zero output");

            assertArrayEquals(out, forward(stack, backend, 42L, input),
                    "same seed, same backend: the same output, bit for bit");
            assertFalse(Arrays.equals(out, forward(stack, backend, 43L, input)),
                    "another seed initialises other weights");
        }
    }

    private static float[] forward(RecurrentStack stack, Backend backend, long seed, float[] input) {
        try (RecurrentNetwork net = stack.instantiate(backend, seed)) {
            return net.forward(input, T, B);
        }
    }

    /** [T][B][F], time-major, every element different and none zero. */
    private static float[] input() {
        float[] input = new float[T * B * F];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) Math.sin(0.37 * i + 0.1);
        }
        return input;
    }
}
