package org.deepspt.cli;

import org.deepspt.io.CommandLineTerms;

/**
 * The library's messages in the CLI's terms: a reader names a setting as the Java API that sets it
 * ({@link org.deepspt.io.ReadTerm}: {@code ReadOptions.frameInterval 0.1 s conflicts with …}, {@code use
 * NonFinitePolicy.DROP_TRACK}, {@code map another column with ReadOptions.column("particle", header)}), which a CLI
 * user cannot type; the CLI prints {@code --frame-interval 0.1 s conflicts with …}, {@code use --non-finite
 * DROP_TRACK} and {@code map another column with --column particle=HEADER} instead ({@link CommandLineTerms#cli},
 * whose options the Spark job shares). Applied where the library's words reach the user: to the tracks read, once
 * ({@link InputOptions#read}: their issues, in the error reports and report.html, and their calibration), to the
 * calibration lines on stderr, and to the error line ({@link Main}).
 */
final class CliTerms {
    private CliTerms() {
    }

    /** @param message a library message @return the same message with the library's terms as CLI options */
    static String of(String message) {
        return CommandLineTerms.cli(message);
    }
}
