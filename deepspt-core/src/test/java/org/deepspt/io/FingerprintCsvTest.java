package org.deepspt.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.InputFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintCsvTest {

    @TempDir
    Path dir;

    @Test
    void roundTripIncludingNaNAndQuotedIds() throws Exception {
        List<String> names = List.of("alpha", "diffusion_coefficient");
        List<Fingerprint> fps = List.of(Fingerprint.of("a,1", names, new double[] {0.1, Double.NaN}),
                Fingerprint.of("b", names, new double[] {1e-300, -0.0}));
        Path f = dir.resolve("fp.csv");
        FingerprintCsv.write(f, fps);
        List<String> lines = Files.readAllLines(f);
        assertEquals("particle,alpha,diffusion_coefficient", lines.get(0));
        assertEquals("\"a,1\",0.1,NaN", lines.get(1));
        assertTrue(FingerprintCsv.isFingerprintCsv(f));
        assertEquals(fps, FingerprintCsv.read(f));
    }

    @Test
    void detectsOnlyFingerprintHeaders() throws Exception {
        Path tracks = dir.resolve("t.csv");
        Files.writeString(tracks, "particle,frame,x,y\n1,0,0.0,0.0\n");
        assertFalse(FingerprintCsv.isFingerprintCsv(tracks));
    }

    @Test
    void badValueNamesLineAndColumn() {
        InputFormatException e = assertThrows(InputFormatException.class, () -> FingerprintCsv.read(
                new StringReader("particle,alpha\n1,0.5\n2,abc\n"), "fp.csv"));
        assertEquals(3, e.line());
        assertEquals("alpha", e.field().orElseThrow());
        InputFormatException dup = assertThrows(InputFormatException.class, () -> FingerprintCsv.read(
                new StringReader("particle,alpha\n1,0.5\n1,0.6\n"), "fp.csv"));
        assertTrue(dup.getMessage().contains("repeats"), dup.getMessage());
        assertEquals(Double.NaN, FingerprintCsv.read(new StringReader("particle,alpha\n1,\n"), "x").get(0).value(0));
    }

    @Test
    void labelsFile() {
        Map<String, String> m = TrackLabels.read(new StringReader("label,particle\nA,1\nB,2\n"), "l.csv");
        assertEquals(Map.of("1", "A", "2", "B"), m);
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> TrackLabels.read(new StringReader("particle,label\n1,A\n1,B\n"), "l.csv"));
        assertEquals(3, e.line());
        assertThrows(InputFormatException.class,
                () -> TrackLabels.read(new StringReader("particle,label\n1,uncertain\n"), "l.csv"));
        assertThrows(InputFormatException.class,
                () -> TrackLabels.read(new StringReader("id,label\n1,A\n"), "l.csv"));
    }
}
