package org.rnn4j.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.rnn4j.api.backend.Availability;
import org.rnn4j.api.backend.BackendProvider;
import org.rnn4j.core.backend.Backends;

class ProbeTest {

    @Test
    void providerIsFoundAndRankedAboveTheCpuBackends() {
        BackendProvider provider = new CudaProvider();
        assertThat(provider.name()).isEqualTo("cuda");
        assertThat(provider.priority()).isEqualTo(200).isGreaterThan(100);
        assertThat(Backends.discover().list()).anySatisfy(info -> assertThat(info.name()).isEqualTo("cuda"));
    }

    @Test
    void probeAnswersWithAReasonAndNeverThrows() {
        Availability availability = new CudaProvider().probe();
        assertThat(availability.reason()).isNotBlank();
        if (!availability.isAvailable() && !Files.exists(Path.of("/dev/nvidia0"))) {
            // Without a GPU the driver library is usually absent, and the reason says so.
            assertThat(availability.reason()).containsAnyOf("libcuda.so.1", "no CUDA device", "driver");
        }
        assertThat(new CudaProvider().probe()).as("answer is cached").isEqualTo(availability);
    }

    @Test
    void deviceOrdinalComesFromTheSystemPropertyAndBadValuesSayHowToFixThem() {
        String old = System.getProperty(CudaProvider.DEVICE_PROPERTY);
        try {
            System.clearProperty(CudaProvider.DEVICE_PROPERTY);
            assertThat(CudaProvider.deviceOrdinal()).isZero();
            System.setProperty(CudaProvider.DEVICE_PROPERTY, " 2 ");
            assertThat(CudaProvider.deviceOrdinal()).isEqualTo(2);
            for (String bad : new String[] {"-1", "first"}) {
                System.setProperty(CudaProvider.DEVICE_PROPERTY, bad);
                org.assertj.core.api.Assertions.assertThatThrownBy(CudaProvider::deviceOrdinal)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessageContaining("-Drnn4j.cuda.device=" + bad).hasMessageContaining("0 for the first GPU");
                // The probe never throws: a bad property is an unavailable backend with that reason.
                assertThat(new CudaProvider().probe().reason()).contains("rnn4j.cuda.device");
            }
        } finally {
            if (old == null) {
                System.clearProperty(CudaProvider.DEVICE_PROPERTY);
            } else {
                System.setProperty(CudaProvider.DEVICE_PROPERTY, old);
            }
        }
    }

    @Test
    void reasonNamesTheMissingDriverLibrary() {
        UnsatisfiedLinkError error = new UnsatisfiedLinkError(
                "Error while loading native library \"JCudaDriver-12.0.0-linux-x86_64\"");
        error.initCause(new UnsatisfiedLinkError("libcuda.so.1: cannot open shared object file: No such file"));
        assertThat(DriverProbe.reason(error)).startsWith("libcuda.so.1 not found").contains("no NVIDIA driver");
        assertThat(DriverProbe.reason(new IllegalStateException("boom\nmore"))).endsWith("boom");
    }

    /**
     * Loading the provider, asking its name and priority must not touch JCuda (whose first use
     * loads native code): shown by a class loader that cannot see JCuda at all.
     */
    @Test
    void providerNeedsNoJCudaUntilProbed() throws Exception {
        URL classes = CudaProvider.class.getProtectionDomain().getCodeSource().getLocation();
        URL api = BackendProvider.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader isolated = new URLClassLoader(new URL[] {classes, api}, ClassLoader.getPlatformClassLoader())) {
            Class<?> type = Class.forName(CudaProvider.class.getName(), true, isolated);
            Object provider = type.getConstructor().newInstance();
            assertThat(type.getMethod("name").invoke(provider)).isEqualTo("cuda");
            assertThat(type.getMethod("priority").invoke(provider)).isEqualTo(200);
            Object answer = type.getMethod("probe").invoke(provider);
            Class<?> availability = Class.forName(Availability.class.getName(), false, isolated);
            assertThat(availability.getMethod("isAvailable").invoke(answer)).isEqualTo(false);
            assertThat((String) availability.getMethod("reason").invoke(answer)).contains("jcuda");
        }
    }
}
