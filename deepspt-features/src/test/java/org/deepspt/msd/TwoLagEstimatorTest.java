package org.deepspt.msd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.deepspt.TestTracks;
import org.deepspt.api.FitStatus;
import org.deepspt.api.MotionEstimate;
import org.deepspt.api.Segment;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;

class TwoLagEstimatorTest {
    private static final double TOL = 1e-12;

    /** 10 points, 2D, Δt = 0.05 s; segments of 4 (normal) and 6 (subdiffusive) points. */
    private static final Trajectory TRACK = Trajectory.of("t", 0.05, new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9},
            new double[] {0.0, 0.3, 0.1, 0.5, 0.4, 0.9, 0.7, 1.2, 1.25, 1.0},
            new double[] {0.0, -0.2, 0.1, 0.0, 0.6, 0.5, 0.9, 0.8, 1.5, 1.9});
    private static final Segmentation SEGMENTS = Segmentation.oneHot("t", TRACK.frames(),
            new int[] {0, 0, 0, 0, 3, 3, 3, 3, 3, 3});

    /*
     * Golden values from an independent numpy implementation of the class documentation:
     * o_track = 2·0.2208… − 0.3354… = 0.10635416666666675 µm²; segment 1: M1 = 0.14333, M2 = 0.05, o capped at 0.025;
     * segment 2: M1 = 0.287, M2 = 0.568125, o = o_track. The D errors include SE(o_track) = M1(track)·√(4/(2·9))
     * = 0.11706545599643955 µm² (recomputed with numpy on 2026-12-07 when that term was added).
     */
    @Test
    void twoLagEstimateMatchesTheFormulas() {
        Segmentation s = SegmentMotionFitter.msdFitOnly().withTwoLagsBelow(TwoLagAlpha.MEASURED, Integer.MAX_VALUE)
                .estimate(TRACK, SEGMENTS);
        MotionEstimate a = s.segments().get(0).motion();
        MotionEstimate b = s.segments().get(1).motion();
        // log2 of a ratio < 1: clamped at 0 and flagged, no SE of alpha; D with alpha = 0 and the lag-1 error only
        assertEquals(FitStatus.AT_BOUND, a.status());
        assertEquals(2, a.lags());
        assertEquals(0.0, a.alpha(), TOL);
        assertEquals(0.029583333333333333, a.diffusionCoefficient(), TOL);
        assertTrue(Double.isNaN(a.alphaError()));
        assertEquals(0.03584033092742943, a.diffusionCoefficientError(), 1e-12);
        assertEquals(FitStatus.TWO_LAGS, b.status());
        assertEquals(1.3540130727269504, b.alpha(), 1e-12);
        assertEquals(2.608432361608698, b.diffusionCoefficient(), 1e-11);
        assertEquals(1.4940446426235132, b.alphaError(), 1e-10);
        assertEquals(11.941146646239272, b.diffusionCoefficientError(), 1e-9);
        assertTrue(!a.isEstimate() && b.isEstimate());
    }

    @Test
    void brownianAndByStateRules() {
        Segmentation brownian = SegmentMotionFitter.msdFitOnly()
                .withTwoLagsBelow(TwoLagAlpha.BROWNIAN, Integer.MAX_VALUE)
                .estimate(TRACK, SEGMENTS);
        assertEquals(1.0, brownian.segments().get(0).motion().alpha(), 0.0);
        assertTrue(Double.isNaN(brownian.segments().get(0).motion().alphaError()));
        assertEquals(0.5916666666666667, brownian.segments().get(0).motion().diffusionCoefficient(), TOL);
        assertEquals(0.7168066185485885, brownian.segments().get(0).motion().diffusionCoefficientError(), 1e-12);
        assertEquals(0.9032291666666661, brownian.segments().get(1).motion().diffusionCoefficient(), TOL);
        assertEquals(0.8685925539004798, brownian.segments().get(1).motion().diffusionCoefficientError(), 1e-12);
        // α = 1 imposed by the rule: flagged, D still an estimate, α not
        for (Segment seg : brownian.segments()) {
            assertEquals(FitStatus.ALPHA_FROM_STATE, seg.motion().status());
            assertTrue(seg.motion().isEstimate() && !seg.motion().status().isAlphaEstimate());
        }
        Segmentation byState = SegmentMotionFitter.defaults()
                .estimate(TRACK, SEGMENTS);
        // normal: α = 1 as BROWNIAN; subdiffusive: the two-lag α̂ (1.354) capped at 1
        assertEquals(brownian.segments().get(0).motion(), byState.segments().get(0).motion());
        MotionEstimate sub = byState.segments().get(1).motion();
        assertEquals(1.0, sub.alpha(), 0.0);
        assertEquals(0.9032291666666661, sub.diffusionCoefficient(), TOL);
        assertTrue(Double.isNaN(sub.alphaError())); // held at 1 by the state: not a measurement, and flagged so
        assertEquals(FitStatus.ALPHA_FROM_STATE, sub.status());
        assertEquals(FitStatus.ALPHA_FROM_STATE, byState.segments().get(0).motion().status());
        // the same segment as confined keeps its measured α̂: two_lags
        MotionEstimate measured = SegmentMotionFitter.defaults().estimate(TRACK, Segmentation.oneHot("t",
                TRACK.frames(), new int[] {0, 0, 0, 0, 2, 2, 2, 2, 2, 2})).segments().get(1).motion();
        assertEquals(FitStatus.TWO_LAGS, measured.status());
        assertTrue(measured.status().isAlphaEstimate() && measured.alphaError() > 0);
        assertEquals(0.8685925539004798, sub.diffusionCoefficientError(), 1e-12);
    }

    @Test
    void mixedEstimateUsesTheFitFromTheGivenLength() {
        Segmentation s = SegmentMotionFitter.defaults().withTwoLagsBelow(TwoLagAlpha.BY_STATE, 5)
                .estimate(TRACK, SEGMENTS);
        // 4 points: two lags; 6 points: the MSD fit has 1 lag (< 4), so the two-lag estimate stands in
        assertEquals(FitStatus.ALPHA_FROM_STATE, s.segments().get(0).motion().status()); // normal: α = 1
        assertEquals(FitStatus.ALPHA_FROM_STATE, s.segments().get(1).motion().status()); // α̂ 1.354 held at 1
        Trajectory long1 = TestTracks.seeded(3).brownian("l", 60, 0.1, 0.1, 2, 0.01);
        int[] states = new int[60];
        Arrays.fill(states, 30, 60, 2);
        Segmentation m = SegmentMotionFitter.defaults().withTwoLagsBelow(TwoLagAlpha.BY_STATE, 30)
                .estimate(long1, Segmentation.oneHot("l", long1.frames(), states));
        MsdFit fit = MsdFitter.defaults().fit(long1.slice(30, 60, "l"));
        assertEquals(fit.alpha(), m.segments().get(1).motion().alpha(), 0.0);
        assertEquals(7, m.segments().get(1).motion().lags());
    }

    @Test
    void directedAndConfinedSegmentsKeepTheirStatesRange() {
        // segment 2 of TRACK measures α̂ = 1.354: kept for directed and confined, capped at 1 for subdiffusive
        for (int state : new int[] {1, 2}) {
            int[] states = {0, 0, 0, 0, state, state, state, state, state, state};
            MotionEstimate e = SegmentMotionFitter.defaults().estimate(TRACK, Segmentation.oneHot("t", TRACK.frames(),
                    states)).segments().get(1).motion();
            assertEquals(1.3540130727269504, e.alpha(), 1e-12);
            assertEquals(2.608432361608698, e.diffusionCoefficient(), 1e-11);
        }
        // segment 1 measures α̂ = 0 (clamped): a directed segment is held at 1
        MotionEstimate directed = SegmentMotionFitter.defaults().estimate(TRACK, Segmentation.oneHot("t",
                TRACK.frames(), new int[] {1, 1, 1, 1, 0, 0, 0, 0, 0, 0})).segments().get(0).motion();
        assertEquals(1.0, directed.alpha(), 0.0);
        assertEquals(0.5916666666666667, directed.diffusionCoefficient(), 1e-12);
        assertEquals(FitStatus.ALPHA_FROM_STATE, directed.status());
        assertTrue(Double.isNaN(directed.alphaError()));
        // ... and a confined one fills its "cage" within a frame (M1 = 0.14333 >= var x + var y = 0.036875 +
        // 0.011875 = 0.04875 µm²): the measured values (α̂ clamped at 0, D at α 0 as in
        // twoLagEstimateMatchesTheFormulas), flagged cage_saturated instead of at_bound
        MotionEstimate confined = SegmentMotionFitter.defaults().estimate(TRACK, Segmentation.oneHot("t",
                TRACK.frames(), new int[] {2, 2, 2, 2, 0, 0, 0, 0, 0, 0})).segments().get(0).motion();
        assertEquals(0.0, confined.alpha(), 0.0);
        assertEquals(0.029583333333333333, confined.diffusionCoefficient(), 1e-12);
        assertTrue(Double.isNaN(confined.alphaError()));
        assertEquals(FitStatus.CAGE_SATURATED, confined.status());
    }

    @Test
    void msdFitOnlyKeepsNaNAndTooFewPointsStayNaN() {
        Segmentation s = SegmentMotionFitter.msdFitOnly().estimate(TRACK, SEGMENTS);
        assertEquals(FitStatus.TOO_FEW_LAGS, s.segments().get(0).motion().status());
        assertTrue(Double.isNaN(s.segments().get(1).motion().diffusionCoefficient()));
        Segmentation twoPoints = SegmentMotionFitter.defaults().estimate(TRACK,
                Segmentation.oneHot("t", TRACK.frames(), new int[] {0, 0, 1, 1, 1, 1, 1, 1, 1, 1}));
        assertEquals(FitStatus.TOO_FEW_LAGS, twoPoints.segments().get(0).motion().status());
        assertEquals(FitStatus.TWO_LAGS, twoPoints.segments().get(1).motion().status());
    }

    @Test
    void pointsThatDoNotMoveHaveNoMotion() {
        Trajectory still = Trajectory.of("s", 0.1, new int[] {0, 1, 2, 3, 4, 5}, new double[] {1, 1, 1, 2, 3, 4},
                new double[] {0, 0, 0, 1, 1, 2});
        MotionEstimate e = SegmentMotionFitter.defaults().estimate(still,
                Segmentation.oneHot("s", still.frames(), new int[] {2, 2, 2, 0, 0, 0})).segments().get(0).motion();
        assertEquals(FitStatus.NO_MOTION, e.status());
        assertEquals(0.0, e.diffusionCoefficient(), 0.0);
    }

    /**
     * Brownian segments of 10 points with noise (Q = 2) inside tracks of 200: the medians of D̂ and (measured) α̂
     * sit near the truth; labelled normal, the default holds α at 1 and D̂ stays unbiased.
     */
    @Test
    void noisyBrownianSegmentsAreEstimatedWithoutBias() {
        TestTracks gen = TestTracks.seeded(7);
        int k = 400;
        double[] d = new double[k];
        double[] a = new double[k];
        double[] dNormal = new double[k];
        int atBound = 0;
        double trueD = 0.2;
        double dt = 0.05;
        double sigma = Math.sqrt(trueD * dt) / 2;
        SegmentMotionFitter measured = SegmentMotionFitter.defaults().withTwoLagsBelow(TwoLagAlpha.MEASURED,
                Integer.MAX_VALUE);
        for (int i = 0; i < k; i++) {
            Trajectory t = gen.brownian("b" + i, 200, trueD, dt, 2, sigma);
            int[] states = new int[200];
            Arrays.fill(states, 3);
            Arrays.fill(states, 100, 110, 0); // a 10-point segment inside a long track of the same motion
            Segmentation seg = Segmentation.oneHot(t.id(), t.frames(), states);
            MotionEstimate e = measured.estimate(t, seg).segments().get(1).motion();
            assertTrue(e.status() == FitStatus.TWO_LAGS || e.status() == FitStatus.AT_BOUND, e.status().label());
            atBound += e.status() == FitStatus.AT_BOUND ? 1 : 0;
            d[i] = e.diffusionCoefficient();
            a[i] = e.alpha();
            MotionEstimate n = SegmentMotionFitter.defaults().estimate(t, seg).segments().get(1).motion();
            assertEquals(1.0, n.alpha(), 0.0);
            dNormal[i] = n.diffusionCoefficient();
        }
        Arrays.sort(d);
        Arrays.sort(a);
        Arrays.sort(dNormal);
        assertEquals(trueD, d[k / 2], 0.05);
        assertEquals(1.0, a[k / 2], 0.2);
        assertEquals(trueD, dNormal[k / 2], 0.03);
        assertTrue(atBound < k / 10, atBound + " of " + k + " measured alphas on a bound");
    }

    /**
     * Interpolated points are skipped by the two-lag estimate as by the MSD fit: a track with points 2 and 6 made up
     * is estimated as the track of its 8 measured points with those frames missing (the same segments by frame).
     */
    @Test
    void interpolatedPointsAreSkipped() {
        java.util.BitSet made = new java.util.BitSet();
        made.set(2);
        made.set(6);
        Trajectory filled = TRACK.withInterpolated(made);
        SegmentMotionFitter fitter = SegmentMotionFitter.msdFitOnly().withTwoLagsBelow(TwoLagAlpha.MEASURED,
                Integer.MAX_VALUE);
        Segmentation withGaps = fitter.estimate(filled, SEGMENTS);
        Trajectory measured = filled.measured();
        Segmentation ofMeasured = fitter.estimate(measured, Segmentation.oneHot("t", measured.frames(),
                new int[] {0, 0, 0, 3, 3, 3, 3, 3}));
        for (int k = 0; k < 2; k++) {
            MotionEstimate a = withGaps.segments().get(k).motion();
            MotionEstimate b = ofMeasured.segments().get(k).motion();
            assertEquals(b.diffusionCoefficient(), a.diffusionCoefficient(), 0.0, "segment " + k);
            assertEquals(b.alpha(), a.alpha(), 0.0, "segment " + k);
            assertEquals(b.diffusionCoefficientError(), a.diffusionCoefficientError(), 0.0, "segment " + k);
            assertEquals(b.status(), a.status(), "segment " + k);
        }
        // and it differs from treating the made-up points as measured
        assertTrue(fitter.estimate(TRACK, SEGMENTS).segments().get(1).motion().diffusionCoefficient()
                != withGaps.segments().get(1).motion().diffusionCoefficient());
    }

    /**
     * A confined segment in a cage it fills within a frame (the published protocol's regime: cage radius 0.05 µm,
     * D 0.1 µm²/s, Δt 1 s, so √(4·D·Δt) = 0.63 µm ≫ r) measures the walls at lags 1 and 2: α̂ ≈ 0 and D̂ far below
     * the D inside. It is flagged {@link FitStatus#CAGE_SATURATED} (values kept, no SE of α, not an estimate), and
     * (M₁ − o)/(2·d·Δt), the bound the flag promises, holds: below the true D. A cage 30× larger than a step
     * (r = 2 µm, D 0.01 µm²/s) is not flagged. Fails on the code before cage_saturated (two_lags).
     */
    @Test
    void confinedSegmentThatFillsItsCageWithinAFrameIsALowerBound() {
        TestTracks gen = TestTracks.seeded(11);
        int saturated = 0;
        for (int i = 0; i < 50; i++) {
            Trajectory tight = gen.confined("c" + i, 60, 0.1, 0.05, 1.0, 2);
            Segmentation seg = Segmentation.oneHot(tight.id(), tight.frames(), filled(60, 2));
            MotionEstimate e = SegmentMotionFitter.defaults().estimate(tight, seg).segments().get(0).motion();
            assertEquals(FitStatus.CAGE_SATURATED, e.status());
            assertTrue(Double.isNaN(e.alphaError()));
            // D̂·Δt^α̂ = (M₁ − o)/(2·d), so the bound (M₁ − o)/(2·d·Δt) is D̂·Δt^(α̂ − 1) = D̂ at Δt = 1 s
            assertTrue(e.diffusionCoefficient() > 0 && e.diffusionCoefficient() < 0.1, "a lower bound of D = 0.1: "
                    + e.diffusionCoefficient());
            assertTrue(!e.isEstimate() && !e.status().isAlphaEstimate());
            saturated++;
            // the same points called subdiffusive keep the measured exponent (the rule is the confined state's)
            MotionEstimate sub = SegmentMotionFitter.defaults().estimate(tight,
                    Segmentation.oneHot(tight.id(), tight.frames(), filled(60, 3))).segments().get(0).motion();
            assertTrue(sub.status() != FitStatus.CAGE_SATURATED, sub.status().label());
        }
        assertEquals(50, saturated);
        int measured = 0;
        for (int i = 0; i < 50; i++) {
            Trajectory wide = gen.confined("w" + i, 60, 0.01, 2.0, 1.0, 2);
            MotionEstimate e = SegmentMotionFitter.defaults().estimate(wide,
                    Segmentation.oneHot(wide.id(), wide.frames(), filled(60, 2))).segments().get(0).motion();
            measured += e.status() != FitStatus.CAGE_SATURATED ? 1 : 0;
        }
        assertTrue(measured >= 48, measured + " of 50 wide cages measured");
    }

    /**
     * A one-segment subdiffusive track (fBm, α 0.75, D 0.02 µm²/s<sup>α</sup>, Δt 0.05 s, 200 points) gets the
     * track's anomalous MSD fit, as {@code msd} reports it (status ok): the two-lag exponent with the same points'
     * offset is 1 by construction (the code before: median α 1.0, status two_lags). Normal and directed one-segment
     * tracks keep the two-lag estimate.
     */
    @Test
    void oneSegmentSubdiffusiveTrackGetsTheWholeTrackFit() {
        TestTracks gen = TestTracks.seeded(9);
        int k = 100;
        double[] a = new double[k];
        for (int i = 0; i < k; i++) {
            Trajectory t = gen.fbm("f" + i, 200, 0.02, 0.05, 2, 0.375);
            MotionEstimate e = SegmentMotionFitter.defaults().estimate(t,
                    Segmentation.oneHot(t.id(), t.frames(), filled(200, 3))).segments().get(0).motion();
            if (e.status() == FitStatus.OK) {
                MsdFit fit = MsdFitter.defaults().fit(t);
                assertEquals(fit.alpha(), e.alpha(), 0.0);
                assertEquals(fit.diffusionCoefficient(), e.diffusionCoefficient(), 0.0);
                assertEquals(fit.lags(), e.lags());
            }
            a[i] = e.alpha();
            MotionEstimate normal = SegmentMotionFitter.defaults().estimate(t,
                    Segmentation.oneHot(t.id(), t.frames(), filled(200, 0))).segments().get(0).motion();
            assertEquals(2, normal.lags());
        }
        Arrays.sort(a);
        assertEquals(0.75, a[k / 2], 0.08);
    }

    /**
     * A directed segment that is its whole track (drift 0.05 µm/frame, D 0.01 µm²/s, σ 20 nm, Δt 1 s, 100 points):
     * with the track's own offset uncapped, the two-lag exponent is 1 by construction, so α = 1 is flagged
     * alpha_from_state, not two_lags (the reviewer's directed segments at α 1.0 said two_lags on the code before).
     */
    @Test
    void theExponentOfAOneSegmentTrackIsNotAMeasurement() {
        TestTracks gen = TestTracks.seeded(13);
        int byConstruction = 0;
        for (int i = 0; i < 50; i++) {
            Trajectory t = gen.directed("d" + i, 100, 0.01, 0.05, 1.0, 2, 0.02);
            MotionEstimate e = SegmentMotionFitter.defaults().estimate(t,
                    Segmentation.oneHot(t.id(), t.frames(), filled(100, 1))).segments().get(0).motion();
            if (e.alpha() == 1.0) {
                byConstruction++;
                assertEquals(FitStatus.ALPHA_FROM_STATE, e.status());
                assertTrue(Double.isNaN(e.alphaError()));
            } else {
                assertEquals(FitStatus.TWO_LAGS, e.status()); // a capped or zero offset: α̂ measured
            }
        }
        assertTrue(byConstruction > 0, "no one-segment track had its own uncapped offset");
    }

    private static int[] filled(int n, int state) {
        int[] states = new int[n];
        Arrays.fill(states, state);
        return states;
    }
}
