package org.deepspt.io;

import static org.deepspt.io.IoTestSupport.assertAccounted;
import static org.deepspt.io.IoTestSupport.byId;
import static org.deepspt.io.IoTestSupport.readString;
import static org.deepspt.io.IoTestSupport.resource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deepspt.api.TrackIssue;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;

/** Golden values for Spot-On CSV, TrackMate spots CSV, TrackMate full XML and simple XML. */
class OtherFormatsGoldenTest {
    private static final double EPS = 1e-12;

    @Test
    void spotOnCsv() {
        ReadResult r = TrackReaders.read(resource("spoton.csv"), ReadOptions.defaults());
        assertEquals(List.of(), r.issues());
        assertEquals(2, r.trajectories().size());
        Trajectory t1 = r.trajectories().get(0);
        assertEquals("1", t1.id());
        assertEquals(0.02, t1.frameInterval(), 1e-12, "frame interval fitted from t");
        assertArrayEquals(new int[] {0, 1, 2}, t1.frames());
        assertArrayEquals(new double[] {0.10, 0.15, 0.18}, t1.axis(0), 0);
        assertArrayEquals(new double[] {0.20, 0.22, 0.25}, t1.axis(1), 0);
        Trajectory t2 = r.trajectories().get(1);
        assertEquals("2", t2.id());
        assertArrayEquals(new int[] {4, 5}, t2.frames());
        assertEquals(0.98, t2.y(1), 0);
        ReadResult forced = TrackReaders.read(resource("spoton.csv"), ReadOptions.builder().frameInterval(0.5)
                .build());
        assertEquals(0.5, forced.trajectories().get(0).frameInterval(), 0);
    }

    @Test
    void trackMateSpotsCsv() {
        ReadResult r = TrackReaders.read(resource("trackmate_spots.csv"), ReadOptions.builder().pixelSize(0.2)
                .build());
        assertEquals(2, r.trajectories().size());
        Trajectory t0 = r.trajectories().get(0);
        assertEquals("0", t0.id());
        assertEquals(2, t0.dimension(), "POSITION_Z all zero");
        assertArrayEquals(new int[] {0, 1, 2}, t0.frames());
        assertArrayEquals(new double[] {1.0, 1.1, 1.2}, t0.axis(0), 0, "micron units: pixel size ignored");
        assertArrayEquals(new double[] {2.0, 2.1, 2.2}, t0.axis(1), 0);
        assertEquals(0.1, t0.frameInterval(), 1e-12);
        Trajectory t1 = r.trajectories().get(1);
        assertEquals("1", t1.id());
        assertArrayEquals(new int[] {1, 2}, t1.frames());
        assertEquals(1, r.issues().size());
        TrackIssue note = r.issues().get(0);
        assertEquals(CsvTrackReader.UNTRACKED_ID, note.trackId());
        assertTrue(note.detail().startsWith("2 spots"), note.detail());
        assertAccounted(List.of("0", "1"), r);
    }

    @Test
    void trackMateFullXmlWithBranchesFilterAndPixelUnits() {
        ReadResult r = TrackReaders.read(resource("trackmate_full.xml"), ReadOptions.builder().pixelSize(0.1)
                .branchPolicy(BranchPolicy.SPLIT).build());
        List<String> ids = r.trajectories().stream().map(Trajectory::id).toList();
        assertEquals(List.of("Track_0", "Track_1", "Track_1.a", "Track_1.b"), ids, "TrackMate lineage names");
        Trajectory t0 = r.trajectories().get(0);
        assertEquals(0.05, t0.frameInterval(), 0, "ImageData timeinterval");
        assertEquals(2, t0.dimension());
        assertArrayEquals(new int[] {0, 1, 2, 3}, t0.frames(), "reversed edge oriented by frame");
        assertArrayEquals(new double[] {1.0, 1.1, 1.2, 1.3}, t0.axis(0), EPS);
        assertArrayEquals(new double[] {2.0, 2.1, 2.2, 2.3}, t0.axis(1), EPS);
        Trajectory b1 = byId(r, "Track_1");
        assertArrayEquals(new int[] {0, 1}, b1.frames());
        assertArrayEquals(new double[] {5.0, 5.1}, b1.axis(0), EPS);
        Trajectory b2 = byId(r, "Track_1.a");
        assertArrayEquals(new int[] {2, 3}, b2.frames());
        assertArrayEquals(new double[] {5.1, 5.2}, b2.axis(1), EPS, "spots 12 -> 14");
        Trajectory b3 = byId(r, "Track_1.b");
        assertArrayEquals(new double[] {4.9, 4.8}, b3.axis(1), EPS, "spots 13 -> 15");

        List<TrackIssue> modified = r.issues().stream().filter(i -> i.kind() == TrackIssue.Kind.MODIFIED)
                .toList();
        assertEquals(3, modified.size());
        for (TrackIssue i : modified) {
            assertEquals("Track_1", i.trackId());
            assertTrue(i.detail().contains("split after frame 1"), i.detail());
        }
        assertTrue(modified.get(1).detail().contains("'Track_1.a' (frames 2..3)"), modified.get(1).detail());
        TrackIssue filtered = r.issues().get(r.issues().size() - 1);
        assertEquals(TrackMateXmlReader.FILTERED_OUT_ID, filtered.trackId());
        assertTrue(filtered.detail().contains("Track_2"), filtered.detail());
        assertAccounted(List.of("Track_0", "Track_1"), r);
    }

