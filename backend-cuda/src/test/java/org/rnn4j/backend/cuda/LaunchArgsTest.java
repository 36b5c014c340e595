package org.rnn4j.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class LaunchArgsTest {

    @Test
    void slotsHoldEachValueInTheirLowBytes() {
        LaunchArgs args = new LaunchArgs().clear().i32(-1).f32(1.5f).pointer(0x7f00_1234_5678L).u64(-2L);
        assertThat(args.count()).isEqualTo(4);
        assertThat(args.slots()[0]).isEqualTo(0xFFFF_FFFFL);
        assertThat(Float.intBitsToFloat((int) args.slots()[1])).isEqualTo(1.5f);
        assertThat(args.slots()[1] >>> 32).isZero();
        assertThat(args.slots()[2]).isEqualTo(0x7f00_1234_5678L);
        assertThat(args.slots()[3]).isEqualTo(-2L);
    }

    @Test
    void clearStartsOverAndCapacityIsEnforced() {
        LaunchArgs args = new LaunchArgs();
        for (int i = 0; i < LaunchArgs.CAPACITY; i++) {
            args.i32(i);
        }
        assertThatThrownBy(() -> args.i32(0)).hasMessageContaining("at most " + LaunchArgs.CAPACITY);
        assertThat(args.clear().count()).isZero();
    }
}
