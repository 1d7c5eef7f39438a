package org.deepspt.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.api.Trajectory;
import org.deepspt.api.TrueMotion;
import org.junit.jupiter.api.Test;

/** The true_D / true_alpha columns: written by {@link TrajectoryCsvWriter}, read by {@link TrueMotionCsvReader}. */
class TrueMotionCsvTest {

    private static final Trajectory A = Trajectory.of("a", 1.0, new int[] {3, 4, 5}, new double[] {0.1, 0.2, 0.3},
            new double[] {-1, -2, -3}).withStates(new int[] {0, 0, 3});
    private static final Trajectory B = Trajectory.of("b,c", 1.0, new int[] {0, 1}, new double[] {1, 2},
            new double[] {5, 6}).withStates(new int[] {2, 2});
    private static final double[] A_D = {0.012345678901234567, 0.012345678901234567, 1e-7};
    private static final double[] A_ALPHA = {1, 1, 0.37};
    private static final TrueMotion A_TRUTH = TrueMotion.of("a", new int[] {3, 4, 5}, new int[] {0, 0, 3}, A_D,
            A_ALPHA);
    private static final TrueMotion B_TRUTH = TrueMotion.consecutive("b,c", new int[] {2, 2}, new double[] {2, 2},
            new double[] {1, 1});

    private static String written() {
        StringWriter sw = new StringWriter();
        try (TrajectoryCsvWriter w = TrajectoryCsvWriter.openWithTrueMotion(sw, 2)) {
            w.write(A, A_TRUTH);
            w.write(B, B_TRUTH);
        }
        return sw.toString();
    }

    @Test
    void headerKeepsTheStateLastAndValuesRoundTrip() {
        String csv = written();
        assertEquals("particle,frame,x,y,true_D,true_alpha,state\n"
                + "a,3,0.1,-1.0,0.012345678901234567,1.0,0\n", csv.substring(0, csv.indexOf("a,4")));
        Map<String, TrueMotion> m = TrueMotionCsvReader.read(new StringReader(csv), "t.csv").orElseThrow();
        assertEquals(List.of("a", "b,c"), List.copyOf(m.keySet()));
        assertArrayEquals(new int[] {3, 4, 5}, m.get("a").frames());
        assertArrayEquals(A_D, m.get("a").diffusion(), 0.0);
        assertArrayEquals(A_ALPHA, m.get("a").alpha(), 0.0);
        assertArrayEquals(new double[] {2, 2}, m.get("b,c").diffusion(), 0.0);
        // what was written comes back, apart from the states, which the track reader gives
        assertEquals(TrueMotion.of("a", A_TRUTH.frames(), null, A_D, A_ALPHA), m.get("a"));
        assertEquals("b,c", m.get("b,c").trackId());
        assertFalse(m.get("a").hasStates());
        m.get("a").checkMatches(A);
        // the track reader ignores the two columns: same tracks and states as without them
        ReadResult r = IoTestSupport.readCsv(csv, ReadOptions.defaults());
        assertEquals(List.of(A, B), r.trajectories());
    }

    @Test
    void withoutTheColumnThereIsNoTruthAndAlphaIsOptional() {
        assertTrue(TrueMotionCsvReader.read(new StringReader("particle,frame,x,y,state\na,0,1,1,0\n"), null)
                .isEmpty());
        TrueMotion m = TrueMotionCsvReader.read(new StringReader("TRACK_ID;Frame;x;y;True_D\nt;2;0;0;0.5\nt;7;1;1;5\n"),
                null).orElseThrow().get("t");
        assertFalse(m.hasAlpha());
        assertArrayEquals(new int[] {2, 7}, m.frames());
        assertArrayEquals(new double[] {0.5, 5}, m.diffusion(), 0.0);
    }

    @Test
    void badCellsNameTheLineAndColumn() {
        InputFormatException d = assertThrows(InputFormatException.class, () -> TrueMotionCsvReader.read(
                new StringReader("particle,frame,true_D,true_alpha\na,0,1,1\na,1,-1,1\n"), "t.csv"));
        assertEquals(3, d.line());
        assertEquals("true_D", d.field().orElseThrow());
        InputFormatException a = assertThrows(InputFormatException.class, () -> TrueMotionCsvReader.read(
                new StringReader("particle,frame,true_D,true_alpha\na,0,1,\n"), "t.csv"));
        assertEquals(2, a.line());
        assertEquals("true_alpha", a.field().orElseThrow());
        InputFormatException negative = assertThrows(InputFormatException.class, () -> TrueMotionCsvReader.read(
                new StringReader("particle,frame,true_D,true_alpha\na,0,1,1\na,1,1,-0.5\n"), "t.csv"));
        assertEquals(3, negative.line());
        assertEquals("true_alpha", negative.field().orElseThrow());
        assertTrue(negative.getMessage().contains("'-0.5' is not a finite number >= 0"), negative.getMessage());
        InputFormatException f = assertThrows(InputFormatException.class, () -> TrueMotionCsvReader.read(
                new StringReader("particle,frame,true_D\na,1,1\nb,0,1\na,1,1\n"), "t.csv"));
        assertEquals(4, f.line());
        assertTrue(f.getMessage().contains("does not follow frame 1"), f.getMessage());
        InputFormatException id = assertThrows(InputFormatException.class, () -> TrueMotionCsvReader.read(
                new StringReader("frame,true_D\n1,1\n"), "t.csv"));
        assertEquals("particle", id.field().orElseThrow());
    }

    @Test
    void writerChecksTheTruthAgainstTheTrack() {
        StringWriter sw = new StringWriter();
        try (TrajectoryCsvWriter w = TrajectoryCsvWriter.openWithTrueMotion(sw, 2)) {
            InvalidTrajectoryException length = assertThrows(InvalidTrajectoryException.class,
                    () -> w.write(A, TrueMotion.of("a", new int[] {3, 4}, null, new double[2], new double[2])));
            assertTrue(length.getMessage().contains("true D is given for 2 points but the track has 3"),
                    length.getMessage());
            InvalidTrajectoryException other = assertThrows(InvalidTrajectoryException.class,
                    () -> w.write(A, B_TRUTH));
            assertTrue(other.getMessage().contains("that of track 'b,c'"), other.getMessage());
            InvalidTrajectoryException states = assertThrows(InvalidTrajectoryException.class,
                    () -> w.write(A, TrueMotion.of("a", new int[] {3, 4, 5}, new int[] {0, 0, 2}, A_D, A_ALPHA)));
            assertTrue(states.getMessage().contains("true state 2 is given for frame 5"), states.getMessage());
            InvalidTrajectoryException alpha = assertThrows(InvalidTrajectoryException.class,
                    () -> w.write(A, TrueMotion.of("a", new int[] {3, 4, 5}, null, A_D, null)));
            assertTrue(alpha.getMessage().contains("no alpha"), alpha.getMessage());
            assertThrows(IllegalStateException.class, () -> w.write(A));
        }
        assertEquals("particle,frame,x,y,true_D,true_alpha,state\n", sw.toString(), "nothing written");
        try (TrajectoryCsvWriter w = TrajectoryCsvWriter.open(new StringWriter(), 2, true)) {
            assertThrows(IllegalStateException.class, () -> w.write(A, A_TRUTH));
        }
    }
}
