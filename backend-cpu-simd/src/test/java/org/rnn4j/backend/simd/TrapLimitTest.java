package org.rnn4j.backend.simd;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The JIT setting the kernels need: one value, in the launchers' file and in the check. */
class TrapLimitTest {

    @Test
    void theJvmDefaultGetsAWarningThatNamesTheFlag() {
        assertThat(TrapLimit.warning(OptionalLong.of(100))).hasValueSatisfying(text -> assertThat(text)
                .contains("-XX:PerMethodTrapLimit=100;").contains(TrapLimit.FLAG).contains("simd.jvm.args"));
    }

    @Test
    void theRecommendedLimitOrMoreOrAnUnknownOneIsAccepted() {
        assertThat(TrapLimit.warning(OptionalLong.of(TrapLimit.VALUE))).isEmpty();
        assertThat(TrapLimit.warning(OptionalLong.of(10 * TrapLimit.VALUE))).isEmpty();
        assertThat(TrapLimit.warning(OptionalLong.empty())).isEmpty();
    }

    @Test
    void theLaunchersFileSetsTheValueTheCheckWants() throws Exception {
        // surefire runs in the module's directory; the file is at the checkout's root
        List<String> lines = Files.readAllLines(Path.of("..", "simd.jvm.args"));
        assertThat(lines).contains(TrapLimit.FLAG, "--add-modules " + SimdProvider.MODULE);
    }

    @Test
    void theTestJvmsRunWithIt() {
        // the build passes simd.jvm.args to every test JVM, as the launchers do
        assertThat(TrapLimit.current()).hasValue(TrapLimit.VALUE);
    }
}
