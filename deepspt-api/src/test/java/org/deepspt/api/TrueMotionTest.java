package org.deepspt.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class TrueMotionTest {

    private static void rejects(String expected, Executable make) {
        InvalidTrajectoryException e = assertThrows(InvalidTrajectoryException.class, make);
        assertEquals("t1", e.trackId());
        assertTrue(e.getMessage().startsWith("track 't1': ") && e.getMessage().contains(expected), e.getMessage());
    }

    @Test
    void holdsPerPointValuesAndCopiesArrays() {
        int[] frames = {3, 4, 6};
        int[] states = {0, 0, 3};
        double[] d = {0.5, 0.5, 0.2};
        double[] alpha = {1, 1, 0.4};
        TrueMotion m = TrueMotion.of("a", frames, states, d, alpha);
        frames[0] = 0;
        states[0] = 2;
        d[0] = 9;
        alpha[0] = 9;
        assertEquals("a", m.trackId());
        assertEquals(3, m.size());
        assertArrayEquals(new int[] {3, 4, 6}, m.frames());
        assertArrayEquals(new int[] {0, 0, 3}, m.stateIndices());
        assertArrayEquals(new double[] {0.5, 0.5, 0.2}, m.diffusion());
        assertArrayEquals(new double[] {1, 1, 0.4}, m.alpha());
        m.diffusion()[0] = 7;
        m.stateIndices()[0] = 1;
        assertEquals(0.5, m.diffusion()[0]);
        assertEquals(0, m.stateIndices()[0]);
        assertTrue(m.hasStates() && m.hasAlpha());
    }

    @Test
    void consecutiveNumbersFramesFromZero() {
        TrueMotion m = TrueMotion.consecutive("7", new int[] {1, 1, 2}, new double[] {1, 1, 0.3},
                new double[] {1, 1, 1});
        assertArrayEquals(new int[] {0, 1, 2}, m.frames());
        assertEquals(TrueMotion.of("7", new int[] {0, 1, 2}, new int[] {1, 1, 2}, new double[] {1, 1, 0.3},
                new double[] {1, 1, 1}), m);
        assertEquals(m.hashCode(), TrueMotion.of("7", new int[] {0, 1, 2}, new int[] {1, 1, 2},
                new double[] {1, 1, 0.3}, new double[] {1, 1, 1}).hashCode());
        assertNotEquals(m, TrueMotion.of("7", new int[] {0, 1, 2}, null, new double[] {1, 1, 0.3},
                new double[] {1, 1, 1}));
        assertNotEquals(m, TrueMotion.consecutive("8", new int[] {1, 1, 2}, new double[] {1, 1, 0.3},
                new double[] {1, 1, 1}));
    }

    @Test
    void statesAndAlphaMayBeUnknown() {
        TrueMotion m = TrueMotion.of("t1", new int[] {0, 2}, null, new double[] {1, 2}, null);
        assertFalse(m.hasStates());
        assertFalse(m.hasAlpha());
        assertThrows(IllegalStateException.class, m::stateIndices);
        assertThrows(IllegalStateException.class, m::alpha);
        assertEquals("TrueMotion[track 't1', 2 points, no states, no alpha]", m.toString());
    }

    @Test
    void rejectsBadValuesNamingTheTrackAndThePoint() {
        rejects("frames 2, states 1, D 2, alpha 2",
                () -> TrueMotion.of("t1", new int[2], new int[1], new double[2], new double[2]));
        rejects("frames 2, D 1", () -> TrueMotion.of("t1", new int[2], null, new double[1], null));
        rejects("frame 0 at point 1 does not follow frame 0",
                () -> TrueMotion.of("t1", new int[] {0, 0}, null, new double[2], null));
        rejects("true state at point 0 is not 0..3: 4",
                () -> TrueMotion.consecutive("t1", new int[] {4}, new double[1], new double[1]));
        rejects("true state at point 1 is not 0..3: -1",
                () -> TrueMotion.consecutive("t1", new int[] {0, -1}, new double[2], new double[2]));
        rejects("true D at point 0 is not finite and >= 0: -1.0",
                () -> TrueMotion.of("t1", new int[] {0}, null, new double[] {-1}, null));
        rejects("true D at point 0 is not finite and >= 0: NaN",
                () -> TrueMotion.of("t1", new int[] {0}, null, new double[] {Double.NaN}, null));
        rejects("true D at point 1 is not finite and >= 0: Infinity",
                () -> TrueMotion.of("t1", new int[] {0, 1}, null, new double[] {0, Double.POSITIVE_INFINITY}, null));
        rejects("true alpha at point 0 is not finite and >= 0: NaN",
                () -> TrueMotion.of("t1", new int[] {0}, null, new double[] {1}, new double[] {Double.NaN}));
        rejects("true alpha at point 0 is not finite and >= 0: -0.5",
                () -> TrueMotion.of("t1", new int[] {0}, null, new double[] {1}, new double[] {-0.5}));
        assertThrows(NullPointerException.class, () -> TrueMotion.of("t1", new int[0], null, null, null));
    }

    @Test
    void checkMatchesComparesIdFramesAndKnownStates() {
        Trajectory t = Trajectory.builder("t1", 2, 1.0).addWithState(2, 0, 0, 0).addWithState(5, 3, 1, 1).build();
        TrueMotion.of("t1", new int[] {2, 5}, new int[] {0, 3}, new double[2], null).checkMatches(t);
        TrueMotion.of("t1", new int[] {2, 5}, null, new double[2], null).checkMatches(t);
        TrueMotion.of("t1", new int[] {2, 5}, new int[] {1, 1}, new double[2], null)
                .checkMatches(t.withoutStates());
        rejects("that of track 'u'", () -> TrueMotion.of("u", new int[] {2, 5}, null, new double[2], null)
                .checkMatches(t));
        rejects("true D is given for 1 points but the track has 2",
                () -> TrueMotion.of("t1", new int[] {2}, null, new double[1], null).checkMatches(t));
        rejects("true D is given for frame 4 at point 1 but the track's frame there is 5",
                () -> TrueMotion.of("t1", new int[] {2, 4}, null, new double[2], null).checkMatches(t));
        rejects("true state 2 is given for frame 5 but the track's state there is 3",
                () -> TrueMotion.of("t1", new int[] {2, 5}, new int[] {0, 2}, new double[2], null).checkMatches(t));
    }
}
