package org.rnn4j.core.param;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.cell.Initializer;
import org.rnn4j.api.cell.ParameterSpec;
import org.rnn4j.api.tensor.Shape;
import org.rnn4j.core.reference.ReferenceProvider;

/** A snapshot is every value in layout order; restoring it brings the model back. */
class ParametersSnapshotTest {

    private static Parameters twoParameters(Backend backend) {
        return Parameters.allocate(backend, List.of(
                new NamedParameter("a", new ParameterSpec("a", Shape.of(2, 3), Initializer.uniform(1))),
                new NamedParameter("b", new ParameterSpec("b", Shape.of(4), Initializer.uniform(1)))));
    }

    @Test
    void snapshotHoldsEveryValueInLayoutOrderAndRestoreWritesThemBack() {
        try (Backend backend = new ReferenceProvider().create(); Parameters p = twoParameters(backend)) {
            p.initialize(7);
            float[] before = p.snapshot();
            assertThat(before).hasSize(10);
            assertThat(java.util.Arrays.copyOfRange(before, 0, 6)).containsExactly(p.read("a"));
            assertThat(java.util.Arrays.copyOfRange(before, 6, 10)).containsExactly(p.read("b"));

            p.initialize(8);
            assertThat(p.snapshot()).isNotEqualTo(before);
            p.restore(before);
            assertThat(p.snapshot()).containsExactly(before);

            float[] reused = new float[12];
            p.snapshotInto(reused);
            assertThat(java.util.Arrays.copyOf(reused, 10)).containsExactly(before);
        }
    }

    @Test
    void aSnapshotOfAnotherLayoutIsRefusedWithBothSizes() {
        try (Backend backend = new ReferenceProvider().create(); Parameters p = twoParameters(backend)) {
            assertThatThrownBy(() -> p.restore(new float[9])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("holds 9 values").hasMessageContaining("has 10 parameters");
            assertThatThrownBy(() -> p.snapshotInto(new float[3])).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("holds 3 values");
            assertThatThrownBy(() -> p.restore(null)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
