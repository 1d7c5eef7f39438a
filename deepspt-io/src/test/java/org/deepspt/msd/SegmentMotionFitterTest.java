package org.deepspt.msd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.Arrays;
import org.deepspt.TestTracks;
import org.deepspt.api.FitStatus;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.api.MotionEstimate;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Trajectory;
import org.deepspt.io.SegmentsCsvWriter;
import org.junit.jupiter.api.Test;

class SegmentMotionFitterTest {

    /** Two halves of 200 points each: Brownian D = 0.05 µm²/s, then D = 0.5 µm²/s; dt = 0.1 s. */
    private static Trajectory twoStates(TestTracks gen, String id) {
        return gen.switchingBrownian(id, 400, 0.05, 0.5, 0.1, 2);
    }

    @Test
    void eachSegmentGetsTheFitOfItsOwnPoints() {
        TestTracks gen = TestTracks.seeded(41);
        SegmentMotionFitter fitter = SegmentMotionFitter.msdFitOnly();
        int n = 60;
        double[] slowD = new double[n];
        double[] fastD = new double[n];
        double[] slowAlpha = new double[n];
        double[] twoLagSlowD = new double[n];
        double[] twoLagFastD = new double[n];
        for (int k = 0; k < n; k++) {
            Trajectory t = twoStates(gen, "s" + k);
            int[] states = new int[400];
            Arrays.fill(states, 200, 400, 2);
            Segmentation s = fitter.estimate(t, Segmentation.oneHot(t.id(), t.frames(), states));
            MotionEstimate slow = s.segments().get(0).motion();
            MotionEstimate fast = s.segments().get(1).motion();
            assertEquals(30, slow.lags()); // min(200/4, 30)
            // the segment's estimate is the fit of its points, sliced out of the track
            MsdFit direct = MsdFitter.defaults().fit(t.slice(200, 400, t.id()));
            assertEquals(direct.alpha(), fast.alpha(), 0.0);
            assertEquals(direct.diffusionCoefficient(), fast.diffusionCoefficient(), 0.0);
            assertEquals(direct.alphaError(), fast.alphaError(), 0.0);
            assertEquals(fast, s.motionAt(399));
            Segmentation d = SegmentMotionFitter.defaults().estimate(t, Segmentation.oneHot(t.id(), t.frames(),
                    states));
            assertEquals(FitStatus.ALPHA_FROM_STATE, d.segments().get(0).motion().status());
            assertEquals(1.0, d.segments().get(0).motion().alpha(), 0.0); // normal: α = 1, set by the state
            twoLagSlowD[k] = d.segments().get(0).motion().diffusionCoefficient();
            twoLagFastD[k] = d.segments().get(1).motion().diffusionCoefficient();
            slowD[k] = slow.diffusionCoefficient();
            fastD[k] = fast.diffusionCoefficient();
            slowAlpha[k] = slow.alpha();
        }
        Arrays.sort(slowD);
        Arrays.sort(fastD);
        Arrays.sort(slowAlpha);
        Arrays.sort(twoLagSlowD);
        Arrays.sort(twoLagFastD);
        assertEquals(0.05, twoLagSlowD[n / 2], 0.005);
        assertEquals(0.5, twoLagFastD[n / 2], 0.1);
        assertEquals(0.05, slowD[n / 2], 0.01);
        assertEquals(0.5, fastD[n / 2], 0.1);
        assertEquals(1.0, slowAlpha[n / 2], 0.1);
    }

    @Test
    void shortSegmentsSayWhyAndTheCsvHasOneRowPerSegment() throws Exception {
        Trajectory t = TestTracks.seeded(42).brownian("tr", 40, 0.1, 0.1, 2, 0);
        int[] states = new int[40];
        Arrays.fill(states, 0, 10, 1);   // 10 points: too few lags for the MSD fit
        Arrays.fill(states, 10, 40, 0);  // 30 points: 7 lags
        Segmentation s = SegmentMotionFitter.msdFitOnly().estimate(t, Segmentation.oneHot("tr", t.frames(), states));
        MotionEstimate twoLag = SegmentMotionFitter.defaults().estimate(t, Segmentation.oneHot("tr", t.frames(),
                states)).segments().get(0).motion();
        // a directed segment of a Brownian track: its α̂ (< 1) is held at 1 by the state, and says so
        assertEquals(FitStatus.ALPHA_FROM_STATE, twoLag.status());
        assertEquals(1.0, twoLag.alpha(), 0.0);
        assertTrue(twoLag.diffusionCoefficient() > 0 && twoLag.alpha() >= 0 && twoLag.alpha() <= 2);
        MotionEstimate first = s.segments().get(0).motion();
        assertEquals(FitStatus.TOO_FEW_LAGS, first.status());
        assertTrue(Double.isNaN(first.diffusionCoefficient()) && Double.isNaN(first.alpha()));
        assertEquals(2, first.lags());
        assertEquals(7, s.segments().get(1).motion().lags());
        StringWriter out = new StringWriter();
        try (SegmentsCsvWriter w = SegmentsCsvWriter.open(out)) {
            w.write(s);
            w.write(Segmentation.oneHot("none", new int[] {0, 1}, new int[] {3, 3}));
        }
        String[] lines = out.toString().split("\n");
        assertEquals(String.join(",", SegmentsCsvWriter.HEADER), lines[0]);
        assertEquals("tr,0,0,9,10,1,1.0,NaN,NaN,NaN,NaN,2,too_few_lags", lines[1]);
        MotionEstimate m = s.segments().get(1).motion();
        assertEquals("tr,1,10,39,30,0,1.0," + m.diffusionCoefficient() + "," + m.diffusionCoefficientError() + ","
                + m.alpha() + "," + m.alphaError() + ",7," + m.status().label(), lines[2]);
        assertEquals("none,0,0,1,2,3,1.0,NaN,NaN,NaN,NaN,0,not_estimated", lines[3]);
        assertEquals(4, lines.length);
    }

    @Test
    void mismatchedSegmentationNamesTheTrack() {
        Trajectory t = TestTracks.seeded(43).brownian("tr", 20, 0.1, 0.1, 2, 0);
        InvalidTrajectoryException e = assertThrows(InvalidTrajectoryException.class, () -> SegmentMotionFitter
                .defaults().estimate(t, Segmentation.oneHot("tr", new int[] {0, 1}, new int[] {0, 0})));
        assertEquals("tr", e.trackId());
    }
}
