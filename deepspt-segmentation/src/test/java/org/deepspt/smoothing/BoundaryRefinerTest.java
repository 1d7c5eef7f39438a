package org.deepspt.smoothing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.function.IntToDoubleFunction;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;

/**
 * Golden values from an independent brute-force Python implementation of the class documentation's score
 * (numpy, every candidate's sums recomputed from scratch: {@code src/test/resources/org/deepspt/smoothing/
 * boundary_refiner_reference.py}, whose output each expected change point is).
 */
class BoundaryRefinerTest {
    private static final int N = 70;

    /** Steps A_j·(cos 1.7j, sin(2.3j + 0.5)) from the origin. */
    private static Trajectory track2(String id, IntToDoubleFunction amplitude) {
        double[] x = new double[N];
        double[] y = new double[N];
        for (int j = 0; j + 1 < N; j++) {
            double a = amplitude.applyAsDouble(j);
            x[j + 1] = x[j] + a * Math.cos(1.7 * j);
            y[j + 1] = y[j] + a * Math.sin(2.3 * j + 0.5);
        }
        return Trajectory.ofAxes(id, 0.1, x, y);
    }

    /** Steps A_j·(cos 1.7j, sin(2.3j + 0.5), cos(0.9j + 1.1)) from the origin. */
    private static Trajectory track3(String id, IntToDoubleFunction amplitude) {
        double[][] axes = new double[3][N];
        for (int j = 0; j + 1 < N; j++) {
            double a = amplitude.applyAsDouble(j);
            axes[0][j + 1] = axes[0][j] + a * Math.cos(1.7 * j);
            axes[1][j + 1] = axes[1][j] + a * Math.sin(2.3 * j + 0.5);
            axes[2][j + 1] = axes[2][j] + a * Math.cos(0.9 * j + 1.1);
        }
        return Trajectory.ofAxes(id, 0.1, axes);
    }

    /** Row of state s: hi on s, lo on state 2 if s is 0 else on state 0, 0.05 on the others (as the script). */
    private static double[] rows(int[] path, double hi, double lo) {
        double[] p = new double[4 * path.length];
        for (int i = 0; i < path.length; i++) {
            int other = path[i] == 0 ? 2 : 0;
            for (int k = 0; k < 4; k++) {
                p[4 * i + k] = k == path[i] ? hi : k == other ? lo : 0.05;
            }
        }
        return p;
    }

    private static int[] path(int... runs) {
        int[] out = new int[N];
        int at = 0;
        for (int r = 0; r < runs.length; r += 2) {
            Arrays.fill(out, at, at + runs[r + 1], runs[r]);
            at += runs[r + 1];
        }
        assertEquals(N, at);
        return out;
    }

    private static int[] changes(int[] path) {
        return Arrays.stream(java.util.stream.IntStream.range(1, path.length).toArray())
                .filter(i -> path[i] != path[i - 1]).toArray();
    }

    @Test
    void movesAChangeToWhereTheStepScaleChangesAsTheReferenceDoes() {
        BoundaryRefiner r = BoundaryRefiner.defaults();
        int[] p = path(0, 30, 2, 40);
        Trajectory jump = track2("jump", j -> j < 35 ? 0.1 : 1.0);
        // 100x in step variance: the steps win over an unsure (0.55 / 0.35) and a sure (0.87 / 0.03) network
        assertArrayEquals(new int[] {36}, changes(r.refine(jump, p, rows(p, 0.55, 0.35), 4.0)));
        assertArrayEquals(new int[] {36}, changes(r.refine(jump, p, rows(p, 0.55, 0.35), Double.POSITIVE_INFINITY)));
        Trajectory small = track2("small", j -> j < 35 ? 0.5 : 0.7);
        // 2x in step variance: a sure network keeps its change; an unsure one follows the steps without the gain
        // test, and keeps its change with it (gain 2.0 nats < 10)
        assertArrayEquals(new int[] {30}, changes(r.refine(small, p, rows(p, 0.87, 0.03), 4.0)));
        assertArrayEquals(new int[] {30}, changes(r.refine(small, p, rows(p, 0.55, 0.35), 4.0)));
        assertArrayEquals(new int[] {36}, changes(BoundaryRefiner.of(12, 16).refine(small, p, rows(p, 0.55, 0.35),
                4.0)));
        // the gain of the 100x case is 68.3 nats
        assertArrayEquals(new int[] {36}, changes(BoundaryRefiner.of(12, 16, 60).refine(jump, p, rows(p, 0.55, 0.35),
                4.0)));
        assertArrayEquals(new int[] {30}, changes(BoundaryRefiner.of(12, 16, 70).refine(jump, p, rows(p, 0.55, 0.35),
                4.0)));
        int[] p3 = path(1, 33, 3, 37);
        assertArrayEquals(new int[] {27}, changes(r.refine(track3("3d", j -> j < 26 ? 0.2 : 1.0), p3,
                rows(p3, 0.55, 0.35), 3.0)));
    }

