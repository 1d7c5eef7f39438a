package org.deepspt.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import org.deepspt.api.DiffusionState;
import org.deepspt.api.Segmentation;
import org.junit.jupiter.api.Test;

/** The writers of the online segmenter's outputs: rows one at a time, and state-change events. */
class OnlineWritersTest {

    @Test
    void rowsWrittenOneAtATimeReadBackAsSegmentations() {
        StringWriter out = new StringWriter();
        try (SegmentationCsvWriter w = SegmentationCsvWriter.open(out)) {
            w.writeRow("a", 3, new double[] {0.1, 0.2, 0.6, 0.1});
            w.writeRow("a", 4, new double[] {0.25, 0.25, 0.25, 0.25});
            w.writeRow("b", 4, new double[] {0.0, 1.0, 0.0, 0.0});
        }
        assertEquals("particle,frame,state,p_normal,p_directed,p_confined,p_subdiffusive,reliable,reason,segment\n"
                + "a,3,2,0.1,0.2,0.6,0.1,,,\na,4,0,0.25,0.25,0.25,0.25,,,\nb,4,1,0.0,1.0,0.0,0.0,,,\n",
                out.toString());
        List<Segmentation> back = SegmentationCsvReader.read(new StringReader(out.toString()), "test");
        assertEquals(2, back.size());
        assertArrayEquals(new int[] {3, 4}, back.get(0).frames());
        assertArrayEquals(new int[] {2, 0}, back.get(0).stateIndices());
        assertTrue(back.get(0).reliability().isEmpty(), "no verdict on rows written one at a time");
    }

    @Test
    void stateChangesAreWrittenWithLabels() {
        StringWriter out = new StringWriter();
        try (StateChangeCsvWriter w = StateChangeCsvWriter.open(out)) {
            w.write("p,1", 3, 17, DiffusionState.NORMAL, DiffusionState.CONFINED, 0.875);
        }
        assertEquals("particle,track,frame,from,to,confidence\n\"p,1\",3,17,normal,confined,0.875\n", out.toString());
    }

    @Test
    void frameStatesCarryTheTrackNumber() {
        StringWriter out = new StringWriter();
        try (FrameStateCsvWriter w = FrameStateCsvWriter.open(out)) {
            w.writeRow("a", 1, 3, new double[] {0.1, 0.2, 0.6, 0.1});
            w.writeRow("a", 2, 3, new double[] {0.25, 0.5, 0.25, 0.0});
        }
        assertEquals("particle,track,frame,state,p_normal,p_directed,p_confined,p_subdiffusive\n"
                + "a,1,3,2,0.1,0.2,0.6,0.1\na,2,3,1,0.25,0.5,0.25,0.0\n", out.toString());
    }
}
