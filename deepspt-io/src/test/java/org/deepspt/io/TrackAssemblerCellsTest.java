package org.deepspt.io;

import static org.deepspt.io.IoTestSupport.readCsv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.TrackIssue;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;

/**
 * {@link TrackAssembler#addCells}: table cells (a Spark row) are parsed and checked as the CSV reader parses
 * and checks the fields of a line, so that the Spark job and the CLI accept and refuse the same values.
 */
class TrackAssemblerCellsTest {
    private static final ReadOptions DROP = ReadOptions.builder().nonFinitePolicy(NonFinitePolicy.DROP_TRACK)
            .build();

    /** One track of three points whose middle point has the given frame and x text. */
    private static String csv(String frame, String x) {
        return "particle,frame,x,y\nt,0,0.5,0.5\nt," + frame + "," + x + ",1.5\nt,9,2.5,2.5\n";
    }

    /** The same rows as text cells through the assembler. */
    private static ReadResult cells(String frame, String x, ReadOptions options) {
        return TrackAssembler.of(options, 2, "table").addCells("t", "0", "0.5", "0.5").addCells("t", frame, x, "1.5")
                .addCells("t", "9", "2.5", "2.5").finish();
    }

    private static List<String> summary(ReadResult r) {
        List<String> out = new ArrayList<>();
        for (Trajectory t : r.trajectories()) {
            out.add(t.id() + " " + t.size());
        }
        for (TrackIssue i : r.issues()) {
            out.add(i.trackId() + " " + i.kind());
        }
        return out;
    }

    /** Text cells: the reader and the assembler agree on every value, accepted or refused, under both policies. */
    @Test
    void textCellsAsTheCsvReader() {
        String[][] cases = {{"3", "1.5"}, {"3.0", "1.5"}, {"-1", "1.5"}, {"3", " 1.5 "}, {"3", "1e-3"},
            {"3", "nan"}, {"3", "NaN"}, {"3", ""}, {"3", "inf"}, {"3", "-Infinity"}, {"3", "abc"}, {"3", "0x10"},
            {"3", "1.0d"}, {"3", "1.2.3"}, {"3.5", "1.5"}, {"abc", "1.5"}, {"4294967299", "1.5"},
            {"2147483648", "1.5"}, {"", "1.5"}};
        for (ReadOptions options : List.of(ReadOptions.defaults(), DROP)) {
            for (String[] c : cases) {
                String what = "frame '" + c[0] + "', x '" + c[1] + "', " + options.nonFinitePolicy();
                InputFormatException readerError = null;
                ReadResult read = null;
                try {
                    read = readCsv(csv(c[0], c[1]), options);
                } catch (InputFormatException e) {
                    readerError = e;
                }
                if (readerError == null) {
                    assertEquals(summary(read), summary(cells(c[0], c[1], options)), what);
                } else {
                    InputFormatException e = assertThrows(InputFormatException.class,
                            () -> cells(c[0], c[1], options), what);
                    String problem = readerError.problem();
                    // the reader names the line, the assembler the frame and track; the value part is the same
                    String value = problem.contains(" in track") ? problem.substring(0, problem.indexOf(" in track"))
                            : problem;
                    assertTrue(e.problem().startsWith(value), what + ": reader '" + problem + "', cells '"
                            + e.problem() + "'");
                    assertEquals(readerError.field(), e.field(), what);
                }
            }
        }
    }

    /** A frame past 2^31 − 1 is refused with its value, never wrapped (2^32 + 3 would be frame 3 as an int). */
    @Test
    void integerFramesAreRangeChecked() {
        long wrapped = (1L << 32) + 3;
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> TrackAssembler.of(ReadOptions.defaults(), 2, "table").addCells("7", wrapped, 1.0, 2.0));
        assertEquals("table, field 'frame': 4294967299 is outside the integer range ±2147483647 (2^31 - 1) in "
                + "track '7' (row with x = 1.0, y = 2.0)", e.getMessage());
        InputFormatException text = assertThrows(InputFormatException.class,
                () -> readCsv(csv("4294967299", "1.5"), ReadOptions.defaults()));
        assertTrue(text.problem().startsWith("'4294967299' is outside the integer range ±2147483647"),
                text.getMessage());
        assertEquals(3, TrackAssembler.of(ReadOptions.defaults(), 2, "table").addCells("7", 3L, 1.0, 2.0)
                .addCells("7", 4.0, 1.0, 2.0).addCells("7", new BigDecimal("5.000"), 1.0, 2.0).finish()
                .trajectories().get(0).size());
        assertThrows(InputFormatException.class,
                () -> TrackAssembler.of(ReadOptions.defaults(), 2, "t").addCells("7", 1e10, 1.0, 2.0));
        assertThrows(InputFormatException.class,
                () -> TrackAssembler.of(ReadOptions.defaults(), 2, "t").addCells("7", 2.5f, 1.0, 2.0));
    }

    /** Errors name the column (as mapped), the value, the frame and the track. */
    @Test
    void errorsNameColumnValueFrameAndTrack() {
        ReadOptions mapped = ReadOptions.builder().column("x", "POSITION_X").nonFinitePolicy(NonFinitePolicy.DROP_TRACK)
                .build();
        InputFormatException text = assertThrows(InputFormatException.class,
                () -> TrackAssembler.of(mapped, 2, "plate=P1").addCells("7", 12, "abc", 2.0));
        assertEquals("plate=P1, field 'POSITION_X': 'abc' is not a number at frame 12 in track '7'",
                text.getMessage());
        InputFormatException nan = assertThrows(InputFormatException.class,
                () -> TrackAssembler.of(ReadOptions.defaults(), 2, "t").addCells("7", 12, 1.0, null));
        assertEquals("t, field 'y': non-finite y = (missing) at frame 12 in track '7' (use "
                + "NonFinitePolicy.DROP_TRACK to drop such tracks)", nan.getMessage());
        InputFormatException missingFrame = assertThrows(InputFormatException.class,
                () -> TrackAssembler.of(ReadOptions.defaults(), 2, "t").addCells("7", null, 1.0, 2.0));
        assertEquals("t, field 'frame': missing value (expected an integer) in track '7' (row with x = 1.0, y = 2.0)",
                missingFrame.getMessage());
        InputFormatException bool = assertThrows(InputFormatException.class,
                () -> TrackAssembler.of(ReadOptions.defaults(), 2, "t").addCells("7", 1, Boolean.TRUE, 2.0));
        assertTrue(bool.problem().startsWith("'true' is a Boolean, not a number"), bool.getMessage());
    }

    /** Under DROP_TRACK a non-finite cell rejects its track with a reason, and the other tracks are kept. */
    @Test
    void dropTrackIsReported() {
        ReadResult r = TrackAssembler.of(DROP, 2, "t").addCells("a", 0, 0.0, 0.0).addCells("a", 1, Double.NaN, 0.0)
                .addCells("b", 0, "0.0", "0.0").addCells("b", 1, "0.1", "0.1").finish();
        assertEquals(List.of("b"), r.trajectories().stream().map(Trajectory::id).toList());
        assertEquals(1, r.issues().size());
        TrackIssue i = r.issues().get(0);
        assertEquals("a", i.trackId());
        assertEquals(TrackIssue.Kind.REJECTED, i.kind());
        assertTrue(i.detail().contains("non-finite x = NaN at frame 1"), i.detail());
        assertFalse(r.trajectories().isEmpty());
    }
}
