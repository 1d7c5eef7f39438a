package org.deepspt.msd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deepspt.TestTracks;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;

class LagMomentsTest {

    @Test
    void handComputedMomentsWithAGap() {
        // frames 0, 1, 3, 4; squared displacements: lag 1: 1 (0→1), 9 (3→4); lag 2: 8 (1→3);
        // lag 3: 13 (0→3), 29 (1→4); lag 4: 34 (0→4)
        Trajectory t = Trajectory.of("gappy", 1.0, new int[] {0, 1, 3, 4}, new double[] {0, 1, 3, 3},
                new double[] {0, 0, 2, 5});
        LagMoments m = new LagMoments().measure(t, 5);
        assertEquals(5, m.maxLag());
        int[] pairs = {2, 1, 2, 1, 0};
        double[] s2 = {10, 8, 42, 34, 0};
        double[] s4 = {82, 64, 13 * 13 + 29 * 29, 34 * 34, 0};
        for (int lag = 1; lag <= 5; lag++) {
            assertEquals(pairs[lag - 1], m.pairs(lag), "pairs at lag " + lag);
            assertEquals(s2[lag - 1], m.sumOfSquares(lag), 0, "S2 at lag " + lag);
            assertEquals(s4[lag - 1], m.sumOfFourthPowers(lag), 0, "S4 at lag " + lag);
        }
        assertEquals(5.0, m.msd(1), 0);
        assertTrue(Double.isNaN(m.msd(5)));
        assertThrows(IndexOutOfBoundsException.class, () -> m.msd(6));
        assertThrows(IndexOutOfBoundsException.class, () -> m.msd(0));
    }

    @Test
    void gappedScanSumsLikeTheConsecutiveScan() {
        for (int dim = 2; dim <= 3; dim++) {
            Trajectory t = TestTracks.seeded(dim).brownian("b", 40, 0.1, 1.0, dim, 0.02);
            double[][] axes = new double[dim][];
            for (int a = 0; a < dim; a++) {
                axes[a] = t.axis(a);
            }
            // the last point 5 frames late: up to lag 5 the gapped scan finds exactly the pairs of points
            // 0..38, which the consecutive scan sums (same order, so bit for bit); from lag 6 the last point
            // pairs with point 44 − lag as well
            int[] frames = t.frames();
            frames[39] += 5;
            LagMoments gapped = new LagMoments().measure(axes, frames, 0, 40, 12);
            LagMoments consecutive = new LagMoments().measure(axes, null, 0, 39, 12);
            for (int lag = 1; lag <= 12; lag++) {
                if (lag <= 5) {
                    assertEquals(consecutive.sumOfSquares(lag), gapped.sumOfSquares(lag), 0, "lag " + lag);
                    assertEquals(consecutive.sumOfFourthPowers(lag), gapped.sumOfFourthPowers(lag), 0);
                }
                assertEquals(39 - lag + (lag >= 6 ? 1 : 0), gapped.pairs(lag), "pairs at lag " + lag);
            }
            // a sub-range without the gap is scanned as consecutive points
            LagMoments sub = new LagMoments().measure(axes, frames, 3, 30, 12);
            LagMoments subConsecutive = new LagMoments().measure(axes, null, 3, 30, 12);
            assertEquals(subConsecutive.sumOfSquares(7), sub.sumOfSquares(7), 0);
            assertEquals(23, sub.pairs(7));
        }
    }

    @Test
    void reusedAcrossTracksOfDifferentLength() {
        LagMoments m = new LagMoments();
        Trajectory longer = TestTracks.seeded(1).brownian("l", 100, 0.1, 1.0, 2, 0);
        Trajectory shorter = TestTracks.seeded(2).brownian("s", 10, 0.1, 1.0, 2, 0);
        m.measure(longer, 49);
        m.measure(shorter, 9);
        assertEquals(9, m.maxLag());
        assertEquals(new LagMoments().measure(shorter, 9).msd(3), m.msd(3), 0);
        assertThrows(IllegalArgumentException.class, () -> m.measure(shorter, -1));
    }

    @Test
    void measuredBeforeCountsTheMeasuredPointsBeforeEachIndex() {
        Trajectory t = TestTracks.seeded(3).brownian("m", 8, 0.1, 1.0, 2, 0);
        assertNull(LagMoments.measuredBefore(t), "no interpolated point: the numberings agree");
        java.util.BitSet made = new java.util.BitSet();
        made.set(2);
        made.set(3);
        made.set(6);
        // points 0 1 [2] [3] 4 5 [6] 7: measured before each index 0..8
        assertArrayEquals(new int[] {0, 1, 2, 2, 2, 3, 4, 4, 5}, LagMoments.measuredBefore(t.withInterpolated(made)));
    }
}
