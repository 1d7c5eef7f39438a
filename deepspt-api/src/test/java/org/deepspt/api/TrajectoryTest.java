package org.deepspt.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.BitSet;
import org.junit.jupiter.api.Test;

class TrajectoryTest {

    @Test
    void holdsPointsAndCopiesArrays() {
        double[] x = {0, 1, 2};
        double[] y = {5, 6, 7};
        int[] f = {3, 4, 6};
        Trajectory t = Trajectory.of("a", 0.05, f, x, y);
        x[0] = 99;
        f[0] = 0;
        assertEquals(0, t.x(0));
        assertEquals(3, t.frame(0));
        assertEquals(2, t.dimension());
        assertEquals(3, t.size());
        assertEquals(0.05, t.frameInterval());
        assertTrue(t.hasGaps());
        assertFalse(t.hasStates());
        double[] copy = t.axis(1);
        copy[0] = -1;
        assertEquals(5, t.y(0));
        assertThrows(IllegalStateException.class, () -> t.z(0));
        assertThrows(IllegalStateException.class, t::stateIndices);
    }

    @Test
    void threeDimensionalAndBuilder() {
        Trajectory t = Trajectory.builder("b", 3, 1.0).addWithState(0, 2, 1, 2, 3).addWithState(1, 3, 4, 5, 6)
                .build();
        assertEquals(3, t.dimension());
        assertEquals(6, t.z(1));
        assertArrayEquals(new int[] {2, 3}, t.stateIndices());
        assertEquals(DiffusionState.SUBDIFFUSIVE, t.state(1));
        assertFalse(t.hasGaps());
    }

    @Test
    void builderGrowsPastInitialCapacity() {
        Trajectory.Builder b = Trajectory.builder("g", 2, 1.0);
        for (int i = 0; i < 1000; i++) {
            b.add(i, i, -i);
        }
        Trajectory t = b.build();
        assertEquals(1000, t.size());
        assertEquals(-999, t.y(999));
    }

    @Test
    void duplicateFrameIsNamed() {
        InvalidTrajectoryException e = assertThrows(InvalidTrajectoryException.class,
                () -> Trajectory.of("dup", 1, new int[] {0, 1, 1}, new double[3], new double[3]));
        assertEquals("dup", e.trackId());
        assertTrue(e.getMessage().contains("duplicate frame 1"), e.getMessage());
    }

    @Test
    void nonFiniteCoordinateIsNamedWithAxisAndFrame() {
        InvalidTrajectoryException e = assertThrows(InvalidTrajectoryException.class,
                () -> Trajectory.of("nan", 1, new int[] {0, 7}, new double[] {0, 1},
                        new double[] {0, Double.NaN}));
        assertTrue(e.getMessage().contains("y") && e.getMessage().contains("frame 7"), e.getMessage());
    }

    @Test
    void invalidConstructionsAreRejected() {
        assertThrows(InvalidTrajectoryException.class,
                () -> Trajectory.of("", 1, new int[] {0}, new double[1], new double[1]));
        assertThrows(InvalidTrajectoryException.class,
                () -> Trajectory.of("dt", 0, new int[] {0}, new double[1], new double[1]));
        assertThrows(InvalidTrajectoryException.class,
                () -> Trajectory.of("len", 1, new int[] {0, 1}, new double[1], new double[2]));
        assertThrows(InvalidTrajectoryException.class,
                () -> Trajectory.of("back", 1, new int[] {2, 1}, new double[2], new double[2]));
        assertThrows(InvalidTrajectoryException.class,
                () -> Trajectory.of("empty", 1, new int[0], new double[0], new double[0]));
        assertThrows(InvalidTrajectoryException.class, () -> Trajectory.builder("d", 4, 1));
        Trajectory ok = Trajectory.ofAxes("s", 1, new double[] {0, 1}, new double[] {0, 1});
        InvalidTrajectoryException e = assertThrows(InvalidTrajectoryException.class,
                () -> ok.withStates(new int[] {0, 7}));
        assertTrue(e.getMessage().contains("state 7"), e.getMessage());
        assertThrows(InvalidTrajectoryException.class, () -> ok.withStates(new int[] {0}));
    }

    @Test
    void sliceAndEquality() {
        Trajectory t = Trajectory.ofAxes("s", 1, new double[] {0, 1, 2, 3}, new double[] {4, 5, 6, 7})
                .withStates(new int[] {0, 0, 1, 1});
        Trajectory piece = t.slice(1, 3, "s.1");
        assertEquals("s.1", piece.id());
        assertArrayEquals(new int[] {1, 2}, piece.frames());
        assertArrayEquals(new int[] {0, 1}, piece.stateIndices());
        assertEquals(t, Trajectory.ofAxes("s", 1, new double[] {0, 1, 2, 3}, new double[] {4, 5, 6, 7})
                .withStates(new int[] {0, 0, 1, 1}));
        assertEquals(t.hashCode(), t.withId("s").hashCode());
        assertNotEquals(t, t.withoutStates());
    }

