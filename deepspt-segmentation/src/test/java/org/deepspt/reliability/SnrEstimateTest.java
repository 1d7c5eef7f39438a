package org.deepspt.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;

/** {@link SnrEstimate}: golden values computed by hand, and the unbiasedness on Brownian motion with noise. */
class SnrEstimateTest {

    private static Trajectory track(double[] x, double[] y) {
        int[] frames = new int[x.length];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = i;
        }
        return Trajectory.of("t", 1.0, frames, x, y);
    }

    @Test
    void handComputedAntiCorrelatedTrackHasNoDiffusiveScale() {
        // steps x: 1, -1, 2; y: 0, 1, 0. S = (1+1+4+0+1+0)/(2*3) = 7/6; C = ((1*-1 + -1*2) + (0 + 0))/(2*2) = -3/4.
        // sigma^2 = 3/4; D*dt = max(0, 7/12 - 3/4) = 0 -> Q = 0.
        SnrEstimate e = SnrEstimate.of(track(new double[] {0, 1, 0, 2}, new double[] {0, 0, 1, 1}));
        assertEquals(Math.sqrt(0.75), e.sigma(), 1e-15);
        assertEquals(0, e.stepScale(), 0);
        assertEquals(0, e.snr(), 0);
    }

    @Test
    void handComputedMixedTrack() {
        // steps x: 2, 1, 2, 1; y: 0, 0, 0, 0. S = (4+1+4+1)/(2*4) = 5/4; C = (2+2+2)/(2*3) = 1 >= 0 -> sigma 0, Q inf.
        SnrEstimate e = SnrEstimate.of(track(new double[] {0, 2, 3, 5, 6}, new double[] {0, 0, 0, 0, 0}));
        assertEquals(0, e.sigma(), 0);
        assertEquals(Math.sqrt(5.0 / 8 + 1), e.stepScale(), 1e-15);
        assertEquals(Double.POSITIVE_INFINITY, e.snr());
        // steps x: 1, -0.5, 1; y: 0.5, 0, -0.5. S = (1+0.25+1+0.25+0+0.25)/6 = 2.75/6;
        // C = ((-0.5 - 0.5) + (0 + 0))/4 = -0.25 -> sigma = 0.5, D*dt = 2.75/12 - 0.25 < 0 -> 0.
        SnrEstimate f = SnrEstimate.of(track(new double[] {0, 1, 0.5, 1.5}, new double[] {0, 0.5, 0.5, 0}));
        assertEquals(0.5, f.sigma(), 1e-15);
        assertEquals(0, f.snr(), 0);
    }

    @Test
    void fewerThanThreePointsOrAStillTrackAreDefinedEdgeCases() {
        assertTrue(Double.isNaN(SnrEstimate.of(track(new double[] {0, 1}, new double[] {0, 1})).snr()));
        SnrEstimate still = SnrEstimate.of(track(new double[] {3, 3, 3, 3}, new double[] {1, 1, 1, 1}));
        assertEquals(0, still.snr(), 0);
        assertEquals(0, still.sigma(), 0);
    }

    @Test
    void recoversSignalToNoiseOfBrownianMotionWithLocalisationNoise() {
        SplittableRandom r = new SplittableRandom(42);
        for (double q : new double[] {0.5, 1, 2, 4}) {
            double d = 0.1;
            double dt = 0.5;
            double sigma = Math.sqrt(d * dt) / q;
            int n = 200_000;
            double[] x = new double[n];
            double[] y = new double[n];
            double px = 0;
            double py = 0;
            double step = Math.sqrt(2 * d * dt);
            for (int i = 0; i < n; i++) {
                px += step * gauss(r);
                py += step * gauss(r);
                x[i] = px + sigma * gauss(r);
                y[i] = py + sigma * gauss(r);
            }
            SnrEstimate e = SnrEstimate.of(track(x, y));
            assertEquals(q, e.snr(), 0.1 * q, "Q = " + q);
            assertEquals(sigma, e.sigma(), 0.08 * sigma, "sigma at Q = " + q);
            assertEquals(Math.sqrt(d * dt), e.stepScale(), 0.05 * Math.sqrt(d * dt), "step scale at Q = " + q);
        }
    }

    /**
     * Interpolated points: only steps between measured points and pairs of such consecutive steps count. x = 0, 1,
     * 0.5, 0, 2, [1.5], 1, 3 (y 0) with point 5 made up: measured steps 1, −0.5, −0.5, 2 (points 0..4) and 2 (6→7);
     * pairs (1, −0.5), (−0.5, −0.5), (−0.5, 2). S = (1 + 0.25 + 0.25 + 4 + 4)/(2·5) = 0.95, C = (−0.5 + 0.25 − 1)/(2·3).
     * With the mark ignored (before), the filler steps 4→5 and 5→6 (−0.5 each) enter S and three more pairs enter C.
     */
    @Test
    void interpolatedPointsAreLeftOutOfTheMoments() {
        Trajectory t = track(new double[] {0, 1, 0.5, 0, 2, 1.5, 1, 3}, new double[8]);
        java.util.BitSet made = new java.util.BitSet();
        made.set(5);
        SnrEstimate e = SnrEstimate.of(t.withInterpolated(made));
        SnrEstimate expected = SnrEstimate.fromMoments(0.95, -1.25 / 6);
        assertEquals(expected, e);
        assertTrue(!expected.equals(SnrEstimate.of(t)));
        // every pair touches a made-up point: undefined
        java.util.BitSet most = new java.util.BitSet();
        most.set(1, 7, true);
        most.clear(2);
        most.clear(4);
        assertTrue(Double.isNaN(SnrEstimate.of(t.withInterpolated(most)).snr()));
    }

    private static double gauss(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
