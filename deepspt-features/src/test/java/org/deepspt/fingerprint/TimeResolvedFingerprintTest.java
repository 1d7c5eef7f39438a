package org.deepspt.fingerprint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deepspt.TestTracks;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;

class TimeResolvedFingerprintTest {
    private static final DiffusionalFingerprint FP = DiffusionalFingerprint.defaults();

    @Test
    void rowsAverageTheWindowsCoveringEachFrame() {
        Trajectory t = TestTracks.seeded(9).brownian("tr", 50, 0.1, 1.0, 2, 0);
        int w = 20;
        FeatureMatrix m = TimeResolvedFingerprint.of(FP, w).compute(t);
        assertEquals(50, m.rows());
        assertEquals(31, m.columns());
        int windows = 50 - (w + 1) + 1;
        double[][] win = new double[windows][];
        for (int s = 0; s < windows; s++) {
            win[s] = FP.extract(t.slice(s, s + w + 1, "w" + s)).values();
        }
        for (int i : new int[] {0, 1, 10, 20, 25, 29, 30, 49}) {
            int lo = Math.max(0, i - w);
            int hi = Math.min(i, windows - 1);
            for (int j = 0; j < 31; j++) {
                double sum = 0;
                int c = 0;
                for (int s = lo; s <= hi; s++) {
                    if (!Double.isNaN(win[s][j])) {
                        sum += win[s][j];
                        c++;
                    }
                }
                double expected = c == 0 ? Double.NaN : sum / c;
                assertEquals(expected, m.get(i, j), 1e-12 * Math.max(1, Math.abs(expected)),
                        "row " + i + " " + m.names().get(j));
            }
        }
        assertArrayEquals(win[0], m.row(0), 0.0);
        assertArrayEquals(t.frames(), m.frames());
    }

    @Test
    void shortTracksGetTheWholeTrackFingerprintOnEveryRow() {
        Trajectory t = TestTracks.seeded(3).brownian("short", 15, 0.1, 1.0, 2, 0);
        FeatureMatrix m = TimeResolvedFingerprint.defaults().compute(t);
        double[] whole = FP.extract(t).values();
        for (int i = 0; i < 15; i++) {
            assertArrayEquals(whole, m.row(i), 0.0);
        }
    }

    /** The track with the given points replaced by the midpoint of their neighbours and marked interpolated. */
    private static Trajectory withFilledPoints(Trajectory t, int... made) {
        double[] x = t.axis(0);
        double[] y = t.axis(1);
        java.util.BitSet marks = new java.util.BitSet();
        for (int i : made) {
            x[i] = 0.5 * (x[i - 1] + x[i + 1]);
            y[i] = 0.5 * (y[i - 1] + y[i + 1]);
            marks.set(i);
        }
        return Trajectory.ofAxes(t.id(), t.frameInterval(), x, y).withInterpolated(marks);
    }

    @Test
    void windowsWithInterpolatedPointsUseTheirMeasuredPoints() {
        Trajectory t = withFilledPoints(TestTracks.seeded(21).brownian("filled", 60, 0.1, 1.0, 2, 0), 5, 6, 12, 25);
        FeatureMatrix m = TimeResolvedFingerprint.defaults().compute(t);
        FeatureMatrix unmarked = TimeResolvedFingerprint.defaults().compute(t.withInterpolated(new java.util.BitSet()));
        // row 0 is covered by window 0 only (points 0..20, three of them interpolated)
        double[] first = FP.extract(t.slice(0, 21, "w0")).values();
        assertArrayEquals(first, m.row(0), 0.0);
        assertEquals(18.0, m.get(0, "n_points"), 0.0);
        assertEquals(21.0, unmarked.get(0, "n_points"), 0.0);
        assertTrue(Math.abs(m.get(0, "mean_step_length") - unmarked.get(0, "mean_step_length")) > 1e-6);
        // the last row is covered by window 39 only (points 39..59, none interpolated): unchanged
        assertArrayEquals(FP.extract(t.slice(39, 60, "w39")).values(), m.row(59), 0.0);
        assertArrayEquals(unmarked.row(59), m.row(59), 0.0);
        assertEquals(60, m.rows());
        assertArrayEquals(t.frames(), m.frames());
    }

    @Test
    void shortTracksWithInterpolatedPointsGetTheWholeTrackFingerprint() {
        Trajectory t = withFilledPoints(TestTracks.seeded(3).brownian("short", 21, 0.1, 1.0, 2, 0), 5, 6, 12);
        FeatureMatrix m = TimeResolvedFingerprint.defaults().compute(t);
        double[] whole = FP.extract(t).values();
        for (int i = 0; i < 21; i++) {
            assertArrayEquals(whole, m.row(i), 0.0);
        }
    }

    @Test
    void segmentationColumnsFollowTheLocalStates() {
        Trajectory t = TestTracks.seeded(4).brownian("seg", 60, 0.1, 1.0, 2, 0);
        int[] states = new int[60];
        for (int i = 30; i < 60; i++) {
            states[i] = 2;
        }
        FeatureMatrix m = TimeResolvedFingerprint.of(FP, 10).compute(t, Segmentation.oneHot("seg", t.frames(), states));
        assertEquals(43, m.columns());
        assertEquals(1.0, m.get(0, "fraction_normal"), 0.0);
        assertEquals(1.0, m.get(59, "fraction_confined"), 0.0);
        assertEquals(1.0, m.get(5, "n_segments"), 0.0);
        assertTrue(m.get(30, "n_segments") > 1.0);
        double[] col = m.column("fraction_normal");
        for (int i = 1; i < 60; i++) {
            assertTrue(col[i] <= col[i - 1] + 1e-12, "fraction_normal should not increase at " + i);
        }
    }

    @Test
    void directedStretchShowsInTheEfficiency() {
        int n = 80;
        double[] x = new double[n];
        double[] y = new double[n];
        Trajectory b = TestTracks.seeded(12).brownian("b", n, 0.01, 1.0, 2, 0);
        for (int i = 0; i < n; i++) {
            x[i] = b.x(i) + (i < 40 ? 0.5 * i : 20);
            y[i] = b.y(i);
        }
        FeatureMatrix m = TimeResolvedFingerprint.defaults().compute(Trajectory.ofAxes("dir", 1.0, x, y));
        assertTrue(m.get(5, "efficiency") > 0.7);
        assertTrue(m.get(75, "efficiency") < 0.3);
    }

    @Test
    void rejectsBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> TimeResolvedFingerprint.of(FP, 0));
        assertThrows(IllegalArgumentException.class,
                () -> TimeResolvedFingerprint.defaults().compute(TestTracks.of2d("x", 0, 0, 1, 1)).get(0, "nope"));
    }
}
