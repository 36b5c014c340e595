package org.rnn4j.models.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.api.optim.Optimizer;
import org.rnn4j.api.tensor.Shape;
import org.rnn4j.core.backend.Backends;
import org.rnn4j.core.io.NamedArray;
import org.rnn4j.core.io.Safetensors;
import org.rnn4j.core.io.SafetensorsFile;
import org.rnn4j.core.optim.Optimizers;
import org.rnn4j.core.train.Trainer;
import org.rnn4j.models.encode.InputEncoding;
import org.rnn4j.models.head.OutputHead;
import org.rnn4j.models.seq.LayerConfig;
import org.rnn4j.models.seq.ModelFolder;
import org.rnn4j.models.seq.Objective;
import org.rnn4j.models.seq.SequenceModel;
import org.rnn4j.models.seq.SequenceModelConfig;
import org.rnn4j.models.seq.SequenceSession;

/** Model folders: round trip, bit-identical resume, and clear failures on damaged files. */
class CheckpointTest {

    private static final SequenceModelConfig CONFIG = new SequenceModelConfig(new InputEncoding.Embedding(4, 5),
            List.of(LayerConfig.lstm(8), LayerConfig.gru(6)), 0.2f, new OutputHead.Dense(4), Objective.CLASSIFICATION);

    private static Backend backend;

    @TempDir
    Path tmp;

    @BeforeAll
    static void open() {
        backend = Backends.discover().select();
    }

    @AfterAll
    static void close() {
        backend.close();
    }

    private static Trainer trainer(Optimizer optimizer, long steps) {
        return Trainer.builder(optimizer).maxSteps(steps).build();
    }

    private static float[] weights(SequenceModel model) {
        return model.parameters().snapshot();
    }

    @Test
    void aResumedRunContinuesBitIdentically() throws IOException {
        float[] uninterrupted;
        try (SequenceModel model = SequenceModel.create(backend, CONFIG, 9);
             SequenceSession session = model.session(10, 8, false)) {
            trainer(Optimizers.discover().create("adam", Map.of()), 30).fit(session, new EchoBatches(4, 1, 10, 8, 7, 3), null);
            uninterrupted = weights(model);
        }
        Path dir = tmp.resolve("run.model");
        try (SequenceModel model = SequenceModel.create(backend, CONFIG, 9);
             SequenceSession session = model.session(10, 8, false)) {
            Optimizer adam = Optimizers.discover().create("adam", Map.of());
            Trainer first = trainer(adam, 17);
            first.fit(session, new EchoBatches(4, 1, 10, 8, 7, 3), null);
            ModelFolder.saveCheckpoint(dir, session, null, adam.state(), first.state());
        }
        ModelFolder.Loaded loaded = ModelFolder.load(dir, backend);
        try (SequenceModel model = loaded.model(); SequenceSession session = model.session(10, 8, false)) {
            Trainer second = trainer(Optimizers.discover().create("adam", Map.of()), 30);
            second.resume(loaded.optimizer().orElseThrow(), loaded.trainer().orElseThrow());
            second.fit(session, new EchoBatches(4, 1, 10, 8, 7, 3), null);
            assertThat(weights(model)).containsExactly(uninterrupted);
        }
    }

