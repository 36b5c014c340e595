package org.rnn4j.it.readme;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.core.backend.Backends;
import org.rnn4j.models.forecast.ForecastReport;
import org.rnn4j.models.forecast.ForecastSettings;
import org.rnn4j.models.forecast.Forecaster;
import org.rnn4j.models.forecast.MissingValues;
import org.rnn4j.models.forecast.SeriesCsv;
import org.rnn4j.models.forecast.SeriesTable;
import org.rnn4j.models.tagging.ConllFormat;
import org.rnn4j.models.tagging.ConllReader;
import org.rnn4j.models.tagging.TaggedSentence;
import org.rnn4j.models.tagging.Tagger;
import org.rnn4j.models.tagging.TaggerSettings;
import org.rnn4j.models.tagging.TaggingReport;

/** The README's tagger and forecaster examples, compiled and run by {@link ReadmeExamplesTest}. */
final class TaskExamples {

    private TaskExamples() {
    }

    static List<String> tag(Path trainFile, Path devFile, Path modelDir) throws IOException {
        // README:tagger
        Backend backend = Backends.discover().select();
        List<TaggedSentence> train = ConllReader.read(trainFile, ConllFormat.CONLL, null);   // word<TAB>tag lines
        List<TaggedSentence> dev = ConllReader.read(devFile, ConllFormat.CONLL, null);
        TaggerSettings settings = TaggerSettings.defaults().withEmbedding(32).withHidden(32).withEpochs(5);
        try (Tagger tagger = Tagger.train(train, dev, settings, backend)) {
            TaggingReport report = tagger.evaluate(dev);
            System.out.printf("accuracy %.2f%%, entity F1 %.2f%%%n", 100 * report.accuracy(),
                    100 * report.entities().overall().f1());
            tagger.save(modelDir);
        }
        try (Tagger tagger = Tagger.load(modelDir, backend)) {
            return tagger.predict(List.of("Jon", "and", "Antonia", "gave", "deep", "learning", "lectures"));
        }
        // README:end
    }

    static float[] forecast(Path csv) throws IOException {
        // README:forecaster
        Backend backend = Backends.discover().select();
        SeriesTable temps = SeriesCsv.read(csv, "Temp", "Date", List.of(), MissingValues.REFUSE);
        ForecastSettings settings = ForecastSettings.of(30, 1).withTestRows(60).withBudget(3, null, 0);
        try (Forecaster forecaster = Forecaster.train(temps, settings, backend)) {
            ForecastReport r = forecaster.evaluate(temps);
            System.out.printf("RMSE %.3f, persistence %.3f, seasonal naive %.3f%n", r.model().rmse(),
                    r.persistence().rmse(), r.seasonal().rmse());
            return forecaster.forecast(temps);                 // tomorrow's minimum temperature
        }
        // README:end
    }
}
