package org.deepspt.msd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.deepspt.TestTracks;
import org.deepspt.api.FitStatus;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;

class StandardErrorsTest {

    @Test
    void covarianceOfTheBrownianModelMatchesTheMichaletCovariance() {
        // Brownian motion with static noise: per-axis MSD slope s2 per frame, noise variance sigma2 per axis;
        // the general structure-function formula must equal the Brownian + noise covariance of MsdFitter.
        int n = 40;
        double s2 = 0.3;
        double sigma2 = 0.05;
        int dim = 2;
        int[] lags = {1, 2, 3, 4, 5, 6};
        // model A·t^1 + c with t = lag·dt, dt = 1: A = dim·s2, c = 2·dim·sigma2
        double[][] general = StandardErrors.msdCovarianceExact(lags, lags.length, n, dim * s2, 1.0, 2 * dim * sigma2,
                1.0, dim);
        double[][] michalet = MsdFitter.covariance(lags.length, n, s2, sigma2, dim);
        for (int r = 0; r < lags.length; r++) {
            for (int c = 0; c < lags.length; c++) {
                assertEquals(michalet[r][c], general[r][c], 1e-12 * michalet[r][c], r + "," + c);
            }
        }
    }

    @Test
    void blockedFarFieldAgreesWithTheExactSum() {
        // 600 points, lags 1..30: the far field (|δ| > 2(n + l)) summed on blocks agrees with the exact sum
        int[] lags = new int[30];
        for (int i = 0; i < lags.length; i++) {
            lags[i] = i + 1;
        }
        for (double alpha : new double[] {0.5, 1.0, 1.5}) {
            double[][] fast = StandardErrors.msdCovariance(lags, 30, 600, 0.4, alpha, 0.01, 0.05, 2);
            double[][] exact = StandardErrors.msdCovarianceExact(lags, 30, 600, 0.4, alpha, 0.01, 0.05, 2);
            for (int r = 0; r < 30; r++) {
                for (int c = 0; c < 30; c++) {
                    assertEquals(exact[r][c], fast[r][c], 5e-3 * exact[r][c], "alpha " + alpha + " " + r + "," + c);
                }
            }
        }
    }

    @Test
    void reportedStandardErrorsMatchTheSpreadOverTracks() {
        // Brownian (α = 1) and fBm (α = 0.5) tracks of 100 points, 25 lags: the mean reported SE(α) is within
        // 25 % of the SD of α over the tracks, and D's SE within 35 % of the SD of D.
        check(TestTracks.seeded(31), false, 1.0);
        check(TestTracks.seeded(32), true, 0.5);
    }

    private static void check(TestTracks gen, boolean fbm, double trueAlpha) {
        int tracks = 300;
        double[] alpha = new double[tracks];
        double[] seAlpha = new double[tracks];
        double[] d = new double[tracks];
        double[] seD = new double[tracks];
        int covered = 0;
        for (int k = 0; k < tracks; k++) {
            Trajectory t = fbm ? gen.fbm("f" + k, 100, 0.1, 0.1, 2, 0.25) : gen.brownian("b" + k, 100, 0.1, 0.1, 2, 0);
            MsdFit f = MsdFitter.defaults().fit(t);
            alpha[k] = f.alpha();
            seAlpha[k] = f.alphaError();
            d[k] = f.diffusionCoefficient();
            seD[k] = f.diffusionCoefficientError();
            if (Math.abs(f.alpha() - trueAlpha) < 1.96 * f.alphaError()) {
                covered++;
            }
        }
        double meanSe = mean(seAlpha);
        double sd = sd(alpha);
        assertEquals(sd, meanSe, 0.25 * sd, "SE(α) vs SD(α), α = " + trueAlpha);
        assertEquals(sd(d), mean(seD), 0.35 * sd(d), "SE(D) vs SD(D), α = " + trueAlpha);
        // the 95 % interval α ± 1.96·SE covers the true α on most tracks
        assertTrue(covered >= 0.85 * tracks, covered + " of " + tracks + " covered, α = " + trueAlpha);
    }

    @Test
    void clampedParametersHaveNoStandardErrorAndAreFlagged() {
        // offset clamped: noise-free Brownian data want a slightly negative offset on about half of the tracks
        TestTracks gen = TestTracks.seeded(33);
        int clamped = 0;
        for (int k = 0; k < 100; k++) {
            MsdFit f = MsdFitter.defaults().fit(gen.brownian("c" + k, 60, 0.1, 0.1, 2, 0));
            if (f.offsetClamped()) {
                clamped++;
                assertEquals(0.0, f.offset(), f::toString);
                assertEquals(FitStatus.OK, f.status(), f::toString);
            } else {
                assertTrue(f.offset() > 0, f::toString);
            }
        }
        assertTrue(clamped >= 10 && clamped <= 90, clamped + " of 100 with the offset on 0");
        // α on a bound: no standard error for α
        double[] msd = new double[30];
        for (int n = 1; n <= 30; n++) {
            msd[n - 1] = Math.pow(n, 12);
        }
        MsdFit steep = MsdFitter.defaults().fit(msd, 0.1, 2, 100);
        assertEquals(FitStatus.AT_BOUND, steep.status());
        assertTrue(Double.isNaN(steep.alphaError()));
        // switched off: NaN
        MsdFit off = MsdFitter.defaults().withStandardErrors(false).fit(gen.brownian("o", 60, 0.1, 0.1, 2, 0));
        assertTrue(Double.isNaN(off.alphaError()) && Double.isNaN(off.diffusionCoefficientError()));
        assertFalse(Double.isNaN(off.alpha()));
    }

    @Test
    void sigmaClampOfTheBrownianFitIsFlagged() {
        // without localization noise the intercept of the Michalet fit scatters around 0: σ² < 0 on many tracks
        TestTracks gen = TestTracks.seeded(34);
        int clamped = 0;
        for (int k = 0; k < 100; k++) {
            MsdFit f = MsdFitter.defaults().fitWithLocalizationError(gen.brownian("s" + k, 30, 0.1, 0.1, 2, 0));
            if (f.offsetClamped()) {
                clamped++;
                assertEquals(0.0, f.localizationError(), f::toString);
                assertTrue(f.offset() < 0, f::toString);
            } else {
                assertTrue(f.localizationError() > 0 || f.offset() == 0, f::toString);
            }
        }
        assertTrue(clamped >= 10, clamped + " of 100 with σ clamped to 0");
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    private static double sd(double[] v) {
        double m = mean(v);
        return Math.sqrt(Arrays.stream(v).map(x -> (x - m) * (x - m)).sum() / (v.length - 1));
    }
}
