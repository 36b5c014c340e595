package org.rnn4j.models.forecast;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.RuntimeJsonMappingException;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.rnn4j.models.data.DataFileException;

/**
 * Reads a time series from a CSV file with a header row (Jackson's CSV parser: quoting, CRLF,
 * a missing final newline are all fine), strictly: a column that does not exist, a cell that is
 * not a number, a row with too few cells, each is a {@link DataFileException} with the file and
 * line. Empty cells and {@code NA}, {@code NaN}, {@code null}, {@code ?} are missing values:
 * refused with their lines unless {@link MissingValues} says how to fill them.
 *
 * <pre>{@code
 * SeriesTable melbourne = SeriesCsv.read(Path.of("daily-min-temperatures.csv"), "Temp", "Date", List.of(),
 *         MissingValues.REFUSE);
 * }</pre>
 */
public final class SeriesCsv {

    private static final Set<String> MISSING = Set.of("", "na", "nan", "null", "?", "n/a");

    private SeriesCsv() {
    }

    /**
     * The target column, then the feature columns, of {@code file}, in file order.
     *
     * @param date the date column, or null
     * @throws DataFileException naming the file and line of the first problem
     */
    public static SeriesTable read(Path file, String target, String date, List<String> features, MissingValues fill)
            throws IOException {
        Reader in = new java.io.InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT));
        try (in) {
            return read(in, file, target, date, features, fill);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new DataFileException(file, 0, "is not valid UTF-8");
        }
    }

    /** Reads from an open reader; {@code file} only names the source in messages. */
    public static SeriesTable read(Reader in, Path file, String target, String date, List<String> features,
                                   MissingValues fill) throws IOException {
        if (target == null || target.isBlank()) {
            throw new IllegalArgumentException("name the target column");
        }
        List<String[]> rows = new ArrayList<>();
        CsvMapper mapper = new CsvMapper();
        mapper.enable(CsvParser.Feature.WRAP_AS_ARRAY).enable(CsvParser.Feature.TRIM_SPACES);
        try (MappingIterator<String[]> it = mapper.readerFor(String[].class).readValues(in)) {
            while (it.hasNext()) {
                rows.add(it.next());
            }
        } catch (JsonProcessingException | RuntimeJsonMappingException e) {
            String where = e instanceof JsonProcessingException j && j.getLocation() != null
                    ? " near line " + j.getLocation().getLineNr() : "";
            throw new DataFileException(file, 0, "is not valid CSV" + where + ": " + e.getMessage().lines().findFirst()
                    .orElse(""));
        }
        if (rows.isEmpty()) {
            throw new DataFileException(file, 0, "is empty; expected a header row and data rows");
        }
        String[] header = rows.get(0);
        List<String> wanted = new ArrayList<>();
        wanted.add(target);
        wanted.addAll(features == null ? List.of() : features);
        int[] index = new int[wanted.size()];
        for (int c = 0; c < index.length; c++) {
            index[c] = column(header, wanted.get(c), file);
            if (wanted.subList(0, c).contains(wanted.get(c))) {
                throw new IllegalArgumentException("column '" + wanted.get(c) + "' is named twice");
            }
        }
        int dateIndex = date == null ? -1 : column(header, date, file);
        List<float[]> values = new ArrayList<>();
        List<String> dates = dateIndex < 0 ? null : new ArrayList<>();
        List<long[]> missing = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            String[] row = rows.get(r);
            long line = r + 1L;   // the header is line 1; quoted line breaks inside cells are not expected here
            if (row.length == 0 || row.length == 1 && row[0].isBlank()) {
                continue;
            }
            float[] v = new float[index.length];
            for (int c = 0; c < index.length; c++) {
                if (index[c] >= row.length) {
                    throw new DataFileException(file, line, "has " + row.length + " cells, so no column '"
                            + wanted.get(c) + "' (column " + (index[c] + 1) + " of the header)");
                }
                String cell = row[index[c]];
                if (MISSING.contains(cell.toLowerCase(Locale.ROOT))) {
                    v[c] = Float.NaN;
                    missing.add(new long[] {line, c, values.size()});
                    continue;
                }
                try {
                    v[c] = Float.parseFloat(cell);
                } catch (NumberFormatException e) {
                    throw new DataFileException(file, line, "column '" + wanted.get(c) + "' holds '" + cell
                            + "', which is not a number");
                }
                if (!Float.isFinite(v[c])) {
                    throw new DataFileException(file, line, "column '" + wanted.get(c) + "' holds '" + cell
                            + "', which is not a finite number");
                }
            }
            if (dates != null) {
                if (dateIndex >= row.length) {
                    throw new DataFileException(file, line, "has no date (column '" + date + "')");
                }
                dates.add(row[dateIndex]);
            }
            values.add(v);
        }
        if (values.isEmpty()) {
            throw new DataFileException(file, 0, "has a header but no data rows");
        }
        float[][] table = values.toArray(new float[0][]);
        if (!missing.isEmpty()) {
            if (fill == null || fill == MissingValues.REFUSE) {
                StringBuilder s = new StringBuilder();
                for (int i = 0; i < Math.min(10, missing.size()); i++) {
                    s.append(i == 0 ? "" : ", ").append(missing.get(i)[0]).append(" (")
                            .append(wanted.get((int) missing.get(i)[1])).append(')');
                }
                throw new DataFileException(file, missing.get(0)[0], missing.size() + " missing value"
                        + (missing.size() == 1 ? "" : "s") + ", on line" + (missing.size() == 1 ? " " : "s ") + s
                        + (missing.size() > 10 ? " and more" : "") + "; fill them with --fill previous or"
                        + " --fill interpolate, or remove those rows");
            }
            for (int c = 0; c < index.length; c++) {
                fillColumn(table, c, fill, file, wanted.get(c));
            }
        }
        return new SeriesTable(wanted, table, dates == null ? null : header[dateIndex], dates, file.toString());
    }

    private static int column(String[] header, String name, Path file) throws DataFileException {
        for (int i = 0; i < header.length; i++) {
            if (header[i].equals(name)) {
                return i;
            }
        }
        for (int i = 0; i < header.length; i++) {
            if (header[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        throw new DataFileException(file, 1, "no column '" + name + "'; the header has: " + String.join(", ", header));
    }

    private static void fillColumn(float[][] t, int c, MissingValues fill, Path file, String name)
            throws DataFileException {
        int first = -1;
        for (int r = 0; r < t.length; r++) {
            if (!Float.isNaN(t[r][c])) {
                first = r;
                break;
            }
        }
        if (first < 0) {
            throw new DataFileException(file, 0, "column '" + name + "' has no values at all");
        }
        for (int r = 0; r < first; r++) {
            t[r][c] = t[first][c];
        }
        int last = first;
        for (int r = first + 1; r < t.length; r++) {
            if (Float.isNaN(t[r][c])) {
                continue;
            }
            for (int k = last + 1; k < r; k++) {
                t[k][c] = fill == MissingValues.PREVIOUS ? t[last][c]
                        : t[last][c] + (t[r][c] - t[last][c]) * (k - last) / (r - last);
            }
            last = r;
        }
        for (int r = last + 1; r < t.length; r++) {
            t[r][c] = t[last][c];
        }
    }
}
