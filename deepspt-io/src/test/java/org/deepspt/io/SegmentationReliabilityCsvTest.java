package org.deepspt.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.Reliability;
import org.deepspt.api.ReliabilityFinding;
import org.deepspt.api.Segmentation;
import org.deepspt.api.UnreliableReason;
import org.junit.jupiter.api.Test;

/** The {@code reliable} and {@code reason} columns of the segmentation CSV, and files written before them. */
class SegmentationReliabilityCsvTest {
    private static final String HEADER = "particle,frame,state,p_normal,p_directed,p_confined,p_subdiffusive";

    private static List<Segmentation> read(String csv) {
        return SegmentationCsvReader.read(new StringReader(csv), "seg.csv");
    }

    @Test
    void verdictsAreWrittenOnEveryRowAndReadBack() {
        Reliability unreliable = Reliability.of(List.of(new ReliabilityFinding(UnreliableReason.TOO_SHORT, 2, 75),
                new ReliabilityFinding(UnreliableReason.LOW_CONFIDENCE, 0.4123456789, 0.7)));
        List<Segmentation> segs = List.of(
                Segmentation.oneHot("a", new int[] {0, 1}, new int[] {0, 0}).withReliability(unreliable),
                Segmentation.oneHot("b", new int[] {3}, new int[] {2}).withReliability(Reliability.passed()),
                Segmentation.oneHot("c", new int[] {4}, new int[] {1}));
        StringWriter sw = new StringWriter();
        try (SegmentationCsvWriter w = SegmentationCsvWriter.open(sw)) {
            segs.forEach(w::write);
        }
        assertEquals(HEADER + ",reliable,reason,segment\n"
                + "a,0,0,1.0,0.0,0.0,0.0,false,too_short:2.0<75.0;low_confidence:0.4123456789<0.7,0\n"
                + "a,1,0,1.0,0.0,0.0,0.0,false,too_short:2.0<75.0;low_confidence:0.4123456789<0.7,0\n"
                + "b,3,2,0.0,0.0,1.0,0.0,true,,0\n"
                + "c,4,1,0.0,1.0,0.0,0.0,,,0\n", sw.toString());
        List<Segmentation> back = read(sw.toString());
        assertEquals(segs, back);
        assertEquals(unreliable, back.get(0).reliability().orElseThrow());
        assertTrue(back.get(2).reliability().isEmpty());
    }

    /** The point columns of {@code withPoints} follow the verdict cells, and every row has the header's width. */
    @Test
    void pointRowsCarryTheVerdictBeforeTheCoordinates() throws java.io.IOException {
        org.deepspt.api.Trajectory t = org.deepspt.api.Trajectory.ofAxes("a", 1.0, new double[] {0.5, 1.5},
                new double[] {2.0, 3.0});
        Reliability unreliable = Reliability.of(List.of(new ReliabilityFinding(UnreliableReason.TOO_SHORT, 2, 75)));
        Segmentation seg = Segmentation.oneHot("a", new int[] {0, 1}, new int[] {0, 3}).withReliability(unreliable);
        java.nio.file.Path file = java.nio.file.Files.createTempFile("seg", ".csv");
        try {
            try (SegmentationCsvWriter w = SegmentationCsvWriter.withPoints(file,
                    new ReadResult(List.of(t), List.of()), false)) {
                w.write(seg, t);
            }
            List<String> lines = java.nio.file.Files.readAllLines(file);
            assertEquals(List.of(HEADER + ",reliable,reason,segment,x,y,interpolated",
                    "a,0,0,1.0,0.0,0.0,0.0,false,too_short:2.0<75.0,0,0.5,2.0,0",
                    "a,1,3,0.0,0.0,0.0,1.0,false,too_short:2.0<75.0,1,1.5,3.0,0"), lines);
            List<Segmentation> back = SegmentationCsvReader.read(file);
            assertEquals(unreliable, back.get(0).reliability().orElseThrow());
        } finally {
            java.nio.file.Files.delete(file);
        }
    }

    @Test
    void filesWithoutTheColumnsAreStillRead() {
        List<Segmentation> back = read(HEADER + "\na,0,1,0.1,0.7,0.1,0.1\na,1,1,0.1,0.7,0.1,0.1\n");
        assertEquals(1, back.size());
        assertTrue(back.get(0).reliability().isEmpty());
        assertEquals(2, back.get(0).size());
    }

    @Test
    void inconsistentOrMalformedVerdictsNameLineAndField() {
        InputFormatException e = assertThrows(InputFormatException.class, () -> read(HEADER + ",reliable,reason\n"
                + "a,0,1,0.1,0.7,0.1,0.1,true,\na,1,1,0.1,0.7,0.1,0.1,false,too_short:2<75\n"));
        assertEquals(3, e.line());
        assertTrue(e.getMessage().contains("one verdict"), e.getMessage());
        e = assertThrows(InputFormatException.class, () -> read(HEADER + ",reliable,reason\n"
                + "a,0,1,0.1,0.7,0.1,0.1,true,low_snr:0.1<1\n"));
        assertEquals("reason", e.field().orElseThrow());
        e = assertThrows(InputFormatException.class, () -> read(HEADER + ",reliable,reason\n"
                + "a,0,1,0.1,0.7,0.1,0.1,false,too_long:2<75\n"));
        assertTrue(e.getMessage().contains("too_long"), e.getMessage());
        e = assertThrows(InputFormatException.class, () -> read(HEADER + ",reliable,reason\n"
                + "a,0,1,0.1,0.7,0.1,0.1,maybe,\n"));
        assertEquals("reliable", e.field().orElseThrow());
        e = assertThrows(InputFormatException.class, () -> read(HEADER + ",reliable\na,0,1,0.1,0.7,0.1,0.1,true\n"));
        assertEquals("reason", e.field().orElseThrow());
    }
}