    /**
     * A filled gap (points 36..55 made up between 35 and 56) at one step scale: unmarked, its 21 tiny steps read
     * as a change of scale and the change at 30 moves towards them; marked, they count as one step (FillerSteps)
     * and the steps show no change, so the change stays where the network put it.
     */
    @Test
    void aFilledGapIsNoEvidenceForMovingAChange() {
        Trajectory t = track2("gap", j -> 1.0);
        double[][] axes = {t.axis(0), t.axis(1)};
        java.util.BitSet made = new java.util.BitSet();
        for (int i = 36; i < 56; i++) {
            made.set(i);
            for (double[] a : axes) {
                a[i] = a[35] + (a[56] - a[35]) * (i - 35) / 21.0;
            }
        }
        Trajectory filled = Trajectory.ofAxes("gap", 0.1, axes);
        int[] p = path(0, 30, 2, 40);
        BoundaryRefiner r = BoundaryRefiner.defaults();
        assertTrue(changes(r.refine(filled, p, rows(p, 0.55, 0.35), 4.0))[0] != 30, "unmarked filler moves it");
        assertArrayEquals(new int[] {30}, changes(r.refine(filled.withInterpolated(made), p, rows(p, 0.55, 0.35), 4.0)));
    }

    @Test
    void neverShrinksARunBelowTheMinimumOrBelowItsOwnLength() {
        // the run of 8 points would be cut to 4 by following the steps (change at 24); it may only grow
        int[] p = path(0, 20, 2, 8, 0, 42);
        int[] out = BoundaryRefiner.defaults().refine(track2("short", j -> j < 23 ? 0.1 : 1.0), p,
                rows(p, 0.55, 0.35), 4.0);
        assertArrayEquals(new int[] {20, 28}, changes(out));
        assertArrayEquals(new int[] {0, 2, 0}, runStates(out));
        // half-window 4: the change at 30 moves at most 4 points towards the scale change at 36 (points 22..38 scored)
        int[] q = path(0, 30, 2, 40);
        assertArrayEquals(new int[] {34}, changes(BoundaryRefiner.of(4, 16, 10).refine(
                track2("w", j -> j < 35 ? 0.1 : 1.0), q, rows(q, 0.55, 0.35), 4.0)));
    }

    @Test
    void leavesPathsWithoutChangesAndTheInputAlone() {
        Trajectory t = track2("one", j -> 0.3);
        int[] p = new int[N];
        int[] copy = p.clone();
        assertArrayEquals(p, BoundaryRefiner.defaults().refine(t, p, rows(p, 0.55, 0.35), 4.0));
        int[] q = path(0, 30, 2, 40);
        int[] qCopy = q.clone();
        BoundaryRefiner.defaults().refine(track2("jump", j -> j < 35 ? 0.1 : 1.0), q, rows(q, 0.55, 0.35), 4.0);
        assertArrayEquals(qCopy, q);
        assertArrayEquals(copy, p);
        // a window without motion keeps the change
        Trajectory still = Trajectory.ofAxes("still", 0.1, new double[N], new double[N]);
        assertArrayEquals(new int[] {30}, changes(BoundaryRefiner.defaults().refine(still, q, rows(q, 0.55, 0.35), 4)));
    }

    @Test
    void segmentationFormPermutesTheMovedRows() {
        int[] p = path(0, 30, 2, 40);
        double[] rows = rows(p, 0.55, 0.35);
        Trajectory t = track2("seg", j -> j < 35 ? 0.1 : 1.0);
        Segmentation s = Segmentation.ofFlat("seg", t.frames(), rows);
        Segmentation out = BoundaryRefiner.defaults().refine(t, s, rows, 4.0);
        assertArrayEquals(new int[] {36}, out.changePointIndices());
        for (int i = 30; i < 36; i++) {
            assertEquals(0.55, out.probabilities(i)[0], 0);
            assertEquals(0.35, out.probabilities(i)[2], 0);
        }
        assertEquals(0.55, out.probabilities(36)[2], 0);
        // the rows keep their values, so the verdict stays (it was dropped; found by review)
        Segmentation judged = s.withReliability(org.deepspt.api.Reliability.passed());
        assertEquals(judged.reliability(), BoundaryRefiner.defaults().refine(t, judged, rows, 4.0).reliability());
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        assertThrows(IllegalArgumentException.class, () -> BoundaryRefiner.of(0, 16));
        assertThrows(IllegalArgumentException.class, () -> BoundaryRefiner.of(12, 0));
        assertThrows(IllegalArgumentException.class, () -> BoundaryRefiner.of(12, 16, -1));
        assertThrows(IllegalArgumentException.class, () -> BoundaryRefiner.of(12, 16, Double.NaN));
        Trajectory t = track2("bad", j -> 0.3);
        int[] p = new int[N];
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BoundaryRefiner.defaults().refine(t, new int[N - 1], rows(p, 0.55, 0.35), 4.0));
        assertTrue(e.getMessage().contains("'bad'"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> BoundaryRefiner.defaults().refine(t, p, rows(p, 0.5, 0.4), 0));
        assertThrows(IllegalArgumentException.class,
                () -> BoundaryRefiner.defaults().refine(t, p, rows(p, 0.5, 0.4), Double.NaN));
        assertEquals(12, BoundaryRefiner.defaults().halfWindow());
        assertEquals(16, BoundaryRefiner.defaults().minimumRun());
        assertEquals(10, BoundaryRefiner.defaults().minimumGain());
    }

    private static int[] runStates(int[] path) {
        int[] c = changes(path);
        int[] out = new int[c.length + 1];
        out[0] = path[0];
        for (int i = 0; i < c.length; i++) {
            out[i + 1] = path[c[i]];
        }
        return out;
    }
}
