package org.deepspt.cli;

import static org.deepspt.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deepspt.io.CommandLineTerms;
import org.deepspt.io.ReadTerm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The library names its settings as its API ({@link ReadTerm}); the CLI says its options instead, in every output:
 * the stderr lines, the error line, the error report and report.html (before: the library wrote the CLI's options
 * itself, and the error report said "(--all-tracks or ReadOptions.includeFilteredOut reads them)").
 */
class CliTermsTest {
    @TempDir
    Path dir;

    /** Each term is an option (and value) that analyze, which reads every track format, takes. */
    @Test
    void everyTermIsAnOptionOfTheCli() {
        CommandLine analyze = new CommandLine(new Main()).getSubcommands().get("analyze");
        for (ReadTerm t : ReadTerm.values()) {
            String[] words = CliTerms.of("x " + t + " y").split(" ");
            assertEquals(CommandLineTerms.option(t), String.join(" ", java.util.Arrays.copyOfRange(words, 1,
                    words.length - 1)), t.name());
            CommandLine.Model.OptionSpec o = analyze.getCommandSpec().findOption(words[1]);
            assertNotNull(o, t + ": analyze has no " + words[1]);
            if (words.length > 3) {
                assertTrue(o.completionCandidates() == null || java.util.stream.StreamSupport.stream(
                        o.completionCandidates().spliterator(), false).anyMatch(words[2]::equals)
                        || o.type().isEnum() && java.util.Arrays.stream(o.type().getEnumConstants())
                                .anyMatch(v -> v.toString().equals(words[2])), t + ": " + words[2]);
            }
        }
    }

    /**
     * A missing column names the option that maps it, with its role, and an undetectable format the options that
     * force it and map columns, on the error line (before: the same words, by regular expressions over the prose in
     * CommandLineTerms and a {@code replace} of one whole sentence); {@code --column} takes what it says.
     */
    @Test
    void theColumnAndFormatHintsAreTheClisOptions() throws Exception {
        assertEquals("map another column with --column particle=HEADER",
                CliTerms.of("map another column with " + ReadTerm.column("particle")));
        Path noFrame = Files.writeString(dir.resolve("nf.csv"), "x,y,particle\n1,2,a\n");
        CliRun missing = run("segment", "--model", "rolling-msd", "--in", noFrame.toString(), "--out",
                dir.resolve("nf-out.csv").toString(), "--no-progress");
        assertEquals(1, missing.code(), missing.err());
        assertTrue(missing.err().contains("missing required column 'frame'; header is [x, y, particle]; map another "
                + "column with --column frame=HEADER"), missing.err());
        Path odd = Files.writeString(dir.resolve("odd.csv"), "a,b,c\n1,2,3\n");
        CliRun undetected = run("segment", "--model", "rolling-msd", "--in", odd.toString(), "--out",
                dir.resolve("odd-out.csv").toString(), "--no-progress");
        assertEquals(1, undetected.code(), undetected.err());
        assertTrue(undetected.err().contains("; force it with --format or map columns with --column ROLE=HEADER"),
                undetected.err());
        for (String text : new String[] {missing.err(), undetected.err()}) {
            assertFalse(text.contains("ReadOptions."), text);
        }
    }

    /** The TrackMate settings reach the error report and report.html as the CLI's options. */
    @Test
    void theErrorReportAndTheReportSayTheClisOptions() throws Exception {
        Path filtered = Path.of(getClass().getResource("/bad-input/trackmate_filtered_out.xml").toURI());
        Path out = dir.resolve("an");
        CliRun r = run("analyze", "--model", "rolling-msd", "--in", filtered.toString(), "--out", out.toString(),
                "--no-progress");
        assertEquals(0, r.code(), r.err());
        String errors = Files.readString(out.resolve("errors.csv"));
        assertTrue(errors.contains("not in FilteredTracks and not read (--all-tracks reads them): Track_1"), errors);
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("(--all-tracks reads them)"), "report.html in the CLI's words");
        Path lineage = dir.resolve("lineage.xml");
        try (InputStream in = getClass().getResourceAsStream("/io/trackmate_lineage.xml")) {
            Files.copy(in, lineage);
        }
        CliRun split = run("segment", "--model", "rolling-msd", "--branches", "SPLIT", "--in", lineage.toString(),
                "--out", dir.resolve("s.csv").toString(), "--no-progress");
        assertEquals(0, split.code(), split.err());
        String splitErrors = Files.readString(dir.resolve("s.csv.errors.csv"));
        assertTrue(splitErrors.contains("belong to no piece (--branches SPLIT)"), splitErrors);
        CliRun longest = run("segment", "--model", "rolling-msd", "--branches", "LONGEST", "--in",
                lineage.toString(), "--out", dir.resolve("l.csv").toString(), "--no-progress");
        assertEquals(0, longest.code(), longest.err());
        String longestErrors = Files.readString(dir.resolve("l.csv.errors.csv"));
        assertTrue(longestErrors.contains("not read (--branches LONGEST)"), longestErrors);
        for (String text : new String[] {errors, html, splitErrors, longestErrors, r.err(), split.err(),
                longest.err()}) {
            assertFalse(text.contains("ReadOptions.") || text.contains("BranchPolicy."), text);
        }
    }

    /** The calibration's source, on the units line, and the error line name the CLI's options. */
    @Test
    void theUnitsLineAndTheErrorLineSayTheClisOptions() throws Exception {
        Path csv = Files.writeString(dir.resolve("t.csv"), "particle,frame,x,y\na,0,1,1\na,1,nan,2\n");
        CliRun nan = run("segment", "--model", "rolling-msd", "--in", csv.toString(), "--out",
                dir.resolve("n.csv").toString(), "--no-progress");
        assertEquals(1, nan.code(), nan.err());
        assertTrue(nan.err().contains("(use --non-finite DROP_TRACK to drop such tracks)"), nan.err());
        String xml = new String(getClass().getResourceAsStream("/io/trackmate_lineage.xml").readAllBytes(),
                java.nio.charset.StandardCharsets.UTF_8).replace("spatialunits=\"micron\"", "spatialunits=\"pixel\"")
                .replace("pixelwidth=\"0.1\" pixelheight=\"0.1\"", "pixelwidth=\"1.0\" pixelheight=\"1.0\"");
        Path px = Files.writeString(dir.resolve("px.xml"), xml);
        CliRun un = run("segment", "--model", "rolling-msd", "--in", px.toString(), "--out",
                dir.resolve("u.csv").toString(), "--no-progress");
        assertEquals(0, un.code(), un.err());
        assertTrue(un.err().contains("with pixel width 1; --pixel-size calibrates)"), un.err());
        assertFalse(un.err().contains("ReadOptions."), un.err());
    }
}
