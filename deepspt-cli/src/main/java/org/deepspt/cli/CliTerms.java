package org.deepspt.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the library's hints in an error message into the CLI's terms: a message from the readers says
 * {@code use NonFinitePolicy.DROP_TRACK} or {@code map another column with ReadOptions.column("particle",
 * header)}, which a CLI user cannot type; the CLI prints {@code use --non-finite DROP_TRACK} and
 * {@code map another column with --column particle=HEADER} instead.
 */
final class CliTerms {
    private static final Pattern COLUMN = Pattern.compile("ReadOptions\\.column\\(\"([a-z]+)\", header\\)");
    private static final Pattern POLICY = Pattern.compile("NonFinitePolicy\\.([A-Z_]+)");

    private CliTerms() {
    }

    /** @param message a library message @return the same message with the library's hints as CLI options */
    static String of(String message) {
        Matcher c = COLUMN.matcher(message);
        String s = c.replaceAll("--column $1=HEADER");
        Matcher p = POLICY.matcher(s);
        return p.replaceAll("--non-finite $1");
    }
}
