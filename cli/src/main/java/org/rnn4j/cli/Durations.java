package org.rnn4j.cli;

import java.time.Duration;
import java.util.Locale;

/** Budgets such as {@code 90s}, {@code 5m}, {@code 1h}, as every training command takes them. */
final class Durations {

    private Durations() {
    }

    /** The duration, or null for null; throws IllegalArgumentException with the flag's name. */
    static Duration parse(String flag, String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        try {
            long amount = Long.parseLong(t.substring(0, t.length() - 1));
            Duration d = switch (t.charAt(t.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> throw new NumberFormatException();
            };
            if (d.isZero() || d.isNegative()) {
                throw new NumberFormatException();
            }
            return d;
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(flag + " must be a positive duration such as 90s, 5m or 1h, got '"
                    + text + "'", e);
        }
    }
}
