package org.rnn4j.cli;

import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/**
 * The checks every {@code --resume} of a training command makes before it loads anything: no
 * option that would change the saved model or data is given again, {@code --epochs} counts
 * epochs beyond those done, and {@code --time} parses.
 *
 * <pre>{@code
 * Duration budget = ResumeOptions.check(spec, FIXED_ON_RESUME, "the settings it was saved with",
 *         "--train, --dev, --out, --epochs, --time", epochs, time);
 * }</pre>
 */
final class ResumeOptions {

    private ResumeOptions() {
    }

    /**
     * @param fixed   options that cannot change on resume
     * @param keeps   what the resumed run keeps, for the message ("the settings it was saved with")
     * @param applies the options that do apply, for the message
     * @return the time budget, null when {@code time} is null
     */
    static Duration check(CommandSpec spec, List<String> fixed, String keeps, String applies, Integer epochs,
                          String time) {
        for (String option : fixed) {
            if (spec.commandLine().getParseResult().hasMatchedOption(option)) {
                throw new ParameterException(spec.commandLine(), option + " cannot change when resuming: the run"
                        + " continues with " + keeps + "; drop it (only " + applies + " and the backend options apply)");
            }
        }
        if (epochs != null && epochs < 1) {
            throw new ParameterException(spec.commandLine(),
                    "--epochs must be >= 1 (epochs beyond those done), got " + epochs);
        }
        try {
            return Durations.parse("--time", time);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
