package org.rnn4j.backend.simd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.backend.Availability;

/**
 * Runs in a surefire execution WITHOUT {@code --add-modules jdk.incubator.vector}: the probe
 * must answer unavailable, name the fix, and load no class that refers to the module (a
 * {@code NoClassDefFoundError} would escape otherwise).
 */
class ProbeWithoutModuleTest {

    @Test
    void answersUnavailableWithTheFix() {
        Assumptions.assumeTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty(),
                "this JVM has the vector module; the without-vector-module execution covers this case");
        Availability a = new SimdProvider().probe();
        assertThat(a.isAvailable()).isFalse();
        assertThat(a.toString()).isEqualTo("unavailable: module jdk.incubator.vector not resolved; "
                + "run with --add-modules jdk.incubator.vector");
    }
}
