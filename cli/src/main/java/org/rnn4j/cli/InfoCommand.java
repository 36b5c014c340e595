package org.rnn4j.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.core.param.NamedParameter;
import org.rnn4j.models.seq.LayerConfig;
import org.rnn4j.models.seq.ModelFolder;
import org.rnn4j.models.seq.ModelKind;
import org.rnn4j.models.seq.SequenceModel;
import org.rnn4j.models.text.Vocabulary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rnn4j info}: architecture, parameters, vocabulary and training history of a model. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Show a model's architecture, parameter count, vocabulary and training history.")
final class InfoCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL", description = "model folder written by train")
    Path model;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Backend backend = org.rnn4j.core.backend.Backends.discover().select("reference")) {
            ModelFolder.Loaded loaded = LoadedModel.load(model, backend);
            try (SequenceModel m = loaded.model()) {
                ModelKind kind = ModelKind.of(loaded.config());
                out.println("model         " + model);
                out.println("kind          " + kind.description());
                out.println("input         " + m.config().input());
                int k = 0;
                for (LayerConfig l : m.config().layers()) {
                    out.printf("layer %d       %s %d%s%s%n", k++, l.type(), l.hidden(),
                            l.bidirectional() ? " bidirectional" : "", l.activation() == null ? "" : " " + l.activation().id());
                }
                out.println("dropout       " + m.config().dropout());
                out.println("head          " + m.config().head());
                out.printf("parameters    %,d%n", m.parameters().size());
                for (NamedParameter p : m.parameters().parameters()) {
                    out.printf("  %-24s %s%n", p.name(), p.spec().shape());
                }
                if (loaded.config().path("data").has("vocabulary")) {
                    Vocabulary v = LoadedModel.vocabulary(loaded.config(), model);
                    StringBuilder chars = new StringBuilder();
                    for (int cp : v.codePoints()) {
                        chars.append(cp == '\n' ? "\\n" : cp == ' ' ? "␣" : new String(Character.toChars(cp)));
                    }
                    out.printf("vocabulary    %d characters: %s%n", v.size(), chars);
                }
                JsonNode training = loaded.config().path("training");
                if (!training.isMissingNode()) {
                    printTraining(out, kind, loaded.config());
                }
                out.println("resumable     " + (loaded.optimizer().isPresent() ? "yes (" + loaded.optimizer().get()
                        .optimizer() + " state at step " + loaded.optimizer().get().step() + ")" : "no"));
                out.flush();
            }
        }
        return 0;
    }

    /**
     * The training record. Character models write their settings under {@code training.settings}
     * and count {@code epochs}; taggers and forecasters count {@code epochs_done}, keep their
     * settings beside it (taggers) or under {@code data.settings} (forecasters), and score
     * differently: a tagger by development-set accuracy (entity F1 for BIO tags), a forecaster by
     * the squared error of the standardized series.
     */
    private static void printTraining(PrintWriter out, ModelKind kind, JsonNode config) {
        JsonNode training = config.path("training");
        long epochs = training.has("epochs_done") ? training.path("epochs_done").asLong() : training.path("epochs").asLong();
        out.printf("trained       %d steps, %d epochs, %.1f s%s%n", training.path("steps").asLong(), epochs,
                training.path("seconds").asDouble(),
                training.has("stop_reason") ? " (stopped: " + training.path("stop_reason").asText() + ")" : "");
        // a tagger is selected by development accuracy, or entity F1 for BIO tags
        String metric = training.has("best_dev_entity_f1") ? "entity_f1" : "accuracy";
        if (kind == ModelKind.TAGGER && training.has("best_dev_" + metric)) {
            out.printf("best dev      %.2f%% %s at epoch %d%n", 100 * training.path("best_dev_" + metric).asDouble(),
                    metric.equals("accuracy") ? "accuracy" : "entity F1", training.path("best_dev_epoch").asLong());
        } else if (training.has("best_validation_loss")) {
            double best = training.get("best_validation_loss").asDouble();
            if (kind == ModelKind.FORECASTER) {
                out.printf("best val loss %.4f (mean squared error of the standardized series)%n", best);
            } else {
                out.printf("best val loss %.4f nats/char (%.4f bits/char)%n", best, best / Math.log(2));
            }
        }
        JsonNode settings = kind == ModelKind.FORECASTER ? config.path("data").path("settings") : training.path("settings");
        if (!settings.isMissingNode()) {
            out.println("settings      " + settings);
        }
    }
}
