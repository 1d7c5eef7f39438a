package org.deepspt.msd;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.deepspt.api.MotionEstimate;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;

/**
 * The default per-segment estimate on pure Brownian motion (D = 0.5 µm²/s, Δt = 0.05 s, 2D; one normal segment =
 * the whole track, 2,000 tracks): its D standard error is not smaller than the spread of D (it ignored the error of
 * the track's noise offset: 0.0355 vs a spread of 0.0462 at 200 points, found by review), and the bias that the
 * offset's clamp at 0 leaves is the documented few per cent.
 */
class TwoLagCalibrationTest {
    private static Trajectory brownian(Random r, int n, double d, double dt, double sigma) {
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 1; i < n; i++) {
            x[i] = x[i - 1] + Math.sqrt(2 * d * dt) * r.nextGaussian();
            y[i] = y[i - 1] + Math.sqrt(2 * d * dt) * r.nextGaussian();
        }
        for (int i = 0; i < n; i++) {
            x[i] += sigma * r.nextGaussian();
            y[i] += sigma * r.nextGaussian();
        }
        return Trajectory.ofAxes("t", dt, x, y);
    }

    /** @return {mean D, sd of D, mean D_se} over 2,000 tracks */
    private static double[] run(int n, double sigma) {
        Random r = new Random(11);
        double s = 0;
        double s2 = 0;
        double se = 0;
        int k = 2000;
        for (int i = 0; i < k; i++) {
            Trajectory t = brownian(r, n, 0.5, 0.05, sigma);
            MotionEstimate e = SegmentMotionFitter.defaults()
                    .estimate(t, Segmentation.oneHot("t", t.frames(), new int[n])).motionAt(0);
            s += e.diffusionCoefficient();
            s2 += e.diffusionCoefficient() * e.diffusionCoefficient();
            se += e.diffusionCoefficientError();
        }
        double m = s / k;
        return new double[] {m, Math.sqrt(s2 / k - m * m), se / k};
    }

    @Test
    void standardErrorOfDCoversTheSpread() {
        for (int n : new int[] {30, 200}) {
            for (double sigma : new double[] {0, 0.03}) {
                double[] st = run(n, sigma);
                String what = n + " points, sigma " + sigma + ": mean D " + st[0] + ", sd " + st[1] + ", mean SE "
                        + st[2];
                assertTrue(st[2] >= 0.9 * st[1], what);
                assertTrue(st[2] <= 2 * st[1], what + " (not uselessly wide)");
                assertTrue(Math.abs(st[0] / 0.5 - 1) < (n == 30 ? 0.12 : 0.05), what + " (documented bias)");
            }
        }
    }
}
