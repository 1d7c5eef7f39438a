package org.deepspt.baseline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.deepspt.TestTracks;
import org.deepspt.api.DiffusionState;
import org.deepspt.api.Segmentation;
import org.deepspt.api.SegmentationResult;
import org.deepspt.api.SegmenterProvenance;
import org.deepspt.api.TrackTooShortException;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;

class RollingMsdSegmenterTest {
    private static final RollingMsdSegmenter SEG = RollingMsdSegmenter.defaults();
    private static final RollingMsdSegmenter WIDE = RollingMsdSegmenter.of(50, 0.7, 1.3);

    /**
     * Fraction of all frames of these tracks predicted as {@code expected}; asserts no confined and
     * that {@code expected} is the most frequent prediction.
     */
    private static double fraction(RollingMsdSegmenter seg, List<Trajectory> tracks, DiffusionState expected) {
        long hit = 0;
        long total = 0;
        long[] perState = new long[4];
        for (Trajectory t : tracks) {
            Segmentation s = seg.segment(t);
            assertEquals(t.size(), s.size());
            assertEquals(t.id(), s.trackId());
            for (int i = 0; i < s.size(); i++) {
                assertTrue(s.state(i) != DiffusionState.CONFINED, "confined predicted");
                assertEquals(1.0, s.probability(i, s.state(i)));
                if (s.state(i) == expected) {
                    hit++;
                }
                perState[s.state(i).index()]++;
                total++;
            }
        }
        for (int k = 0; k < 4; k++) {
            assertTrue(perState[k] <= hit, "state " + k + " more frequent than " + expected);
        }
        return hit / (double) total;
    }

