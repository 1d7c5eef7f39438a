package org.deepspt.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The readers' library hints become the command-line options a user can type. */
class CommandLineTermsTest {
    @Test
    void libraryHintsBecomeOptions() {
        assertEquals("use --non-finite DROP_TRACK to drop such tracks",
                CommandLineTerms.of("use NonFinitePolicy.DROP_TRACK to drop such tracks"));
        assertEquals("map another column with --column particle=HEADER",
                CommandLineTerms.of("map another column with ReadOptions.column(\"particle\", header)"));
        assertEquals("cannot detect the format; force it with --format or map columns with --column ROLE=HEADER",
                CommandLineTerms.of("cannot detect the format; force it with ReadOptions.format or map columns with "
                        + "ReadOptions.column"));
    }
}