    @Test
    void interpolatedPointsAreMarkedKeptAndRemovedByMeasured() {
        Trajectory t = Trajectory.of("g", 0.1, new int[] {4, 5, 6, 7, 8}, new double[] {0, 1, 2, 3, 4},
                new double[] {0, 10, 20, 30, 40}).withStates(new int[] {0, 1, 2, 3, 0});
        BitSet made = new BitSet();
        made.set(1);
        made.set(2);
        Trajectory g = t.withInterpolated(made);
        made.clear(); // copied
        assertEquals(2, g.interpolatedCount());
        assertTrue(g.interpolated(1) && g.interpolated(2) && !g.interpolated(0) && !g.interpolated(3));
        assertNotEquals(t, g);
        assertNotEquals(t.hashCode(), g.hashCode());
        assertEquals(0, t.interpolatedCount());
        assertTrue(t.measured() == t, "nothing interpolated: the same instance");

        Trajectory m = g.measured();
        assertArrayEquals(new int[] {4, 7, 8}, m.frames());
        assertArrayEquals(new double[] {0, 3, 4}, m.axis(0));
        assertArrayEquals(new double[] {0, 30, 40}, m.axis(1));
        assertArrayEquals(new int[] {0, 3, 0}, m.stateIndices());
        assertTrue(m.hasGaps());
        assertEquals(0, m.interpolatedCount());

        // copies keep the marks
        assertEquals(2, g.withId("h").interpolatedCount());
        assertEquals(2, g.withoutStates().interpolatedCount());
        assertEquals(2, g.withStates(new int[] {1, 1, 1, 1, 1}).interpolatedCount());
        Trajectory piece = g.slice(2, 5, "p");
        assertEquals(1, piece.interpolatedCount());
        assertTrue(piece.interpolated(0));
        assertArrayEquals(new int[] {7, 8}, piece.measured().frames());
        assertEquals(0, g.slice(3, 5, "q").interpolatedCount());

        // a piece inside the gap has no measured point
        InvalidTrajectoryException none = assertThrows(InvalidTrajectoryException.class,
                () -> g.slice(1, 3, "in-gap").measured());
        assertTrue(none.getMessage().contains("in-gap"), none.getMessage());
        BitSet beyond = new BitSet();
        beyond.set(5);
        assertThrows(InvalidTrajectoryException.class, () -> t.withInterpolated(beyond));
        assertEquals(t, g.withInterpolated(new BitSet()));
        assertTrue(g.toString().contains("2 interpolated"), g.toString());
    }

    @Test
    void withGapsInterpolatedFillsMissingFramesLinearlyAndMarksThem() {
        // frames 2, 3, [4, 5], 6, [7], 8: gaps of 2 and 1 missing frames
        Trajectory t = Trajectory.of("gap", 0.1, new int[] {2, 3, 6, 8}, new double[] {0, 3, 6, 10},
                new double[] {1, 1, 4, 0}).withStates(new int[] {0, 1, 2, 3});
        assertTrue(t.hasGaps());
        Trajectory f = t.withGapsInterpolated(2);
        assertFalse(f.hasGaps());
        assertEquals("gap", f.id());
        assertEquals(0.1, f.frameInterval());
        assertArrayEquals(new int[] {2, 3, 4, 5, 6, 7, 8}, f.frames());
        assertArrayEquals(new double[] {0, 3, 4, 5, 6, 8, 10}, f.axis(0), 1e-12);
        assertArrayEquals(new double[] {1, 1, 2, 3, 4, 2, 0}, f.axis(1), 1e-12);
        // a made-up point takes the state of the point before it
        assertArrayEquals(new int[] {0, 1, 1, 1, 2, 2, 3}, f.stateIndices());
        BitSet made = new BitSet();
        made.set(2);
        made.set(3);
        made.set(5);
        for (int i = 0; i < f.size(); i++) {
            assertEquals(made.get(i), f.interpolated(i), "point " + i);
        }
        assertEquals(t, f.measured(), "the measured points are the input");
        assertEquals(f, t.withGapsInterpolated(), "the default fills gaps of up to 10 frames");

        // marks of a trajectory filled before are kept at their points
        Trajectory again = f.slice(0, 5, "gap").measured().withInterpolated(new BitSet())
                .withGapsInterpolated(2);
        assertEquals(f.slice(0, 5, "gap"), again);
        Trajectory marked = Trajectory.of("m", 0.1, new int[] {0, 1, 3}, new double[] {0, 1, 3},
                new double[] {0, 0, 0}).withInterpolated(BitSet.valueOf(new long[] {0b10}));
        Trajectory mf = marked.withGapsInterpolated(1);
        assertTrue(!mf.interpolated(0) && mf.interpolated(1) && mf.interpolated(2) && !mf.interpolated(3));

        Trajectory whole = Trajectory.ofAxes("whole", 0.1, new double[] {0, 1}, new double[] {0, 1});
        assertTrue(whole.withGapsInterpolated(1) == whole, "no gaps: the same instance");
    }

    @Test
    void withGapsInterpolatedRefusesALongerGapNamingTheTrackAndTheFrames() {
        Trajectory t = Trajectory.of("long", 0.1, new int[] {0, 1, 2, 5, 6, 18}, new double[6], new double[6]);
        InvalidTrajectoryException e = assertThrows(InvalidTrajectoryException.class,
                () -> t.withGapsInterpolated(2));
        assertEquals("long", e.trackId());
        assertTrue(e.getMessage().contains("frames 6 → 18") && e.getMessage().contains("11 frames")
                && e.getMessage().contains("slice"), e.getMessage());
        InvalidTrajectoryException d = assertThrows(InvalidTrajectoryException.class, t::withGapsInterpolated);
        assertTrue(d.getMessage().contains("frames 6 → 18"), d.getMessage());
        assertEquals(18 + 1, t.withGapsInterpolated(11).size());
        assertThrows(IllegalArgumentException.class, () -> t.withGapsInterpolated(0));
    }

    @Test
    void theWidestFrameRangeIsRefusedInsteadOfFilled() {
        Trajectory t = Trajectory.of("wide", 0.1, new int[] {-1_100_000_000, 0, 1_100_000_000},
                new double[3], new double[3]);
        assertTrue(t.hasGaps());
        InvalidTrajectoryException e = assertThrows(InvalidTrajectoryException.class,
                () -> t.withGapsInterpolated(Integer.MAX_VALUE));
        assertTrue(e.getMessage().contains("more than an array holds"), e.getMessage());
    }
}
