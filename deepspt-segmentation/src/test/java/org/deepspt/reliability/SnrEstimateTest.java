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
            double[][] xy = noisyBrownian(r, 200_000, d * dt, sigma);
            double[] x = xy[0];
            double[] y = xy[1];
            SnrEstimate e = SnrEstimate.of(track(x, y));
            assertEquals(q, e.snr(), 0.1 * q, "Q = " + q);
            assertEquals(sigma, e.sigma(), 0.08 * sigma, "sigma at Q = " + q);
            assertEquals(Math.sqrt(d * dt), e.stepScale(), 0.05 * Math.sqrt(d * dt), "step scale at Q = " + q);
        }
    }

    /**
     * Interpolated points: the estimate uses the measured points with their frame lags. x = 0, 1, 0.5, 0, 2, [1.5],
     * 1, 3 (y 0) with point 5 made up: measured steps 1, −0.5, −0.5, 2, −1 (over 2 frames), 2; Σ Δ²/(2k) = 0.5 +
     * 0.125 + 0.125 + 2 + 0.25 + 2 = 5, mean 1/k = 5.5/6; products −0.5, 0.25, −1, −2, −2, C = −5.25/(2·5) = −0.525;
     * D̂·Δt = 5/(2·6) − 0.525·5.5/6 &lt; 0 → 0.
     */
    @Test
    void interpolatedPointsAreLeftOutOfTheMoments() {
        Trajectory t = track(new double[] {0, 1, 0.5, 0, 2, 1.5, 1, 3}, new double[8]);
        java.util.BitSet made = new java.util.BitSet();
        made.set(5);
        SnrEstimate e = SnrEstimate.of(t.withInterpolated(made));
        assertEquals(Math.sqrt(0.525), e.sigma(), 1e-15);
        assertEquals(0, e.stepScale(), 0);
        assertEquals(0, e.snr(), 0);
        java.util.BitSet most = new java.util.BitSet();
        most.set(1, 7, true);
        assertTrue(Double.isNaN(SnrEstimate.of(t.withInterpolated(most)).snr()), "2 measured points");
    }

    /**
     * Every second frame made up (the interpolating reader accepts up to as many made-up points as measured ones):
     * Q̂ still recovers Q. Review: leaving out every step that touches a made-up point left no pair, so Q̂ was NaN
     * and a noisy track passed the low-SNR check.
     */
    @Test
    void recoversSignalToNoiseWithEverySecondFrameInterpolated() {
        SplittableRandom r = new SplittableRandom(7);
        for (double q : new double[] {0.4, 1, 2}) {
            double sigma = Math.sqrt(0.1 * 0.5) / q;
            double[][] xy = noisyBrownian(r, 200_001, 0.1 * 0.5, sigma);
            double[] x = xy[0];
            double[] y = xy[1];
            int n = x.length;
            java.util.BitSet made = new java.util.BitSet();
            for (int i = 1; i + 1 < n; i += 2) {
                x[i] = 0.5 * (x[i - 1] + x[i + 1]);
                y[i] = 0.5 * (y[i - 1] + y[i + 1]);
                made.set(i);
            }
            SnrEstimate e = SnrEstimate.of(track(x, y).withInterpolated(made));
            assertEquals(q, e.snr(), 0.1 * q, "Q = " + q);
            assertEquals(sigma, e.sigma(), 0.08 * sigma, "sigma at Q = " + q);
        }
    }

    /** The accumulator (points one at a time, as live input gives them) gives the estimate of the whole track. */
    @Test
    void theAccumulatorAgreesWithTheWholeTrack() {
        double[][] xy = noisyBrownian(new SplittableRandom(3), 500, 0.05, 0.1);
        SnrEstimate whole = SnrEstimate.of(track(xy[0], xy[1]));
        SnrEstimate.Accumulator acc = new SnrEstimate.Accumulator(2);
        for (int i = 0; i < 500; i++) {
            acc.add(i, xy[0][i], xy[1][i]);
        }
        SnrEstimate online = acc.estimate();
        assertEquals(whole.snr(), online.snr(), 1e-9 * whole.snr());
        assertEquals(whole.sigma(), online.sigma(), 1e-9 * whole.sigma());
        assertEquals(500, acc.points());
        assertTrue(Double.isNaN(new SnrEstimate.Accumulator(3).estimate().snr()));
    }

    /** 2D Brownian motion with D·Δt = {@code dDt} (µm²) plus Gaussian localisation noise σ per axis. */
    private static double[][] noisyBrownian(SplittableRandom r, int n, double dDt, double sigma) {
        double[] x = new double[n];
        double[] y = new double[n];
        double px = 0;
        double py = 0;
        double step = Math.sqrt(2 * dDt);
        for (int i = 0; i < n; i++) {
            px += step * gauss(r);
            py += step * gauss(r);
            x[i] = px + sigma * gauss(r);
            y[i] = py + sigma * gauss(r);
        }
        return new double[][] {x, y};
    }

    private static double gauss(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }
}
