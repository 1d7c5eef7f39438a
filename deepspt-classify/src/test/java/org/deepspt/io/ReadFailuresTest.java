package org.deepspt.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.deepspt.api.InputFormatException;
import org.deepspt.classify.TrackClassifiers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Missing files, bytes that are not UTF-8 and CSV quoting errors give one line in our terms. */
class ReadFailuresTest {
    @TempDir
    Path dir;

    @Test
    void aMissingFileIsNamedAsSuch() {
        Path missing = dir.resolve("labels.csv");
        String expected = missing + ": cannot read: no such file";
        assertEquals(expected, assertThrows(InputFormatException.class, () -> TrackLabels.read(missing)).getMessage());
        assertEquals(expected, assertThrows(InputFormatException.class, () -> FingerprintCsv.read(missing))
                .getMessage());
        assertEquals(expected, assertThrows(InputFormatException.class, () -> TrackClassifiers.load(missing))
                .getMessage());
        assertEquals(expected, assertThrows(InputFormatException.class, () -> SegmentationCsvReader.read(missing))
                .getMessage());
    }

    @Test
    void bytesThatAreNotUtf8AreNamedAsSuch() throws Exception {
        Path garbage = Files.write(dir.resolve("model.json"), new byte[] {'{', (byte) 0xff, (byte) 0xfe, '}'});
        String expected = garbage + ": not UTF-8 text (a malformed sequence of 1 byte); save the file as UTF-8";
        assertEquals(expected, assertThrows(InputFormatException.class, () -> TrackClassifiers.load(garbage))
                .getMessage());
        // Read as a stream of lines, the first bad byte is located.
        assertEquals(garbage + ", line 1: not UTF-8 text at column 2 (a malformed sequence of 1 byte); save the "
                + "file as UTF-8", assertThrows(InputFormatException.class, () -> TrackLabels.read(garbage))
                .getMessage());
    }

    @Test
    void latin1IdsInATrackCsvAreAnErrorNotOneMergedTrack() throws Exception {
        // 'café' and 'cafè' in Latin-1: replaced by U+FFFD they became one track of 12 points.
        StringBuilder sb = new StringBuilder("x,y,particle,frame\n");
        for (int i = 0; i < 8; i++) {
            sb.append(i).append(",0,ok,").append(i).append('\n');
        }
        byte[] head = sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] tail = "1,2,caf\u00e9,0\n1,2,caf\u00e8,1\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
        System.arraycopy(tail, 0, all, head.length, tail.length);
        Path csv = Files.write(dir.resolve("latin1.csv"), all);
        InputFormatException e = assertThrows(InputFormatException.class, () -> TrackReaders.read(csv,
                ReadOptions.defaults()));
        assertEquals(csv + ", line 10: not UTF-8 text at column 8 (a malformed sequence of 1 byte); save the file "
                + "as UTF-8", e.getMessage());
    }

    @Test
    void csvQuotingErrorsNameTheLine() throws Exception {
        Path csv = Files.writeString(dir.resolve("t.csv"), "x,y,particle,frame\n1,2,1,0\n1,2,\"open,1\n");
        InputFormatException e = assertThrows(InputFormatException.class, () -> TrackReaders.read(csv,
                ReadOptions.defaults()));
        assertEquals(3, e.line());
        assertEquals(csv + ", line 3: malformed CSV: EOF reached before encapsulated token finished", e.getMessage());
    }
}