    @Test
    void brownianTracksAreMostlyNormal() {
        TestTracks gen = TestTracks.seeded(100);
        List<Trajectory> tracks = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            tracks.add(gen.brownian("b" + k, 300, 0.1, 1.0, 2, 0));
        }
        // a 3-parameter fit on 20-point windows is noisy: the paper's baseline is weak by design
        double f = fraction(SEG, tracks, DiffusionState.NORMAL);
        assertTrue(f > 0.55, "normal fraction " + f);
        double wide = fraction(WIDE, tracks, DiffusionState.NORMAL);
        assertTrue(wide > 0.7, "normal fraction, window 50: " + wide);
    }

    @Test
    void directedTracksAreMostlyDirected() {
        TestTracks gen = TestTracks.seeded(101);
        List<Trajectory> tracks = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            tracks.add(gen.directed("d" + k, 300, 0.01, 0.5, 1.0, 3, 0));
        }
        double f = fraction(SEG, tracks, DiffusionState.DIRECTED);
        assertTrue(f > 0.9, "directed fraction " + f);
        double wide = fraction(WIDE, tracks, DiffusionState.DIRECTED);
        assertTrue(wide > 0.95, "directed fraction, window 50: " + wide);
    }

    @Test
    void subdiffusiveTracksAreMostlySubdiffusive() {
        TestTracks gen = TestTracks.seeded(102);
        List<Trajectory> tracks = new ArrayList<>();
        for (int k = 0; k < 20; k++) {
            tracks.add(gen.fbm("f" + k, 300, 0.1, 1.0, 2, 0.15));
        }
        double f = fraction(SEG, tracks, DiffusionState.SUBDIFFUSIVE);
        assertTrue(f > 0.5, "subdiffusive fraction " + f);
        double wide = fraction(WIDE, tracks, DiffusionState.SUBDIFFUSIVE);
        assertTrue(wide > 0.7, "subdiffusive fraction, window 50: " + wide);
    }

    @Test
    void changeOfBehaviourIsLocalised() {
        // 150 Brownian points followed by 150 strongly directed points (continuing from the last position)
        TestTracks gen = TestTracks.seeded(103);
        RollingMsdSegmenter seg = RollingMsdSegmenter.of(40, 0.7, 1.3);
        int directedLate = 0;
        int directedEarly = 0;
        int tracks = 20;
        for (int k = 0; k < tracks; k++) {
            Trajectory a = gen.brownian("a", 150, 0.05, 1.0, 2, 0);
            Trajectory b = gen.directed("b", 150, 0.01, 0.8, 1.0, 2, 0);
            double[] x = new double[300];
            double[] y = new double[300];
            for (int i = 0; i < 150; i++) {
                x[i] = a.x(i);
                y[i] = a.y(i);
                x[150 + i] = a.x(149) + b.x(i) + 0.3;
                y[150 + i] = a.y(149) + b.y(i);
            }
            Segmentation s = seg.segment(Trajectory.ofAxes("ab" + k, 1.0, x, y));
            for (int i = 0; i < 120; i++) {
                directedEarly += s.state(i) == DiffusionState.DIRECTED ? 1 : 0;
            }
            for (int i = 180; i < 300; i++) {
                directedLate += s.state(i) == DiffusionState.DIRECTED ? 1 : 0;
            }
        }
        // Brownian windows reach α ≥ 1.3 by chance in some 10–20 % of cases
        assertTrue(directedLate > 0.95 * 120 * tracks, "late " + directedLate);
        assertTrue(directedEarly < 0.25 * 120 * tracks, "early " + directedEarly);
    }

    @Test
    void endsShareTheInwardShiftedWindow() {
        Trajectory t = TestTracks.seeded(4).brownian("e", 60, 0.1, 1.0, 2, 0);
        double[] alpha = SEG.alphas(t);
        for (int i = 1; i <= 10; i++) {
            assertEquals(alpha[0], alpha[i], 0.0);   // starts clamp to 0 for i ≤ 10
        }
        for (int i = 50; i < 60; i++) {
            assertEquals(alpha[59], alpha[i], 0.0);  // starts clamp to N − 20 = 40 for i ≥ 50
        }
        assertTrue(alpha[20] != alpha[30]);
    }

    @Test
    void shortTracksUseTheWholeTrackAndTooShortOnesAreRejected() {
        Trajectory five = TestTracks.seeded(5).directed("five", 5, 0.001, 1.0, 1.0, 2, 0);
        Segmentation s = SEG.segment(five);
        for (int i = 0; i < 5; i++) {
            assertEquals(DiffusionState.DIRECTED, s.state(i));
        }
        assertEquals(5, SEG.minimumLength());
        Trajectory four = Trajectory.ofAxes("four", 1.0, new double[4], new double[4]);
        TrackTooShortException e = assertThrows(TrackTooShortException.class, () -> SEG.segment(four));
        assertEquals("four", e.trackId());
    }

    @Test
    void stationaryAndGappedTracksAreHandled() {
        Trajectory still = Trajectory.ofAxes("still", 1.0, new double[30], new double[30]);
        Segmentation s = SEG.segment(still);
        for (int i = 0; i < 30; i++) {
            assertEquals(DiffusionState.SUBDIFFUSIVE, s.state(i));
        }
        // a directed track with every third frame missing keeps its frames and is still directed
        Trajectory full = TestTracks.seeded(6).directed("g", 90, 0.001, 1.0, 1.0, 2, 0);
        Trajectory.Builder b = Trajectory.builder("g", 2, 1.0);
        for (int i = 0; i < 90; i++) {
            if (i % 3 != 2) {
                b.add(full.frame(i), full.x(i), full.y(i));
            }
        }
        Trajectory gapped = b.build();
        Segmentation g = SEG.segment(gapped);
        assertEquals(60, g.size());
        assertEquals(gapped.frame(59), g.frame(59));
        for (int i = 0; i < g.size(); i++) {
            assertEquals(DiffusionState.DIRECTED, g.state(i));
        }
    }

    @Test
    void validatesConfiguration() {
        assertEquals("rolling-msd", SEG.name());
        assertEquals(20, SEG.window());
        assertThrows(IllegalArgumentException.class, () -> RollingMsdSegmenter.of(4, 0.7, 1.3));
        assertThrows(IllegalArgumentException.class, () -> RollingMsdSegmenter.of(20, 1.3, 0.7));
        assertEquals(DiffusionState.SUBDIFFUSIVE, SEG.classify(0.7));
        assertEquals(DiffusionState.NORMAL, SEG.classify(0.71));
        assertEquals(DiffusionState.DIRECTED, SEG.classify(1.3));
    }

    @Test
    void segmentsABatchOfTracksCompletely() {
        // Speed is a benchmark's business (BENCHMARKS.md), never a unit test's: this only checks the batch call.
        TestTracks gen = TestTracks.seeded(7);
        List<Trajectory> tracks = new ArrayList<>();
        for (int k = 0; k < 100; k++) {
            tracks.add(gen.brownian("t" + k, 200, 0.1, 1.0, 2, 0.05));
        }
        List<Segmentation> out = SEG.segmentEach(tracks).stream().map(SegmentationResult::orElseThrow).toList();
        assertEquals(SegmenterProvenance.withoutModel("rolling-msd", "rolling-MSD baseline"), SEG.provenance());
        assertTrue(SEG.provenance().modelFile().isEmpty() && !SEG.provenance().usesModel());
        assertEquals(100, out.size());
        for (int k = 0; k < out.size(); k++) {
            assertEquals("t" + k, out.get(k).trackId());
            assertEquals(200, out.get(k).size());
        }
    }

    /**
     * A 7-point window is fitted on 4 lags (before: 3 lags for 3 parameters, an exact interpolation giving α > 3 or
     * < 0.01 on a sixth of 6-point random walks), and one missing frame does not change whether it is fitted (the
     * gapped path already needed 4 lags).
     */
    @Test
    void shortWindowsAreFittedOnFourLagsWithOrWithoutAGap() {
        double[] x = {0, 0.31, 0.12, 0.55, 0.71, 0.42, 0.93};
        double[] y = {0, -0.22, 0.05, 0.18, -0.11, 0.26, 0.40};
        double a = RollingMsdSegmenter.defaults().alphas(Trajectory.of("t", 1.0, new int[] {0, 1, 2, 3, 4, 5, 6},
                x, y))[0];
        double b = RollingMsdSegmenter.defaults().alphas(Trajectory.of("t", 1.0, new int[] {0, 1, 2, 3, 4, 5, 7},
                x, y))[0];
        org.junit.jupiter.api.Assertions.assertFalse(Double.isNaN(a), "gap-free 7 points: 4 lags, fitted");
        org.junit.jupiter.api.Assertions.assertFalse(Double.isNaN(b), "one gap: lags 1-4 still have data");
        java.util.Random r = new java.util.Random(3);
        int wild = 0;
        for (int k = 0; k < 200; k++) {
            double[] u = new double[6];
            double[] v = new double[6];
            for (int i = 1; i < 6; i++) {
                u[i] = u[i - 1] + r.nextGaussian();
                v[i] = v[i - 1] + r.nextGaussian();
            }
            double al = RollingMsdSegmenter.defaults().alphas(Trajectory.ofAxes("w", 1.0, u, v))[0];
            wild += al > 3 || al < 0.01 ? 1 : 0;
        }
        org.junit.jupiter.api.Assertions.assertTrue(wild < 33, wild + " of 200 six-point walks with alpha > 3 or "
                + "< 0.01 (33 with 3 lags)");
    }
}
