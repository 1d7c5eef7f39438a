package org.deepspt.io;

import static org.deepspt.io.IoTestSupport.assertAccounted;
import static org.deepspt.io.IoTestSupport.resource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.TrackIssue;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;

/** The files under {@code src/test/resources/io/bad/}, each with its expected error or issue. */
class BadInputCorpusTest {
    private static final ReadOptions DEFAULTS = ReadOptions.defaults();
    private static final ReadOptions DROP = ReadOptions.builder().nonFinitePolicy(NonFinitePolicy.DROP_TRACK)
            .build();

    private static InputFormatException fails(String file, ReadOptions options) {
        return assertThrows(InputFormatException.class, () -> TrackReaders.read(resource("bad/" + file), options));
    }

    @Test
    void malformedNumberNamesLineAndField() {
        InputFormatException e = fails("malformed_number.csv", DEFAULTS);
        assertEquals(3, e.line());
        assertEquals(Optional.of("x"), e.field());
        assertTrue(e.getMessage().contains("'1.2.3' is not a number"), e.getMessage());
        assertTrue(e.getMessage().contains("malformed_number.csv"), e.getMessage());
        InputFormatException abc = fails("not_a_number.csv", DROP);
        assertEquals(3, abc.line(), "unparseable numbers are errors under every policy");
        assertEquals(Optional.of("y"), abc.field());
    }

    @Test
    void missingColumnIsNamed() {
        InputFormatException e = fails("missing_column.csv", DEFAULTS);
        assertEquals(Optional.of("frame"), e.field());
        assertTrue(e.getMessage().contains("missing required column 'frame'"), e.getMessage());
    }

    @Test
    void emptyAndHeaderOnlyFiles() {
        InputFormatException empty = fails("empty.csv", DEFAULTS);
        assertTrue(empty.getMessage().contains("empty file"), empty.getMessage());
        InputFormatException forced = fails("empty.csv", ReadOptions.builder().format(TrackFormat.DEEPSPT_CSV)
                .build());
        assertTrue(forced.getMessage().contains("x, y, particle, frame"), forced.getMessage());
        InputFormatException header = fails("header_only.csv", DEFAULTS);
        assertTrue(header.getMessage().contains("no data rows"), header.getMessage());        // a blank line before the header is named as such (before: "empty file: no header row")
        InputFormatException blank = assertThrows(InputFormatException.class, () -> IoTestSupport.readCsv(
                "\nparticle,frame,x,y\n1,0,0,0\n1,1,1,1\n", DEFAULTS));
        assertTrue(blank.getMessage().contains("line 1 is blank: the header row must be the first line"),
                blank.getMessage());        // a row with more values than the header has columns (a 3D file under a 2D header) is an error naming the
        // line, not read with the extra values dropped; a trailing empty field is fine
        InputFormatException extra = assertThrows(InputFormatException.class, () -> IoTestSupport.readCsv(
                "particle,frame,x,y\n1,0,0,0\n1,1,1,1,0.5\n", DEFAULTS));
        assertEquals(3, extra.line());
        assertTrue(extra.getMessage().contains("row has 5 fields but the header names 4 columns"), extra.getMessage());
        assertEquals(2, IoTestSupport.readCsv("particle,frame,x,y\n1,0,0,0,\n1,1,1,1,\n", DEFAULTS).trajectories()
                .get(0).size());
    }

    @Test
    void bomAndCrlfAreTolerated() throws IOException {
        for (String f : List.of("bom.csv", "crlf.csv")) {
            ReadResult r = TrackReaders.read(resource("bad/" + f), DEFAULTS);
            assertEquals(List.of(), r.issues(), f);
            Trajectory t = r.trajectories().get(0);
            assertEquals("1", t.id(), f);
            assertArrayEquals(new int[] {0, 1}, t.frames(), f);
            assertArrayEquals(new double[] {1.5, 2.5}, new double[] {t.x(1), t.y(1)}, 0, f);
        }
        try (InputStream in = Files.newInputStream(resource("bad/bom.csv"))) {
            ReadResult viaStream = TrackReaders.read(in, "bom", TrackFormat.DEEPSPT_CSV, DEFAULTS);
            assertEquals(1, viaStream.trajectories().size());
        }
    }

    @Test
    void duplicateFramesRejectTheTrackOnly() {
        ReadResult r = TrackReaders.read(resource("bad/duplicate_frames.csv"), DEFAULTS);
        assertEquals(List.of("2"), r.trajectories().stream().map(Trajectory::id).toList());
        assertEquals(List.of(TrackIssue.rejected("1", "duplicate frame 1 in track '1'")), r.issues());
        assertAccounted(List.of("1", "2"), r);
    }

