package org.deepspt.io;

import static org.deepspt.io.IoTestSupport.readCsv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import org.deepspt.api.InputFormatException;
import org.junit.jupiter.api.Test;

/**
 * A record whose quoted field holds line breaks (RFC 4180) spans several physical lines; errors name the line
 * where it starts, not the line the parser has reached. Blank lines before it must not shift the count.
 */
class MultiLineRecordTest {
    /** Lines 1–4 header and a 3-point track; line 5 blank; lines 6–8 one record with a bad frame. */
    private static final String TRACKS = "x,y,particle,frame\n1,2,a,0\n1.1,2.1,a,1\n1.2,2.2,a,2\n\n"
            + "1.3,2.3,\"three\nline\nid\",x\n1.4,2.4,b,0\n";

    @Test
    void trackReaderNamesTheFirstLineOfTheRecord() {
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> readCsv(TRACKS, ReadOptions.defaults()));
        assertEquals(6, e.line(), e.getMessage());
        assertTrue(e.getMessage().contains("line 6, field 'frame'"), e.getMessage());
    }

    @Test
    void aRecordAfterAMultiLineRecordIsCountedExactly() {
        String text = "x,y,particle,frame\n1,2,\"a\nb\",0\n\n1,2,c,zero\n";
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> readCsv(text, ReadOptions.defaults()));
        assertEquals(5, e.line(), e.getMessage());
    }

    @Test
    void nonFiniteRejectionNamesTheFirstLine() {
        String text = "x,y,particle,frame\n1,2,ok,0\n1,2,ok,1\n1,NaN,\"two\nlines\",0\n1,2,\"two\nlines\",1\n";
        ReadResult r = readCsv(text, ReadOptions.builder().nonFinitePolicy(NonFinitePolicy.DROP_TRACK).build());
        assertEquals("non-finite y = NaN at line 4", r.issues().get(0).detail());
    }

    @Test
    void labelsFingerprintsAndSegmentationsNameTheFirstLine() {
        InputFormatException labels = assertThrows(InputFormatException.class, () -> TrackLabels.read(
                new StringReader("particle,label\n\"a\nb\",x\n\n\"c\nd\",\n"), "labels.csv"));
        assertEquals(5, labels.line(), labels.getMessage());
        InputFormatException fingerprints = assertThrows(InputFormatException.class, () -> FingerprintCsv.read(
                new StringReader("particle,alpha\n\"a\nb\",1.0\n\"c\nd\",abc\n"), "fp.csv"));
        assertEquals(4, fingerprints.line(), fingerprints.getMessage());
        InputFormatException segmentations = assertThrows(InputFormatException.class,
                () -> SegmentationCsvReader.read(new StringReader(String.join(",", SegmentationCsvWriter.HEADER)
                        + "\n\"a\nb\",0,0,1,0,0,0,,,0\n\"a\nb\",1,9,1,0,0,0,,,0\n"), "pred.csv"));
        assertEquals(4, segmentations.line(), segmentations.getMessage());
    }

    @Test
    void blankLinesBeforeTheHeaderAreSkippedAsBefore() {
        assertEquals(1, TrackLabels.read(new StringReader("\n\nparticle,label\n1,a\n"), "l.csv").size());
        assertEquals(1, FingerprintCsv.read(new StringReader("\nparticle,alpha\n1,0.5\n"), "f.csv").size());
    }
}
