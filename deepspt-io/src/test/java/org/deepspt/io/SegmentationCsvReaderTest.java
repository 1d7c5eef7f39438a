package org.deepspt.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.util.List;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.Segmentation;
import org.junit.jupiter.api.Test;

class SegmentationCsvReaderTest {
    private static final String HEADER = "particle,frame,state,p_normal,p_directed,p_confined,p_subdiffusive\n";

    private static List<Segmentation> read(String text) {
        return SegmentationCsvReader.read(new StringReader(text), "seg");
    }

    private static InputFormatException fails(String text) {
        return assertThrows(InputFormatException.class, () -> read(text));
    }

    @Test
    void readsInterleavedTracksInOrderOfFirstAppearance() {
        List<Segmentation> s = read("\uFEFF" + HEADER.replace("\n", "\r\n") + "b,0,1,0.1,0.7,0.1,0.1\r\n"
                + "a,3,0,0.4,0.3,0.2,0.1\r\nb,1,3,0,0,0,1\r\n");
        assertEquals(2, s.size());
        assertEquals("b", s.get(0).trackId());
        assertArrayEquals(new int[] {0, 1}, s.get(0).frames());
        assertArrayEquals(new int[] {1, 3}, s.get(0).stateIndices());
        assertEquals(0.7, s.get(0).probabilities(0)[1], 0);
        assertEquals("a", s.get(1).trackId());
    }

    @Test
    void errorsNameLineAndField() {
        InputFormatException e = fails(HEADER + "a,0,0,1,0,0,0\na,1,0,x,0,0,0\n");
        assertEquals(3, e.line());
        assertEquals("p_normal", e.field().orElseThrow());
        e = fails(HEADER + "a,0,0,0.5,0.6,0,0\n");
        assertEquals(2, e.line());
        e = fails(HEADER + "a,0,1,0.9,0.1,0,0\n");
        assertEquals("state", e.field().orElseThrow());
        e = fails(HEADER + "a,0,0,1,0,0,0\na,0,0,1,0,0,0\n");
        assertEquals(3, e.line());
        assertEquals("frame", e.field().orElseThrow());
        e = fails(HEADER + "a,0,0,1,0,0,-0.0001\n");
        assertEquals("p_subdiffusive", e.field().orElseThrow());
        e = fails("particle,frame,state,p_normal,p_directed,p_confined\n");
        assertEquals("p_subdiffusive", e.field().orElseThrow());
        fails("");
    }
}