    @Test
    void truncatedBpttResumesWithItsCarriedState() throws IOException {
        int[] ids = new int[2000];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = (i * 7 + i / 13) % 4;
        }
        float[] uninterrupted;
        try (SequenceModel model = SequenceModel.create(backend, CONFIG, 5);
             SequenceSession session = model.session(10, 8, true)) {
            trainer(Optimizers.discover().create("adam", Map.of()), 20).fit(session,
                    new org.rnn4j.models.text.CharBatches(ids, 8, 10), null);
            uninterrupted = weights(model);
        }
        Path dir = tmp.resolve("tbptt.model");
        try (SequenceModel model = SequenceModel.create(backend, CONFIG, 5);
             SequenceSession session = model.session(10, 8, true)) {
            Optimizer adam = Optimizers.discover().create("adam", Map.of());
            Trainer first = trainer(adam, 9);
            first.fit(session, new org.rnn4j.models.text.CharBatches(ids, 8, 10), null);
            ModelFolder.saveCheckpoint(dir, session, null, adam.state(), first.state());
        }
        assertThat(Files.exists(dir.resolve("recurrent.safetensors"))).isTrue();
        ModelFolder.Loaded loaded = ModelFolder.load(dir, backend);
        try (SequenceModel model = loaded.model(); SequenceSession session = model.session(10, 8, true)) {
            loaded.restoreRecurrentState(session);
            Trainer second = trainer(Optimizers.discover().create("adam", Map.of()), 20);
            second.resume(loaded.optimizer().orElseThrow(), loaded.trainer().orElseThrow());
            second.fit(session, new org.rnn4j.models.text.CharBatches(ids, 8, 10), null);
            assertThat(weights(model)).containsExactly(uninterrupted);
        }
        try (SequenceModel model = ModelFolder.load(dir, backend).model();
             SequenceSession other = model.session(10, 4, true)) {
            assertThatThrownBy(() -> loaded.restoreRecurrentState(other))
                    .hasMessageContaining("recurrent state 'l0.h' has shape [8, 8] but this session needs [4, 8]");
        }
    }

    @Test
    void weightsLoadIntoPyTorchNamesAndBack() throws IOException {
        Path dir = tmp.resolve("m");
        try (SequenceModel model = SequenceModel.create(backend, CONFIG, 1)) {
            ModelFolder.save(dir, model, null);
            SafetensorsFile file = Safetensors.read(dir.resolve("model.safetensors"));
            assertThat(file.names()).containsExactly("embedding.weight", "rnn.weight_ih_l0", "rnn.weight_hh_l0",
                    "rnn.bias_ih_l0", "rnn.bias_hh_l0", "rnn.weight_ih_l1", "rnn.weight_hh_l1", "rnn.bias_ih_l1",
                    "rnn.bias_hh_l1", "head.weight", "head.bias");
            assertThat(file.tensor("rnn.weight_ih_l0").shape()).isEqualTo(Shape.of(32, 5));
            try (SequenceModel back = ModelFolder.load(dir, backend).model()) {
                assertThat(weights(back)).containsExactly(weights(model));
            }
        }
        assertThat(Files.list(tmp).map(p -> p.getFileName().toString())).containsExactly("m");
    }

    @Test
    void nanWeightsNeverReachADiskAndTheOldModelSurvives() throws IOException {
        Path dir = tmp.resolve("good.model");
        try (SequenceModel model = SequenceModel.create(backend, CONFIG, 1)) {
            ModelFolder.save(dir, model, null);
            byte[] before = Files.readAllBytes(dir.resolve("model.safetensors"));
            float[] w = model.parameters().read("head.bias");
            w[2] = Float.NaN;
            model.parameters().write("head.bias", Shape.of(4), w);
            assertThatThrownBy(() -> ModelFolder.save(dir, model, null))
                    .hasMessageContaining("refusing to save: weight 'head.bias' holds NaN at index 2");
            assertThat(Files.readAllBytes(dir.resolve("model.safetensors"))).isEqualTo(before);
        }
    }

    @Test
    void damagedOrMismatchedFoldersFailNamingTheProblem() throws IOException {
        Path dir = tmp.resolve("x.model");
        try (SequenceModel model = SequenceModel.create(backend, CONFIG, 1)) {
            ModelFolder.save(dir, model, null);
        }
        Path weights = dir.resolve("model.safetensors");
        byte[] good = Files.readAllBytes(weights);

        Files.write(weights, java.util.Arrays.copyOf(good, good.length - 10));
        assertThatThrownBy(() -> ModelFolder.load(dir, backend)).isInstanceOf(IOException.class)
                .hasMessageContaining("model.safetensors");

        SafetensorsFile file = Safetensors.read(new java.io.ByteArrayInputStream(good), "good");
        List<NamedArray> wrong = new java.util.ArrayList<>(file.tensors());
        wrong.set(1, NamedArray.of("rnn.weight_ih_l0", new float[32 * 4], 32, 4));
        Safetensors.write(weights, file.metadata(), wrong);
        assertThatThrownBy(() -> ModelFolder.load(dir, backend))
                .hasMessageContaining("tensor 'rnn.weight_ih_l0' has shape [32, 4] but the configuration needs [32, 5]");

        wrong = new java.util.ArrayList<>(file.tensors());
        wrong.remove(9);
        Safetensors.write(weights, file.metadata(), wrong);
        assertThatThrownBy(() -> ModelFolder.load(dir, backend))
                .hasMessageContaining("tensor 'head.weight' is missing");

        Files.write(weights, good);
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = (ObjectNode) json.readTree(dir.resolve("config.json").toFile());
        ((ObjectNode) config.get("model").get("layers").get(1)).put("hidden", -2);
        json.writeValue(dir.resolve("config.json").toFile(), config);
        assertThatThrownBy(() -> ModelFolder.load(dir, backend))
                .hasMessageContaining("model.layers[1].hidden must be a whole number >= 1");

        Files.writeString(dir.resolve("config.json"), "{\"format\": \"rnn4j-model\", ");
        assertThatThrownBy(() -> ModelFolder.load(dir, backend)).hasMessageContaining("config.json is not valid JSON");

        Files.delete(dir.resolve("config.json"));
        assertThatThrownBy(() -> ModelFolder.load(dir, backend)).hasMessageContaining("has no config.json");
        assertThatThrownBy(() -> ModelFolder.load(tmp.resolve("nothing"), backend)).hasMessageContaining("nothing");
    }
}
