package org.rnn4j.backend.cuda;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The committed PTX, which is what a GPU runs, holds every kernel the backend launches. */
class PtxModuleTest {

    private static String ptx() throws IOException {
        try (InputStream in = DriverDevice.class.getResourceAsStream(DriverDevice.PTX_RESOURCE)) {
            assertThat(in).as("PTX resource %s", DriverDevice.PTX_RESOURCE).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void everyKernelTheBackendUsesIsAnEntryOfTheModule() throws IOException {
        List<String> names = new ArrayList<>();
        Device spy = new ForwardingDevice(new EmulatedDevice(EmulatedCudaProvider.MULTIPROCESSORS)) {
            @Override
            public KernelFunction function(String name) {
                names.add(name);
                return super.function(name);
            }
        };
        new CudaBackend(spy).close();
        assertThat(names).hasSizeGreaterThan(30);
        String module = ptx();
        for (String name : names) {
            assertThat(module).as("entry %s", name).contains(".visible .entry " + name + "(");
        }
    }

    @Test
    void moduleTargetsTuringAndNewerWithoutToolkitLibraries() throws IOException {
        String module = ptx();
        assertThat(module).contains(".target sm_75").contains(".address_size 64");
        // Driver API only: no call into cuBLAS, libdevice bitcode is inlined by nvcc.
        assertThat(module).doesNotContain("cublas");
    }
}
