package org.rnn4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Every command's help renders cleanly: picocli formats descriptions with String.format, so a
 * bare '%' (as in "10% of --lr") makes it print a warning to standard error on every --help.
 */
class CliHelpTest {

    @Test
    void everyCommandsHelpRendersWithoutPicocliWarnings() {
        List<CommandLine> all = new ArrayList<>();
        collect(new CommandLine(new Rnn4jCli()), all);
        assertThat(all).hasSizeGreaterThan(8);
        PrintStream original = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        StringBuilder help = new StringBuilder();
        try {
            System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
            for (CommandLine c : all) {
                help.append(c.getUsageMessage());
            }
        } finally {
            System.setErr(original);
        }
        assertThat(captured.toString(StandardCharsets.UTF_8)).as("standard error while rendering help").isEmpty();
        assertThat(help.toString()).contains("to 10% of --lr").contains("(default 20%)")
                .doesNotContain("%%");
    }

    private static void collect(CommandLine c, List<CommandLine> into) {
        into.add(c);
        for (CommandLine sub : c.getSubcommands().values()) {
            collect(sub, into);
        }
    }
}
