package org.deepspt.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.deepspt.api.InputFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The readers' library hints become the command-line options a user can type. */
class CommandLineTermsTest {
    @Test
    void libraryHintsBecomeOptions() {
        assertEquals("use --non-finite DROP_TRACK to drop such tracks",
                CommandLineTerms.of("use NonFinitePolicy.DROP_TRACK to drop such tracks"));
        assertEquals("map another column with --column particle=HEADER",
                CommandLineTerms.of("map another column with ReadOptions.column(\"particle\", header)"));
    }

    /**
     * A column's term carries its role: the options say it where the message names one ({@code --column
     * particle=HEADER}, in both tools), and {@code ROLE} where it names none (before: regular expressions over the
     * prose rewrote {@code ReadOptions.column("particle", header)}, and a {@code replace} of one whole sentence the
     * role-less one and {@code ReadOptions.format}).
     */
    @Test
    void aColumnIsTheOptionWithItsRole() {
        for (String role : ReadOptions.ROLES) {
            assertEquals("map another column with --column " + role + "=HEADER",
                    CommandLineTerms.cli("map another column with " + ReadTerm.column(role)), role);
            assertEquals("map another column with --column " + role + "=HEADER",
                    CommandLineTerms.of("map another column with " + ReadTerm.column(role)), role);
        }
        assertEquals("--column x=HEADER or --column frame=HEADER",
                CommandLineTerms.cli(ReadTerm.column("x") + " or " + ReadTerm.column("frame")));
        assertEquals("cannot detect the format; force it with --format or map columns with --column ROLE=HEADER",
                CommandLineTerms.cli("cannot detect the format; force it with " + ReadTerm.FORMAT
                        + " or map columns with " + ReadTerm.COLUMN));
        assertEquals("ReadOptions.column(\"particle\", header)", ReadTerm.column("particle"));
        assertThrows(IllegalArgumentException.class, () -> ReadTerm.column("colour"));
    }

    /** The readers' messages come out in the CLI's words: a missing column and an undetectable format. */
    @Test
    void theReadersColumnAndFormatHintsAreTheClisOptions(@TempDir Path dir) throws java.io.IOException {
        InputFormatException missing = assertThrows(InputFormatException.class, () -> TrackReaders.read(
                new java.io.StringReader("x,y,particle\n1,2,a\n"), "t.csv", TrackFormat.DEEPSPT_CSV,
                ReadOptions.defaults()));
        assertTrue(CommandLineTerms.cli(missing.getMessage()).endsWith(
                "map another column with --column frame=HEADER"), missing.getMessage());
        Path odd = Files.writeString(dir.resolve("odd.csv"), "a,b,c\n1,2,3\n");
        InputFormatException undetected = assertThrows(InputFormatException.class,
                () -> TrackReaders.read(odd, ReadOptions.defaults()));
        assertTrue(CommandLineTerms.cli(undetected.getMessage()).endsWith(
                "; force it with --format or map columns with --column ROLE=HEADER"), undetected.getMessage());
    }

    /** Every term of the library comes out as the CLI's option, in a message as the readers build it. */
    @Test
    void everyTermIsTheClisOption() {
        assertEquals("--frame-interval 0.1 s conflicts with the file's frame interval 0.05 s (file timeinterval); "
                + "--frame-interval is used", CommandLineTerms.cli(ReadTerm.FRAME_INTERVAL + " 0.1 s conflicts with "
                + "the file's frame interval 0.05 s (file timeinterval); " + ReadTerm.FRAME_INTERVAL + " is used"));
        assertEquals("give the pixel size in µm (--pixel-size)",
                CommandLineTerms.cli("give the pixel size in µm (" + ReadTerm.PIXEL_SIZE + ")"));
        assertEquals("1 track is not in FilteredTracks and not read (--all-tracks reads them): Track_1",
                CommandLineTerms.cli("1 track is not in FilteredTracks and not read ("
                        + ReadTerm.INCLUDE_FILTERED_OUT + " reads them): Track_1"));
        assertEquals("read it with --branches SPLIT or --branches LONGEST",
                CommandLineTerms.cli("read it with " + ReadTerm.BRANCHES_SPLIT + " or " + ReadTerm.BRANCHES_LONGEST));
        assertEquals("use --non-finite DROP_TRACK to drop such tracks",
                CommandLineTerms.cli("use " + ReadTerm.NON_FINITE_DROP_TRACK + " to drop such tracks"));
        for (ReadTerm t : ReadTerm.values()) {
            String cli = CommandLineTerms.cli("x " + t + " y");
            assertEquals("x " + CommandLineTerms.option(t) + " y", cli);
            assertTrue(CommandLineTerms.option(t).startsWith("--"), t.name());
        }
    }

    /**
     * The Spark job names the options it shares with the CLI, and leaves the TrackMate settings it has no option for
     * (it reads tables) in the library's words.
     */
    @Test
    void sparkNamesOnlyTheOptionsItHas() {
        assertEquals("--pixel-size 0.2 µm/px conflicts",
                CommandLineTerms.of(ReadTerm.PIXEL_SIZE + " 0.2 µm/px conflicts"));
        assertEquals("give --frame-interval", CommandLineTerms.of("give " + ReadTerm.FRAME_INTERVAL));
        assertEquals("(ReadOptions.includeFilteredOut reads them)",
                CommandLineTerms.of("(" + ReadTerm.INCLUDE_FILTERED_OUT + " reads them)"));
        assertEquals("read it with BranchPolicy.SPLIT", CommandLineTerms.of("read it with " + ReadTerm.BRANCHES_SPLIT));
        assertEquals("force it with ReadOptions.format", CommandLineTerms.of("force it with " + ReadTerm.FORMAT));
        assertEquals("map columns with --column ROLE=HEADER", CommandLineTerms.of("map columns with "
                + ReadTerm.COLUMN));
        for (ReadTerm t : ReadTerm.values()) {
            assertEquals(CommandLineTerms.shared(t), !CommandLineTerms.of(t.library()).equals(t.library()), t.name());
        }
        assertFalse(CommandLineTerms.shared(ReadTerm.INCLUDE_FILTERED_OUT));
    }
}