    @Test
    void trackMateXmlMicronUnitsIgnorePixelSizeAndNanometresConvert() {
        String xml = """
                <TrackMate version="7"><Model spatialunits="%s" timeunits="ms">
                <AllSpots><SpotsInFrame frame="0"><Spot ID="0" POSITION_X="100" POSITION_Y="200" POSITION_Z="0"
                 FRAME="0" POSITION_T="0"/></SpotsInFrame>
                <SpotsInFrame frame="1"><Spot ID="1" POSITION_X="150" POSITION_Y="250" POSITION_Z="0" FRAME="1"
                 POSITION_T="20"/></SpotsInFrame></AllSpots>
                <AllTracks><Track name="T" TRACK_ID="0"><Edge SPOT_SOURCE_ID="0" SPOT_TARGET_ID="1"/></Track>
                </AllTracks></Model></TrackMate>""";
        ReadOptions px = ReadOptions.builder().pixelSize(0.5).build();
        Trajectory um = readString(xml.formatted("micron"), TrackFormat.TRACKMATE_XML, px).trajectories().get(0);
        assertArrayEquals(new double[] {100, 150}, um.axis(0), 0);
        assertEquals(0.02, um.frameInterval(), 1e-12, "fitted from POSITION_T in ms");
        Trajectory nm = readString(xml.formatted("nm"), TrackFormat.TRACKMATE_XML, px).trajectories().get(0);
        assertArrayEquals(new double[] {0.1, 0.15}, nm.axis(0), EPS);
        Trajectory pix = readString(xml.formatted("pixel"), TrackFormat.TRACKMATE_XML, px).trajectories().get(0);
        assertArrayEquals(new double[] {50, 75}, pix.axis(0), 0);
    }

    @Test
    void simpleXml() {
        ReadResult r = TrackReaders.read(resource("trackmate_simple.xml"), ReadOptions.builder().pixelSize(3)
                .build());
        assertEquals(List.of(), r.issues());
        assertEquals(2, r.trajectories().size());
        Trajectory p0 = r.trajectories().get(0);
        assertEquals("0", p0.id());
        assertEquals(2, p0.dimension());
        assertEquals(0.03, p0.frameInterval(), 0);
        assertArrayEquals(new int[] {0, 1, 2}, p0.frames());
        assertArrayEquals(new double[] {1.5, 1.6, 1.7}, p0.axis(0), 0, "micron: pixel size ignored");
        assertArrayEquals(new double[] {2.5, 2.4, 2.3}, p0.axis(1), 0);
        Trajectory p1 = r.trajectories().get(1);
        assertEquals("1", p1.id());
        assertArrayEquals(new int[] {4, 5}, p1.frames());
    }

