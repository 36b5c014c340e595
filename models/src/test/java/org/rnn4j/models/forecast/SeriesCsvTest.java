package org.rnn4j.models.forecast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rnn4j.models.data.DataFileException;

/** CSV series: the real files' quirks read right, bad cells refused with their line. */
class SeriesCsvTest {

    @TempDir
    Path tmp;

    static Path resource(Path dir, String name) throws IOException {
        Path p = dir.resolve(name);
        Files.copy(SeriesCsvTest.class.getResourceAsStream("/forecast/" + name), p);
        return p;
    }

    @Test
    void readsMelbourneWithQuotesCrlfAndNoFinalNewline() throws IOException {
        SeriesTable t = SeriesCsv.read(resource(tmp, "melbourne-1981.csv"), "Temp", "Date", List.of(),
                MissingValues.REFUSE);
        assertThat(t.rows()).isEqualTo(400);
        assertThat(t.value(0, 0)).isEqualTo(20.7f);
        assertThat(t.value(399, 0)).isEqualTo(15.1f);
        assertThat(t.dates().get(0)).isEqualTo("1981-01-01");
        assertThat(t.columns()).containsExactly("Temp");
    }

    @Test
    void readsSeattleFeaturesInTheOrderAsked() throws IOException {
        SeriesTable t = SeriesCsv.read(resource(tmp, "seattle-2012.csv"), "temp_max", "date",
                List.of("precipitation", "wind"), MissingValues.REFUSE);
        assertThat(t.columns()).containsExactly("temp_max", "precipitation", "wind");
        assertThat(t.values()[1]).containsExactly(10.6f, 10.9f, 4.5f);
    }

    private DataFileException fails(String csv, String target, List<String> features) throws IOException {
        Path f = tmp.resolve("bad.csv");
        Files.writeString(f, csv);
        try {
            SeriesCsv.read(f, target, "date", features, MissingValues.REFUSE);
        } catch (DataFileException e) {
            return e;
        }
        throw new AssertionError("no error for " + csv);
    }

    @Test
    void badInputIsRefusedWithFileAndLine() throws IOException {
        String head = "date,temp,wind\n";
        assertThat(fails(head + "2020-01-01,1,2\n", "tmp", List.of()).getMessage())
                .endsWith("bad.csv:1: no column 'tmp'; the header has: date, temp, wind");
        assertThat(fails(head + "2020-01-01,1,2\n", "temp", List.of("gust")).getMessage())
                .contains("no column 'gust'");
        assertThat(fails(head + "2020-01-01,1,2\n2020-01-02,warm,2\n", "temp", List.of()).getMessage())
                .endsWith("bad.csv:3: column 'temp' holds 'warm', which is not a number");
        DataFileException missing = fails(head + "2020-01-01,1,2\n2020-01-02,,2\n2020-01-03,NA,2\n2020-01-04,4,\n",
                "temp", List.of("wind"));
        assertThat(missing.getMessage()).contains("bad.csv:3: 3 missing values, on lines 3 (temp), 4 (temp), 5 (wind)")
                .contains("--fill previous");
        assertThat(fails(head + "2020-01-01,1\n", "temp", List.of("wind")).getMessage())
                .contains("bad.csv:2: has 2 cells, so no column 'wind'");
        assertThat(fails("", "temp", List.of()).getMessage()).contains("is empty");
        assertThat(fails(head, "temp", List.of()).getMessage()).contains("has a header but no data rows");
    }

    @Test
    void missingValuesAreFilledOnlyWhenAsked() throws IOException {
        Path f = tmp.resolve("gaps.csv");
        Files.writeString(f, "t,y\n1,NA\n2,2\n3,\n4,\n5,8\n6,?\n");
        assertThat(SeriesCsv.read(f, "y", null, null, MissingValues.PREVIOUS).target())
                .containsExactly(2, 2, 2, 2, 8, 8);
        assertThat(SeriesCsv.read(f, "y", null, null, MissingValues.INTERPOLATE).target())
                .containsExactly(2, 2, 4, 6, 8, 8);
        assertThatThrownBy(() -> SeriesCsv.read(f, "y", null, null, MissingValues.REFUSE))
                .hasMessageContaining("gaps.csv:2: 4 missing values, on lines 2 (y), 4 (y), 5 (y), 7 (y)");
    }

    @Test
    void scalerAndSplitUseOnlyTheTrainingRows() {
        float[][] v = {{1}, {3}, {1}, {3}, {100}, {200}};
        ChronologicalSplit split = ChronologicalSplit.lastRows(6, 1, 1);
        assertThat(split.trainEnd()).isEqualTo(4);
        Scaler s = Scaler.fit(v, split.trainEnd());
        assertThat(s.mean()).containsExactly(2f);
        assertThat(s.std()).containsExactly(1f);
        assertThat(s.unscale(s.scale(100, 0), 0)).isEqualTo(100f);
        assertThatThrownBy(() -> ChronologicalSplit.lastRows(6, 4, 2)).hasMessageContaining("too few");
    }
}
