package org.rnn4j.cli;

import java.util.concurrent.Callable;
import org.rnn4j.core.backend.Backends;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code rnn4j backends}: every backend found, its availability and reason, and auto's choice. */
@Command(name = "backends", mixinStandardHelpOptions = true,
        description = "List every backend found, whether it can run here (and why not), and which one auto picks.")
final class BackendsCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(Backends.discover().report());
        spec.commandLine().getOut().flush();
        return 0;
    }
}
