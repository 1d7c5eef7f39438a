package org.deepspt.io;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the readers' hints in an error message into the options of the command-line tools that share them
 * (the CLI {@code deepspt} and the Spark job {@code deepspt-spark}): a reader says
 * {@code use NonFinitePolicy.DROP_TRACK} or {@code map another column with ReadOptions.column("particle", header)},
 * which a command-line user cannot type; the tools print {@code use --non-finite DROP_TRACK} and
 * {@code map another column with --column particle=HEADER} instead. One place, so that both tools say the same.
 */
public final class CommandLineTerms {
    private static final Pattern COLUMN = Pattern.compile("ReadOptions\\.column\\(\"([a-z]+)\", header\\)");
    private static final Pattern POLICY = Pattern.compile("NonFinitePolicy\\.([A-Z_]+)");

    private CommandLineTerms() {
    }

    /**
     * @param message a library message
     * @return the same message with the library's hints as command-line options
     */
    public static String of(String message) {
        Matcher c = COLUMN.matcher(message);
        String s = c.replaceAll("--column $1=HEADER");
        Matcher p = POLICY.matcher(s);
        return p.replaceAll("--non-finite $1")
                .replace("force it with ReadOptions.format or map columns with ReadOptions.column",
                        "force it with --format or map columns with --column ROLE=HEADER");
    }
}
