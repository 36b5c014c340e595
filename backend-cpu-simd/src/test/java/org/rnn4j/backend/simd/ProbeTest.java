package org.rnn4j.backend.simd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.backend.Availability;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.backend.BackendProvider;

/** The provider: registration, probe with the module present, bad settings. */
class ProbeTest {

    @Test
    void isRegisteredWithPriorityAboveTheReference() {
        BackendProvider found = null;
        for (BackendProvider p : ServiceLoader.load(BackendProvider.class)) {
            if (p.name().equals("cpu-simd")) {
                found = p;
            }
        }
        assertThat(found).isInstanceOf(SimdProvider.class);
        assertThat(found.priority()).isEqualTo(100);
    }

    @Test
    void isAvailableWithTheModuleAndSaysHowItRuns() {
        Availability a = new SimdProvider().probe();
        assertThat(a.isAvailable()).as(a.toString()).isTrue();
        assertThat(a.reason()).contains("thread");
        try (Backend b = new SimdProvider().create()) {
            assertThat(b.name()).isEqualTo("cpu-simd");
            assertThat(b.toString()).contains(Lanes.F.vectorBitSize() + "-bit");
        }
    }

    @Test
    void theForcedWidthIsTheOneInUse() {
        String bits = System.getProperty(SimdSettings.BITS_PROPERTY, "");
        if (!bits.isEmpty()) {
            assertThat(Lanes.F.vectorBitSize()).isEqualTo(Integer.parseInt(bits));
        }
    }

    @Test
    void theForcedTileHeightIsTheOneInUseAndTheBackendSaysWhichRuns() {
        String rows = System.getProperty(SimdSettings.TILE_ROWS_PROPERTY, "");
        if (!rows.isEmpty()) {
            assertThat(GemmKernels.MR).isEqualTo(Integer.parseInt(rows));
        }
        assertThat(GemmKernels.MR).isIn(6, 8);
        try (Backend b = new SimdProvider().create()) {
            assertThat(b.toString()).contains(GemmKernels.MR + "-row GEMM tiles");
        }
    }

    @Test
    void badSettingsAreReportedByTheProbeAndRefusedByCreate() {
        String old = System.getProperty(SimdSettings.BITS_PROPERTY);
        try {
            System.setProperty(SimdSettings.BITS_PROPERTY, "300");
            Availability a = new SimdProvider().probe();
            assertThat(a.isAvailable()).isFalse();
            assertThat(a.reason()).contains("rnn4j.simd.bits=300").contains("128, 256 or 512");
            assertThatThrownBy(() -> new SimdProvider().create()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("rnn4j.simd.bits");
        } finally {
            restore(SimdSettings.BITS_PROPERTY, old);
        }
        String oldThreads = System.getProperty(SimdSettings.THREADS_PROPERTY);
        try {
            System.setProperty(SimdSettings.THREADS_PROPERTY, "zero");
            Availability a = new SimdProvider().probe();
            assertThat(a.isAvailable()).isFalse();
            assertThat(a.reason()).contains("rnn4j.threads=zero");
        } finally {
            restore(SimdSettings.THREADS_PROPERTY, oldThreads);
        }
        String oldRows = System.getProperty(SimdSettings.TILE_ROWS_PROPERTY);
        try {
            System.setProperty(SimdSettings.TILE_ROWS_PROPERTY, "7");
            Availability a = new SimdProvider().probe();
            assertThat(a.isAvailable()).isFalse();
            assertThat(a.reason()).contains("rnn4j.simd.tileRows=7").contains("use 6").contains("or 8");
            assertThatThrownBy(() -> new SimdProvider().create()).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("rnn4j.simd.tileRows");
        } finally {
            restore(SimdSettings.TILE_ROWS_PROPERTY, oldRows);
        }
    }

    private static void restore(String key, String value) {
        if (value == null) {
            System.clearProperty(key);
        } else {
            System.setProperty(key, value);
        }
    }
}
