package org.rnn4j.models.stack;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.cell.CellRunner;
import org.rnn4j.core.backend.Backends;

/**
 * Every built-in runner answers {@link CellRunner#stateCount()} from the count it holds, and the
 * answer is the cell's own: carrying and resetting states loop over it once per step.
 */
class StateCountTest {

    @Test
    void everyRunnerCountsTheStatesItsCellDeclares() {
        RecurrentStack stack = RecurrentStack.builder(3)
                .lstm(4).gru(4).elman(4).jordan(4, 2).biLstm(3).biGru(2)
                .build();
        try (Backend backend = Backends.discover().select("reference");
             RecurrentNetwork network = stack.instantiate(backend, 1);
             StackRunner runner = network.bind(2, 2)) {
            int[] expected = {2, 1, 1, 1, 4, 2};
            assertThat(runner.depth()).isEqualTo(expected.length);
            for (int k = 0; k < runner.depth(); k++) {
                CellRunner layer = runner.layer(k);
                assertThat(layer.stateCount()).as("layer %d (%s)", k, layer.cell().type())
                        .isEqualTo(layer.cell().states().size())
                        .isEqualTo(expected[k]);
            }
        }
    }
}
