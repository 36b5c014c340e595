package org.rnn4j.core.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failed write leaves the previous file exactly as it was, and no temporary file behind. */
class AtomicWriteTest {

    @TempDir
    Path dir;

    @Test
    void aFailureHalfWayThroughTheContentKeepsTheOldFile() throws Exception {
        Path target = dir.resolve("config.json");
        Files.writeString(target, "old");

        assertThatThrownBy(() -> AtomicFiles.write(target, out -> {
            out.write(new byte[200_000]);   // more than the buffer: part of it reached the temp file
            throw new IOException("disk full (simulated)");
        })).isInstanceOf(IOException.class).hasMessage("disk full (simulated)");

        assertThat(Files.readString(target)).isEqualTo("old");
        assertThat(Files.list(dir)).containsExactly(target);
    }

    @Test
    void aTensorListThatThrowsMidWayKeepsTheOldFile() throws Exception {
        Path target = dir.resolve("model.safetensors");
        Safetensors.write(target, Map.of("version", "old"), List.of(NamedArray.of("w", new float[] {1f}, 1)));
        byte[] before = Files.readAllBytes(target);
        List<NamedArray> failing = new AbstractList<>() {
            @Override
            public NamedArray get(int i) {
                if (i == 2) {
                    throw new IllegalStateException("tensor 2 is on a device that just went away");
                }
                return NamedArray.of("t" + i, new float[100_000], 100_000);
            }

            @Override
            public int size() {
                return 4;
            }
        };

        assertThatThrownBy(() -> Safetensors.write(target, Map.of("version", "new"), failing))
                .isInstanceOf(IllegalStateException.class);

        assertThat(Files.readAllBytes(target)).isEqualTo(before);
        assertThat(Files.list(dir)).containsExactly(target);
    }

    @Test
    void aContentThatClosesItsStreamIsStillWrittenCompletely() throws Exception {
        Path target = dir.resolve("a.txt");

        AtomicFiles.write(target, out -> {
            out.write("hello".getBytes(StandardCharsets.UTF_8));
            out.close();
        });

        assertThat(Files.readString(target)).isEqualTo("hello");
        assertThat(Files.list(dir)).containsExactly(target);
    }

    @Test
    void aDirectoryInTheWayIsAClearError() throws Exception {
        Path target = Files.createDirectory(dir.resolve("model.safetensors"));

        assertThatThrownBy(() -> Safetensors.write(target, Map.of(), List.of()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("is a directory");
        assertThat(Files.list(dir)).containsExactly(target);
    }

    @Test
    void aMissingDirectoryFailsWithoutCreatingAnything() {
        Path target = dir.resolve("no/such/dir/model.safetensors");

        assertThatThrownBy(() -> Safetensors.write(target, Map.of(), List.of()))
                .isInstanceOf(IOException.class);
        assertThat(dir.resolve("no")).doesNotExist();
    }
}
