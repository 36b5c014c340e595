package org.rnn4j.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code rnn4j} command: character language models end to end.
 *
 * <pre>{@code
 * ./rnn4j train                                   # a minute on the bundled Shakespeare, then a sample
 * ./rnn4j sample --model out/shakespeare.model --temperature 0.8
 * ./rnn4j eval --model out/shakespeare.model --text other.txt
 * ./rnn4j tag train --train en_ewt-ud-train.conllu --dev en_ewt-ud-dev.conllu
 * ./rnn4j forecast train --csv temps.csv --target Temp --date Date --window 30 --horizon 1
 * ./rnn4j backends
 * }</pre>
 *
 * <p>Exit codes: 0 success; 1 a run failed (bad input file, unreadable model, divergence); 2 a
 * command line that makes no sense (unknown option, value out of range); 130 interrupted by
 * Ctrl-C after saving a final checkpoint.
 */
@Command(name = "rnn4j", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Recurrent neural networks for the JVM: character models, sequence tagging, forecasting.",
        subcommands = {TrainCommand.class, SampleCommand.class, EvalCommand.class, InfoCommand.class,
                TagCommand.class, ForecastCommand.class, BackendsCommand.class, CommandLine.HelpCommand.class})
public final class Rnn4jCli implements Runnable {

    /** Exit code of a run that failed on its input or its computation. */
    public static final int FAILED = 1;
    /** Exit code of a command line that makes no sense. */
    public static final int USAGE = 2;
    /** Exit code after Ctrl-C, once the final checkpoint is written. */
    public static final int INTERRUPTED = 130;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "choose a command: train, sample, eval, info, tag,"
                + " forecast or backends (rnn4j --help lists them)");
    }

    /** Runs the command line and exits with its code. */
    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code (used by tests). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new Rnn4jCli());
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("error: " + Errors.describe(e));
            commandLine.getErr().flush();
            return e instanceof CommandLine.ParameterException ? USAGE : FAILED;
        });
        cli.setParameterExceptionHandler((e, args1) -> {
            CommandLine c = e.getCommandLine();
            String message = e.getMessage() == null ? "invalid command line" : e.getMessage();
            // picocli prefixes some of its own messages with "Error: "; say it once.
            c.getErr().println("error: " + (message.startsWith("Error: ") ? message.substring(7) : message));
            c.getErr().println("see '" + c.getCommandSpec().qualifiedName() + " --help'");
            c.getErr().flush();
            return USAGE;
        });
        return cli.execute(args);
    }
}
