package org.rnn4j.cli;

import picocli.CommandLine;

/** The version shown by {@code rnn4j --version}: the jar's, and the JVM it runs on. */
final class Version implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = Rnn4jCli.class.getPackage().getImplementationVersion();
        return new String[] {"rnn4j " + (version == null ? "0.1.0-SNAPSHOT" : version),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vm.name") + ")"};
    }
}
