package org.deepspt.cli;

import org.deepspt.io.CommandLineTerms;

/**
 * Rewrites the library's hints in an error message into the CLI's terms: a message from the readers says
 * {@code use NonFinitePolicy.DROP_TRACK} or {@code map another column with ReadOptions.column("particle",
 * header)}, which a CLI user cannot type; the CLI prints {@code use --non-finite DROP_TRACK} and
 * {@code map another column with --column particle=HEADER} instead ({@link CommandLineTerms}, shared with the
 * Spark job).
 */
final class CliTerms {
    private CliTerms() {
    }

    /** @param message a library message @return the same message with the library's hints as CLI options */
    static String of(String message) {
        return CommandLineTerms.of(message);
    }
}
