package org.rnn4j.models.forecast;

import java.util.Locale;

/**
 * What to do with empty or {@code NA} cells. Nothing is filled unless asked for: by default the
 * file is refused with the lines of the first missing cells.
 *
 * <pre>{@code
 * SeriesCsv.read(file, "pm2.5", "date", List.of("TEMP"), MissingValues.INTERPOLATE);
 * }</pre>
 */
public enum MissingValues {
    /** Refuse the file, naming the lines (default). */
    REFUSE,
    /** Carry the last value forward (a leading gap takes the first value). */
    PREVIOUS,
    /** Interpolate linearly between the neighbours (the ends take the nearest value). */
    INTERPOLATE;

    /** {@code refuse}, {@code previous} or {@code interpolate}, any case. */
    public static MissingValues parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("unknown way to fill missing values '" + name
                    + "'; expected refuse, previous or interpolate", e);
        }
    }
}
