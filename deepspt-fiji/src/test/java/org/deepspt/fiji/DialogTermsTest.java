package org.deepspt.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.deepspt.io.BranchPolicy;
import org.deepspt.io.ReadTerm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library's terms come out as the dialog's fields, in every output of the plugin (no display needed). */
class DialogTermsTest {
    @TempDir
    Path dir;

    @Test
    void everyTermIsInTheDialogsWords() {
        assertEquals("the dialog's frame interval 0.5 s conflicts with the file's frame interval 0.1 s (file "
                + "timeinterval); the dialog's frame interval is used", DialogTerms.of(ReadTerm.FRAME_INTERVAL
                + " 0.5 s conflicts with the file's frame interval 0.1 s (file timeinterval); " + ReadTerm.FRAME_INTERVAL
                + " is used"));
        assertEquals("give the pixel size in µm (the dialog's pixel size)",
                DialogTerms.of("give the pixel size in µm (" + ReadTerm.PIXEL_SIZE + ")"));
        assertEquals("read it with the dialog's Branches SPLIT or the dialog's Branches LONGEST",
                DialogTerms.of("read it with " + ReadTerm.BRANCHES_SPLIT + " or " + ReadTerm.BRANCHES_LONGEST));
        assertEquals("(deepspt analyze --all-tracks reads them)",
                DialogTerms.of("(" + ReadTerm.INCLUDE_FILTERED_OUT + " reads them)"));
        assertEquals("use deepspt analyze --non-finite DROP_TRACK to drop such tracks",
                DialogTerms.of("use " + ReadTerm.NON_FINITE_DROP_TRACK + " to drop such tracks"));
        assertEquals("map another column with deepspt analyze --column frame=HEADER (or rename the column in the file "
                + "as expected)", DialogTerms.of("map another column with " + ReadTerm.column("frame")));
        assertEquals("force it with deepspt analyze --format or map columns with deepspt analyze --column ROLE=HEADER "
                + "(or rename the column in the file as expected)", DialogTerms.of("force it with " + ReadTerm.FORMAT
                + " or map columns with " + ReadTerm.COLUMN));
        for (ReadTerm t : ReadTerm.values()) {
            String s = DialogTerms.of("x " + t + " y");
            assertEquals("x " + DialogTerms.words(t) + " y", s);
            assertFalse(s.contains("ReadOptions") || s.contains("Policy."), s);
        }
    }

    /**
     * A run's warnings, errors.csv and report.html say the dialog's pixel size and what reads the filtered-out tracks
     * (before: the warnings by text replacement of the CLI's options, errors.csv and report.html in the CLI's and
     * the library's words: "(--all-tracks or ReadOptions.includeFilteredOut reads them)").
     */
    @Test
    void aRunSpeaksTheDialogsWordsInEveryOutput() throws Exception {
        Path xml = Files.writeString(dir.resolve("f.xml"), filteredOut());
        Path out = dir.resolve("out");
        TrackAnalysis.Outcome o = TrackAnalysis.run(new TrackAnalysis.Settings(xml, out, "rolling-msd", "auto",
                Double.NaN, 0.2, BranchPolicy.PATHS, null), n -> { }, () -> false);
        assertEquals(java.util.List.of("f.xml: the dialog's pixel size 0.2 µm/px conflicts with the file's spatial "
                + "unit 'micron'; the file's unit is used (the dialog's pixel size applies to pixel coordinates only)"),
                o.warnings());
        String errors = Files.readString(out.resolve("errors.csv"));
        assertTrue(errors.contains("1 track is not in FilteredTracks and not read (deepspt analyze --all-tracks reads "
                + "them): Track_1"), errors);
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("deepspt analyze --all-tracks reads them"), "report.html names what reads them");
        for (String text : new String[] {errors, html, String.join("\n", o.warnings())}) {
            assertFalse(text.contains("ReadOptions.") || text.contains("--pixel-size"), text);
        }
    }

    /**
     * A CSV file without a frame column: the error the plugin shows names what maps it and what the user can do in
     * the file (before: "map another column with ReadOptions.column(\"frame\", header)", which a Fiji user cannot
     * type).
     */
    @Test
    void aMissingColumnSaysWhatMapsIt() throws Exception {
        Path csv = Files.writeString(dir.resolve("nf.csv"), "x,y,particle\n1,2,a\n");
        org.deepspt.api.InputFormatException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.deepspt.api.InputFormatException.class, () -> TrackAnalysis.run(new TrackAnalysis.Settings(csv,
                        dir.resolve("out"), "rolling-msd", "auto", Double.NaN, 0, BranchPolicy.PATHS, null), n -> { },
                        () -> false));
        String shown = DialogTerms.of(e.getMessage());
        assertTrue(shown.endsWith("map another column with deepspt analyze --column frame=HEADER (or rename the "
                + "column in the file as expected)"), shown);
    }

    /** A TrackMate file in µm with two tracks of 30 spots, the second outside FilteredTracks. */
    private static String filteredOut() {
        StringBuilder spots = new StringBuilder();
        StringBuilder[] edges = {new StringBuilder(), new StringBuilder()};
        java.util.Random rnd = new java.util.Random(3);
        for (int f = 0; f < 30; f++) {
            spots.append("<SpotsInFrame frame=\"").append(f).append("\">");
            for (int k = 0; k < 2; k++) {
                int id = 100 * k + f;
                spots.append(String.format(java.util.Locale.ROOT, "<Spot ID=\"%d\" POSITION_X=\"%.4f\" "
                        + "POSITION_Y=\"%.4f\" POSITION_Z=\"0\" FRAME=\"%d\" />", id, 10 * k + rnd.nextGaussian() * 0.1,
                        rnd.nextGaussian() * 0.1, f));
                if (f > 0) {
                    edges[k].append("<Edge SPOT_SOURCE_ID=\"").append(id - 1).append("\" SPOT_TARGET_ID=\"")
                            .append(id).append("\" />");
                }
            }
            spots.append("</SpotsInFrame>\n");
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<TrackMate version=\"7.0.0\">\n"
                + "<Model spatialunits=\"micron\" timeunits=\"sec\">\n<AllSpots nspots=\"60\">\n" + spots
                + "</AllSpots>\n<AllTracks>\n<Track name=\"Track_0\" TRACK_ID=\"0\">" + edges[0] + "</Track>\n"
                + "<Track name=\"Track_1\" TRACK_ID=\"1\">" + edges[1] + "</Track>\n</AllTracks>\n"
                + "<FilteredTracks><TrackID TRACK_ID=\"0\" /></FilteredTracks>\n</Model>\n"
                + "<Settings><ImageData filename=\"f.tif\" folder=\"\" width=\"64\" height=\"64\" nslices=\"1\" "
                + "nframes=\"30\" pixelwidth=\"1\" pixelheight=\"1\" voxeldepth=\"1\" timeinterval=\"0.1\" />"
                + "</Settings>\n</TrackMate>\n";
    }
}