    @Test
    void nanIsAnErrorByDefaultAndDropsTheTrackOnRequest() {
        InputFormatException e = fails("nan.csv", DEFAULTS);
        assertEquals(5, e.line());
        assertEquals(Optional.of("y"), e.field());
        assertTrue(e.getMessage().contains("track '2'"), e.getMessage());
        ReadResult r = TrackReaders.read(resource("bad/nan.csv"), DROP);
        assertEquals(List.of("1"), r.trajectories().stream().map(Trajectory::id).toList());
        assertEquals(1, r.issues().size());
        TrackIssue i = r.issues().get(0);
        assertEquals(TrackIssue.rejected("2", "non-finite y = NaN at line 5"), i);
        assertAccounted(List.of("1", "2"), r);
    }

    @Test
    void onePointTrackIsLegalByDefaultAndRejectedBelowMinLength() {
        ReadResult def = TrackReaders.read(resource("bad/one_point.csv"), DEFAULTS);
        assertEquals(2, def.trajectories().size());
        assertEquals(1, def.trajectories().get(1).size());
        ReadResult r = TrackReaders.read(resource("bad/one_point.csv"), ReadOptions.builder().minLength(2).build());
        assertEquals(List.of("1"), r.trajectories().stream().map(Trajectory::id).toList());
        assertEquals(List.of(TrackIssue.rejected("2", "has 1 point; minimum is 2")), r.issues());
        assertAccounted(List.of("1", "2"), r);
    }

    @Test
    void mixedDimensionsNameLineAndField() {
        InputFormatException e = fails("mixed_dims.csv", DEFAULTS);
        assertEquals(3, e.line());
        assertEquals(Optional.of("z"), e.field());
        assertTrue(e.getMessage().contains("mixed 2D and 3D"), e.getMessage());
    }

    @Test
    void xxeIsRefused() {
        InputFormatException detected = fails("xxe.xml", DEFAULTS);
        assertTrue(detected.getMessage().contains("DOCTYPE"), detected.getMessage());
        InputFormatException forced = fails("xxe.xml", ReadOptions.builder()
                .format(TrackFormat.TRACKMATE_SIMPLE_XML).build());
        assertTrue(forced.getMessage().contains("DOCTYPE"), forced.getMessage());
        assertTrue(!forced.getMessage().contains("root:"), "no file content leaks into the message");
    }

    @Test
    void billionLaughsIsRefusedQuickly() {
        long start = System.nanoTime();
        InputFormatException e = fails("billion_laughs.xml", ReadOptions.builder()
                .format(TrackFormat.TRACKMATE_XML).build());
        assertTrue(e.getMessage().contains("DOCTYPE"), e.getMessage());
        assertTrue(fails("billion_laughs.xml", DEFAULTS).getMessage().contains("DOCTYPE"));
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "no entity expansion");
    }

    @Test
    void nanSpotInXmlNamesSpotIdAndAttribute() {
        InputFormatException e = fails("spot_nan.xml", DEFAULTS);
        assertEquals(Optional.of("POSITION_X"), e.field());
        assertTrue(e.getMessage().contains("spot ID 2"), e.getMessage());
        assertTrue(e.line() > 0);
        ReadResult r = TrackReaders.read(resource("bad/spot_nan.xml"), DROP);
        assertEquals(List.of("Track_1"), r.trajectories().stream().map(Trajectory::id).toList());
        assertEquals("Track_0", r.issues().get(0).trackId());
        assertEquals(TrackIssue.Kind.REJECTED, r.issues().get(0).kind());
        assertTrue(r.issues().get(0).detail().contains("spot ID 2"), r.issues().get(0).detail());
        assertAccounted(List.of("Track_0", "Track_1"), r);
    }

    @Test
    void nestedParticlesInSimpleXmlAreAnErrorNamingTheLine() {
        String nested = "<Tracks spaceUnits=\"micron\">\n<particle>\n<detection t=\"0\" x=\"1\" y=\"2\"/>\n"
                + "<particle>\n<detection t=\"0\" x=\"3\" y=\"4\"/>\n</particle>\n</particle>\n</Tracks>\n";
        InputFormatException e = assertThrows(InputFormatException.class, () -> IoTestSupport.readString(nested,
                TrackFormat.TRACKMATE_SIMPLE_XML, DEFAULTS));
        assertEquals(4, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("<particle> inside the <particle> of line 2"), e.getMessage());
        String outside = "<Tracks spaceUnits=\"micron\">\n<particle>\n<detection t=\"0\" x=\"1\" y=\"2\"/>\n"
                + "</particle>\n<detection t=\"1\" x=\"3\" y=\"4\"/>\n</Tracks>\n";
        InputFormatException o = assertThrows(InputFormatException.class, () -> IoTestSupport.readString(outside,
                TrackFormat.TRACKMATE_SIMPLE_XML, DEFAULTS));
        assertEquals(5, o.line(), o.getMessage());
        assertTrue(o.getMessage().contains("<detection> outside <particle>"), o.getMessage());
    }
}
