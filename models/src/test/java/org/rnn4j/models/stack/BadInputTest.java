package org.rnn4j.models.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.kernel.Activation;
import org.rnn4j.api.tensor.Shape;
import org.rnn4j.api.tensor.Tensor;
import org.rnn4j.core.backend.Backends;
import org.rnn4j.models.cell.Cells;

/** Bad input to the public API fails before any work, naming the argument and what was expected. */
class BadInputTest {

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
    void unknownCellTypeListsTheKnownOnes() {
        assertThatThrownBy(() -> RecurrentStack.builder(4).layer("lsmt", 8))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown cell type 'lsmt'")
                .hasMessageContaining("elman, gru, jordan, lstm");
    }

    @Test
    void incompatibleLayerSizesNameBothLayers() {
        assertThatThrownBy(() -> RecurrentStack.of(Cells.lstm(4, 8), Cells.gru(6, 5)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("layer 1 (gru) expects input size 6")
                .hasMessageContaining("layer 0 (lstm) outputs 8");
    }

    @Test
    void emptyStacksAndNonPositiveSizesAreRefused() {
        assertThatThrownBy(() -> RecurrentStack.builder(4).build())
                .hasMessageContaining("at least one layer");
        assertThatThrownBy(() -> RecurrentStack.builder(0))
                .hasMessageContaining("input size must be >= 1, got 0");
        assertThatThrownBy(() -> RecurrentStack.builder(4).lstm(-3))
                .hasMessageContaining("LSTM hiddenSize must be >= 1, got -3");
        assertThatThrownBy(() -> Cells.elman(4, 8, Activation.SIGMOID))
                .hasMessageContaining("tanh or relu");
        assertThatThrownBy(() -> Cells.jordan(4, 8, 2, Activation.RELU))
                .hasMessageContaining("identity or tanh");
    }

    @Test
    void hostInputOfTheWrongLengthNamesTheExpectedShape() {
        try (RecurrentNetwork net = RecurrentStack.builder(4).lstm(8).build().instantiate(backend, 1)) {
            assertThatThrownBy(() -> net.forward(new float[59], 5, 3))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("input has 59 values but [steps=5, batch=3, features=4] needs 60");
            assertThatThrownBy(() -> net.forward(null, 5, 3)).hasMessageContaining("input must not be null");
            assertThatThrownBy(() -> net.forward(new float[0], 0, 3)).hasMessageContaining("steps and batch must be >= 1");
        }
    }

    @Test
    void sequencesLongerThanTheWorkspaceOrTooShortInputsAreRefused() {
        try (RecurrentNetwork net = RecurrentStack.builder(4).gru(8).build().instantiate(backend, 1);
             StackRunner run = net.bind(5, 3);
             Tensor small = backend.allocate(2, 3, 4)) {
            assertThatThrownBy(() -> run.forward(small, 0, 6))
                    .hasMessageContaining("steps must be in [1, 5]")
                    .hasMessageContaining("got 6");
            assertThatThrownBy(() -> run.forward(small, 0, 3))
                    .hasMessageContaining("input [steps=3, batch=3, features=4]")
                    .hasMessageContaining("do not fit in a tensor of shape [2, 3, 4]");
            assertThatThrownBy(() -> run.backward(null, 0))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("backward needs a forward first");
        }
    }

    @Test
    void wrongStateIndexAndWeightShapesAreNamed() {
        try (RecurrentNetwork net = RecurrentStack.builder(4).lstm(8).build().instantiate(backend, 1);
             StackRunner run = net.bind(2, 1)) {
            assertThatThrownBy(() -> run.layer(0).initialState(2))
                    .hasMessageContaining("state 2 does not exist")
                    .hasMessageContaining("StateSpec[name=c, size=8]");
            assertThatThrownBy(() -> net.parameters().write("weight_ih_l0", Shape.of(8, 4), new float[32]))
                    .hasMessageContaining("parameter 'weight_ih_l0' has shape [32, 4] but the data has shape [8, 4]");
            assertThatThrownBy(() -> net.parameters().read("weight_xx_l0"))
                    .hasMessageContaining("no parameter named 'weight_xx_l0'")
                    .hasMessageContaining("weight_ih_l0");
            assertThatThrownBy(() -> run.layer(1)).hasMessageContaining("layer 1 does not exist");
        }
    }

    @Test
    void aTensorOfAnotherBackendIsRefused() {
        Backend other = Backends.discover().select("reference-f64");
        try (RecurrentNetwork net = RecurrentStack.builder(4).elman(8).build().instantiate(backend, 1);
             StackRunner run = net.bind(2, 1);
             Tensor foreign = other.allocate(2, 1, 4)) {
            assertThatThrownBy(() -> run.forward(foreign, 0, 2))
                    .hasMessageContaining("belongs to backend 'reference-f64', not 'reference'");
        }
    }

    @Test
    void theForgetGateBiasCanStartAtOne() {
        org.rnn4j.models.seq.SequenceModelConfig config = org.rnn4j.models.build.Models.characterLanguageModel(5)
                .lstm(4).gru(3).lstm(2).forgetBiasOne().build();
        assertThat(config.layers()).extracting(l -> l.forgetBiasOne()).containsExactly(true, false, true);
        try (org.rnn4j.models.seq.SequenceModel m = org.rnn4j.models.seq.SequenceModel.create(backend, config, 3)) {
            float[] ih = m.parameters().read("rnn.bias_ih_l0");
            float[] hh = m.parameters().read("rnn.bias_hh_l0");
            for (int j = 0; j < 4; j++) {
                assertThat(ih[4 + j]).as("forget rows of bias_ih").isEqualTo(1f);
                assertThat(hh[4 + j]).as("forget rows of bias_hh").isEqualTo(0f);
            }
            assertThat(ih[0]).isNotEqualTo(1f);
        }
    }

    @Test
    void sameSeedSameWeightsAndOutputs() {
        RecurrentStack stack = RecurrentStack.builder(3).lstm(5).gru(4).build();
        float[] input = new float[4 * 2 * 3];
        for (int i = 0; i < input.length; i++) {
            input[i] = (float) Math.sin(i);
        }
        try (RecurrentNetwork a = stack.instantiate(backend, 42);
             RecurrentNetwork b = stack.instantiate(backend, 42);
             RecurrentNetwork c = stack.instantiate(backend, 43)) {
            assertThat(a.forward(input, 4, 2)).containsExactly(b.forward(input, 4, 2));
            assertThat(a.forward(input, 4, 2)).isNotEqualTo(c.forward(input, 4, 2));
        }
    }
}
