package org.deepspt.io;

import static org.deepspt.io.IoTestSupport.resource;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.deepspt.api.InputFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatDetectionTest {
    @TempDir
    Path dir;

    @Test
    void detectsEachFormatFromContent() {
        assertEquals(TrackFormat.DEEPSPT_CSV, TrackReaders.detect(resource("deepspt_trackpy.csv")));
        assertEquals(TrackFormat.DEEPSPT_CSV, TrackReaders.detect(resource("deepspt_states_3d.csv")));
        assertEquals(TrackFormat.SPOTON_CSV, TrackReaders.detect(resource("spoton.csv")));
        assertEquals(TrackFormat.TRACKMATE_CSV, TrackReaders.detect(resource("trackmate_spots.csv")));
        assertEquals(TrackFormat.TRACKMATE_XML, TrackReaders.detect(resource("trackmate_full.xml")));
        assertEquals(TrackFormat.TRACKMATE_SIMPLE_XML, TrackReaders.detect(resource("trackmate_simple.xml")));
        assertEquals(TrackFormat.DEEPSPT_CSV, TrackReaders.detect(resource("bad/bom.csv")));
    }

    @Test
    void headerRules() {
        assertEquals(TrackFormat.DEEPSPT_CSV, TrackReaders.fromHeader("\"X\",\"Y\",\"particle\",\"frame\""));
        assertEquals(TrackFormat.SPOTON_CSV, TrackReaders.fromHeader("trajectory\tframe\tt\tx\ty"));
        assertEquals(TrackFormat.DEEPSPT_CSV, TrackReaders.fromHeader("x,y,particle,trajectory,frame"));
        assertNull(TrackReaders.fromHeader("a,b,c"));
    }

    @Test
    void unknownAndInconsistentFilesAreRefused() throws IOException {
        Path csv = Files.writeString(dir.resolve("weird.csv"), "a,b,c\n1,2,3\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> TrackReaders.detect(csv));
        assertEquals(1, e.line());
        Path xml = Files.writeString(dir.resolve("t.xml"), "x,y,particle,frame\n");
        assertTrue(assertThrows(InputFormatException.class, () -> TrackReaders.detect(xml)).getMessage()
                .contains(".xml"));
        Path otherRoot = Files.writeString(dir.resolve("o.xml"), "<svg/>");
        assertTrue(assertThrows(InputFormatException.class, () -> TrackReaders.detect(otherRoot)).getMessage()
                .contains("<svg>"));
        Path missing = dir.resolve("nope.csv");
        assertTrue(assertThrows(InputFormatException.class, () -> TrackReaders.read(missing,
                ReadOptions.defaults())).getMessage().contains("no such file"));
    }

    @Test
    void columnOverridesRescueUndetectableHeaderAndForcedFormatWins() throws IOException {
        Path csv = Files.writeString(dir.resolve("custom.csv"), "px,py,tid,f\n1,2,a,0\n2,3,a,1\n");
        ReadOptions opt = ReadOptions.builder().column("x", "px").column("y", "py").column("particle", "tid")
                .column("frame", "f").build();
        assertEquals("a", TrackReaders.read(csv, opt).trajectories().get(0).id());
        Path spot = Files.writeString(dir.resolve("s.txt"), "trajectory,frame,t,x,y\n9,0,0,1,1\n9,1,1,2,2\n");
        ReadResult forced = TrackReaders.read(spot, ReadOptions.builder().format(TrackFormat.DEEPSPT_CSV).build());
        assertEquals("9", forced.trajectories().get(0).id(), "'trajectory' is a particle synonym too");
    }
}
