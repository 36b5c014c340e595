package org.rnn4j.models.forecast;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * What the date column says about a series: the step between rows (for the seasonal-naive
 * season and for dating forecasts) and each row's day of the year (as calendar inputs). Only
 * ISO dates ({@code 2012-01-31}) and date-times ({@code 2012-01-31T06:00} or with a space) are
 * understood; anything else simply gives no calendar.
 *
 * <pre>{@code
 * Calendar c = Calendar.of(table.dates());          // null when the dates are not ISO
 * int season = c.defaultSeason();                     // 365 for daily data
 * }</pre>
 *
 * @param times one per row
 * @param step  the most common spacing between consecutive rows
 */
record Calendar(List<LocalDateTime> times, Duration step) {

    /** The calendar of {@code dates}, or null when they are absent or not ISO. */
    static Calendar of(List<String> dates) {
        if (dates == null || dates.size() < 2) {
            return null;
        }
        try {
            List<LocalDateTime> t = dates.stream().map(Calendar::parse).toList();
            java.util.Map<Duration, Integer> counts = new java.util.HashMap<>();
            for (int i = 1; i < t.size(); i++) {
                counts.merge(Duration.between(t.get(i - 1), t.get(i)), 1, Integer::sum);
            }
            Duration step = counts.entrySet().stream().max(java.util.Map.Entry.comparingByValue()).get().getKey();
            return step.isNegative() || step.isZero() ? null : new Calendar(t, step);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalDateTime parse(String s) {
        String v = s.trim().replace(' ', 'T');
        return v.length() <= 10 ? LocalDate.parse(v).atStartOfDay() : LocalDateTime.parse(v);
    }

    /** A year in steps for daily data (365), a day for hourly (24), a week for ... else 0. */
    int defaultSeason() {
        long hours = step.toHours();
        if (hours == 24) {
            return 365;
        }
        if (hours == 1) {
            return 24;
        }
        if (hours == 24 * 7) {
            return 52;
        }
        long days = step.toDays();
        return days >= 28 && days <= 31 ? 12 : 0;
    }

    /** Whether a day-of-year input means anything (steps shorter than a year). */
    boolean yearly() {
        return step.toDays() < 365;
    }

    /** The position in the year of row {@code i}, in [0, 1). */
    double yearFraction(int i) {
        LocalDateTime t = times.get(i);
        return (t.getDayOfYear() - 1 + t.getHour() / 24.0) / 365.25;
    }

    /** The date after the last row, {@code k} steps on, in the input's style. */
    String after(int k, boolean withTime) {
        LocalDateTime t = times.get(times.size() - 1).plus(step.multipliedBy(k));
        return withTime ? t.toString() : t.toLocalDate().toString();
    }
}