    @Test
    void simpleXml3dPixels() {
        String xml = "<Tracks nTracks=\"1\" spaceUnits=\"pixel\" frameInterval=\"100\" timeUnits=\"ms\">"
                + "<particle><detection t=\"0\" x=\"1\" y=\"2\" z=\"3\"/><detection t=\"1\" x=\"2\" y=\"3\" z=\"4\"/>"
                + "</particle></Tracks>";
        Trajectory t = readString(xml, TrackFormat.TRACKMATE_SIMPLE_XML, ReadOptions.builder().pixelSize(0.25)
                .build()).trajectories().get(0);
        assertEquals(3, t.dimension());
        assertArrayEquals(new double[] {0.75, 1.0}, t.axis(2), 0);
        assertEquals(0.1, t.frameInterval(), 1e-12);
    }

    @Test
    void xmlThroughReaderAndStreamWithBom() throws java.io.IOException {
        String xml = java.nio.file.Files.readString(resource("trackmate_simple.xml"));
        ReadResult viaReader = readString("\uFEFF" + xml.replace("\n", "\r\n"), TrackFormat.TRACKMATE_SIMPLE_XML,
                ReadOptions.defaults());
        assertEquals(2, viaReader.trajectories().size());
        byte[] bytes = ("\uFEFF" + xml).getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ReadResult viaStream = TrackReaders.read(new java.io.ByteArrayInputStream(bytes), "s",
                TrackFormat.TRACKMATE_SIMPLE_XML, ReadOptions.defaults());
        assertEquals(viaReader, viaStream);
        Trajectory full = TrackReaders.read(new java.io.ByteArrayInputStream(java.nio.file.Files.readAllBytes(
                resource("trackmate_full.xml"))), "f", TrackFormat.TRACKMATE_XML, ReadOptions.defaults())
                .trajectories().get(0);
        assertArrayEquals(new double[] {1.0, 1.1, 1.2, 1.3}, full.axis(0), 1e-12,
                "pixel units converted with the file's own calibration, pixelwidth 0.1 µm");
        String uncalibrated = new String(java.nio.file.Files.readAllBytes(resource("trackmate_full.xml")),
                java.nio.charset.StandardCharsets.UTF_8).replace(" pixelwidth=\"0.1\"", "");
        org.deepspt.api.InputFormatException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.deepspt.api.InputFormatException.class, () -> TrackReaders.read(
                        new java.io.ByteArrayInputStream(uncalibrated.getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                        "u.xml", TrackFormat.TRACKMATE_XML, ReadOptions.defaults()));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("(ReadOptions.pixelSize)"), e.getMessage());
        Trajectory given = TrackReaders.read(new java.io.ByteArrayInputStream(
                uncalibrated.getBytes(java.nio.charset.StandardCharsets.UTF_8)), "u.xml", TrackFormat.TRACKMATE_XML,
                ReadOptions.builder().pixelSize(0.2).build()).trajectories().get(0);
        assertArrayEquals(new double[] {2.0, 2.2, 2.4, 2.6}, given.axis(0), 1e-12);
    }
    /**
     * A TrackMate file in pixels with its own pixel width (0.1 µm) read with another pixel size: the option is
     * used and the calibration's warnings name both values, as for the frame interval against the file's (before:
     * overridden silently); the same value says nothing.
     */
    @Test
    void pixelSizeOverridingTheFilesPixelWidthIsWarned() throws Exception {
        byte[] xml = java.nio.file.Files.readAllBytes(resource("trackmate_full.xml"));
        ReadResult other = TrackReaders.read(new java.io.ByteArrayInputStream(xml), "f.xml", TrackFormat.TRACKMATE_XML,
                ReadOptions.builder().pixelSize(0.2).build());
        assertArrayEquals(new double[] {2.0, 2.2, 2.4, 2.6}, other.trajectories().get(0).axis(0), 1e-12);
        List<String> warnings = other.calibration().warnings();
        org.junit.jupiter.api.Assertions.assertTrue(warnings.stream().anyMatch(w -> w.startsWith("ReadOptions.pixelSize "
                + "0.2 µm/px conflicts with the file's pixel width 0.1 µm/px")
                && w.endsWith("ReadOptions.pixelSize is used")),
                warnings.toString());
        ReadResult same = TrackReaders.read(new java.io.ByteArrayInputStream(xml), "f.xml", TrackFormat.TRACKMATE_XML,
                ReadOptions.builder().pixelSize(0.1).build());
        org.junit.jupiter.api.Assertions.assertTrue(same.calibration().warnings().stream()
                .noneMatch(w -> w.contains("pixelSize")), same.calibration().warnings().toString());
    }
}
