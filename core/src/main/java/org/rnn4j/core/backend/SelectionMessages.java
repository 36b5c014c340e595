package org.rnn4j.core.backend;

import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.rnn4j.api.backend.BackendProvider;

/**
 * The wording of every selection error and log line, kept in one place so that they stay
 * consistent: what was asked, what is wrong, what to do instead.
 */
final class SelectionMessages {

    private static final String HOW_TO_CHOOSE = "-D" + Backends.PROPERTY
            + "=<name> (CLI: --backend <name>)";

    private SelectionMessages() {
    }

    static String unknown(String requested, List<Candidate> candidates, List<BrokenProvider> broken) {
        if (candidates.isEmpty()) {
            return "unknown backend '" + requested + "': no backends were found" + brokenSuffix(broken)
                    + "; put rnn4j-core (backend 'reference') or a backend module on the class path";
        }
        return "unknown backend '" + requested + "'; known backends: " + namesAlphabetically(candidates)
                + "; use one of them or '" + Backends.AUTO + "'" + brokenSuffix(broken);
    }

    static String brokenByName(String requested, BrokenProvider broken, List<Candidate> candidates) {
        return "backend '" + requested + "' is unavailable: its provider " + broken.provider()
                + " failed: " + broken.reason() + "; other backends: " + withAvailability(candidates, null)
                + "; choose an available one or '" + Backends.AUTO + "' with " + HOW_TO_CHOOSE;
    }

    static String unavailable(Candidate chosen, List<Candidate> candidates) {
        return "backend '" + chosen.name + "' is unavailable: " + chosen.availability().reason()
                + "; other backends: " + withAvailability(candidates, chosen)
                + "; choose an available one or '" + Backends.AUTO + "' with " + HOW_TO_CHOOSE;
    }

    static String noneAvailable(List<Candidate> candidates, List<BrokenProvider> broken) {
        if (candidates.isEmpty()) {
            return "no backend is available: ServiceLoader found no " + BackendProvider.class.getName()
                    + brokenSuffix(broken)
                    + "; put rnn4j-core (backend 'reference') or a backend module on the class path";
        }
        String reasons = candidates.stream()
                .map(c -> c.name + ": " + c.availability().reason())
                .collect(Collectors.joining("; "));
        return "no backend is available (" + reasons + ")" + brokenSuffix(broken)
                + "; fix one of them as its reason says";
    }

    static String creationFailed(Candidate chosen, Throwable cause, List<Candidate> candidates) {
        String others = candidates.stream().filter(c -> c != chosen).map(c -> c.name)
                .sorted().collect(Collectors.joining(", "));
        return "backend '" + chosen.name + "' could not be created although its probe said available: "
                + Failures.describe(cause)
                + (others.isEmpty() ? "" : "; to use another backend (" + others + "), choose it with "
                        + HOW_TO_CHOOSE);
    }

    static String autoChose(Candidate chosen, List<Candidate> passedOver) {
        StringBuilder line = new StringBuilder("rnn4j backend '").append(chosen.name)
                .append("' chosen automatically (priority ").append(chosen.priority).append(')');
        if (!passedOver.isEmpty()) {
            line.append("; passed over: ").append(passedOver.stream()
                    .map(c -> c.name + " (priority " + c.priority + "): " + c.availability().reason())
                    .collect(Collectors.joining("; ")));
        }
        return line.toString();
    }

    static String namedChose(Candidate chosen) {
        return "rnn4j backend '" + chosen.name + "' selected by name (priority " + chosen.priority + ")";
    }

    static String namesAlphabetically(List<Candidate> candidates) {
        return candidates.stream().map(c -> c.name)
                .sorted(Comparator.naturalOrder()).collect(Collectors.joining(", "));
    }

    private static String withAvailability(List<Candidate> candidates, Candidate except) {
        String others = candidates.stream().filter(c -> c != except)
                .map(c -> c.name + " (" + c.availability() + ")")
                .collect(Collectors.joining(", "));
        return others.isEmpty() ? "none" : others;
    }

    private static String brokenSuffix(List<BrokenProvider> broken) {
        if (broken.isEmpty()) {
            return "";
        }
        return " (skipped broken providers: " + broken.stream().map(BrokenProvider::toString)
                .collect(Collectors.joining("; ")) + ")";
    }
}
