package org.rnn4j.core.backend;

import java.util.List;

/**
 * Renders the human-readable listing behind {@link Backends#report()}: one aligned row per
 * backend, highest priority first, the one {@code auto} picks marked with {@code *}.
 */
final class Report {

    private Report() {
    }

    static String render(List<BackendInfo> infos, List<BrokenProvider> broken, String autoChoice,
                         String property, String propertyOutcome) {
        StringBuilder out = new StringBuilder();
        if (infos.isEmpty()) {
            out.append("no rnn4j backends found\n");
        } else {
            int nameWidth = "NAME".length();
            int descriptionWidth = "DESCRIPTION".length();
            for (BackendInfo info : infos) {
                nameWidth = Math.max(nameWidth, info.name().length());
                descriptionWidth = Math.max(descriptionWidth, info.description().length());
            }
            String row = "%s %-" + nameWidth + "s  %8s  %-" + descriptionWidth + "s  %s\n";
            out.append(String.format(row, " ", "NAME", "PRIORITY", "DESCRIPTION", "AVAILABILITY"));
            for (BackendInfo info : infos) {
                String marker = info.name().equals(autoChoice) ? "*" : " ";
                out.append(String.format(row, marker, info.name(), info.priority(), info.description(),
                        info.availability()));
            }
        }
        out.append(autoChoice == null ? "auto: no backend is available\n"
                : "* = chosen by auto: " + autoChoice + "\n");
        out.append(Backends.PROPERTY).append('=').append(property).append(" -> ")
                .append(propertyOutcome).append('\n');
        if (!broken.isEmpty()) {
            out.append("skipped providers:\n");
            for (BrokenProvider b : broken) {
                out.append("  ").append(b).append('\n');
            }
        }
        return out.toString();
    }
}
