package org.rnn4j.cli;

import com.google.inject.Guice;
import org.rnn4j.api.backend.Backend;
import org.rnn4j.core.inject.Rnn4jModule;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --backend} and {@code --threads}, shared by every command that computes. They mean
 * exactly what the system properties {@code rnn4j.backend} and {@code rnn4j.threads} mean to a
 * library user (the flag wins over the property), and leave the JVM's properties as they found
 * them.
 */
final class BackendOptions {

    @Option(names = "--backend", paramLabel = "NAME",
            description = "backend: auto (default: the fastest available), cpu-simd, cuda, reference")
    String backend;

    /** The command this mixin belongs to, for usage errors (exit code 2) that name it. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    Integer threads;

    @Option(names = "--threads", paramLabel = "N", description = "compute threads (default: all cores)")
    void threads(int value) {
        if (value < 1) {
            throw new ParameterException(command.commandLine(), "--threads must be >= 1, got " + value);
        }
        threads = value;
    }

    /** Applies the flags and returns the selected backend (the caller closes it). */
    Backend select() {
        String previousThreads = System.getProperty(THREADS);
        if (threads != null) {
            // Backends read their thread count when they are created; restore the property after.
            System.setProperty(THREADS, Integer.toString(threads));
        }
        try {
            return Guice.createInjector(new Rnn4jModule(backend)).getInstance(Backend.class);
        } catch (com.google.inject.ProvisionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new UserError(Errors.describe(cause), cause);
        } finally {
            if (threads != null) {
                if (previousThreads == null) {
                    System.clearProperty(THREADS);
                } else {
                    System.setProperty(THREADS, previousThreads);
                }
            }
        }
    }

    private static final String THREADS = "rnn4j.threads";
}
