package org.deepspt.msd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.deepspt.TestTracks;
import org.deepspt.api.FitStatus;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;

class MsdFitterTest {
    private static final MsdFitter FITTER = MsdFitter.defaults();

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]);
    }

    private static double mean(double[] v) {
        return Arrays.stream(v).average().orElseThrow();
    }

    @Test
    void recoversExactPowerLaw() {
        double dt = 0.1;
        double[] msd = new double[30];
        for (int n = 1; n <= 30; n++) {
            msd[n - 1] = 2 * 2 * 0.3 * Math.pow(n * dt, 0.7) + 0.01;
        }
        MsdFit f = FITTER.fit(msd, dt, 2, 100);
        assertEquals(0.7, f.alpha(), 1e-6);
        assertEquals(0.3, f.diffusionCoefficient(), 1e-6);
        assertEquals(0.01, f.offset(), 1e-7);
        assertEquals(1.0, f.rSquared(), 1e-12);
        assertEquals(0.0, f.chiSquare(), 1e-9);
        assertEquals(1.0, f.pValue(), 1e-9);
        assertEquals(30, f.lags());
        assertTrue(f.converged());
        assertTrue(Double.isNaN(f.localizationError()));
        // without the number of points there is no χ²
        MsdFit g = FITTER.fit(msd, dt, 2);
        assertTrue(Double.isNaN(g.chiSquare()));
        assertEquals(0.7, g.alpha(), 1e-6);
    }

    /**
     * Standard errors do not depend on the unit of length: scaling a track's coordinates by s scales D and its SE by
     * s² and leaves α and its SE unchanged (they were NaN from s ≈ 10⁷ on: B = JᵀWJ mixes µm² and dimensionless
     * parameters, and its inversion failed its pivot check; found by review).
     */
    @Test
    void standardErrorsAreScaleFree() {
        Trajectory t = TestTracks.seeded(3).brownian("b", 100, 0.2, 1.0, 2, 0.1);
        MsdFit base = FITTER.fit(t);
        assertTrue(Double.isFinite(base.alphaError()) && Double.isFinite(base.diffusionCoefficientError()),
                base.toString());
        for (double s : new double[] {1e4, 1e7, 1e9}) { // below ~1e-3 D meets the fit's D floor (by design)
            double[][] axes = {t.axis(0).clone(), t.axis(1).clone()};
            for (double[] a : axes) {
                for (int i = 0; i < a.length; i++) {
                    a[i] *= s;
                }
            }
            MsdFit f = FITTER.fit(Trajectory.ofAxes("b", 1.0, axes));
            assertEquals(base.alpha(), f.alpha(), 1e-6, "alpha at scale " + s);
            assertEquals(base.alphaError(), f.alphaError(), 1e-6 * base.alphaError(), "SE(alpha) at scale " + s);
            assertEquals(base.diffusionCoefficientError() * s * s, f.diffusionCoefficientError(),
                    1e-6 * base.diffusionCoefficientError() * s * s, "SE(D) at scale " + s);
        }
    }

    @Test
    void boundsAreRespected() {
        // MSD = 3·t^2 − 0.5 would need a negative offset: the fit must keep offset ≥ 0
        double[] msd = new double[20];
        for (int n = 1; n <= 20; n++) {
            msd[n - 1] = 3 * n * n - 0.5;
        }
        MsdFit f = FITTER.fit(msd, 1.0, 3);
        assertTrue(f.offset() >= 0);
        assertTrue(f.alpha() >= 1e-4 && f.alpha() <= 10);
        assertEquals(2.0, f.alpha(), 0.1);
        assertEquals(2.0, MsdFitter.builder().varianceWeighted(false).build().fit(msd, 1.0, 3).alpha(), 0.02);
        // a steeper curve than the upper α bound hits the bound
        MsdFitter narrow = MsdFitter.builder().alphaBounds(0.1, 1.5).build();
        assertEquals(1.5, narrow.fit(msd, 1.0, 3).alpha(), 1e-9);
        // a decreasing MSD pushes D to its lower bound
        double[] down = {5, 4, 3, 2, 1};
        MsdFit d = FITTER.fit(down, 1.0, 2);
        assertEquals(1e-9, d.diffusionCoefficient(), 1e-12);
    }

    @Test
    void brownianTracksGiveAlphaOneAndD() {
        TestTracks gen = TestTracks.seeded(42);
        double d = 0.1;
        int tracks = 300;
        double[] alpha = new double[tracks];
        double[] dd = new double[tracks];
        double[] p = new double[tracks];
        for (int k = 0; k < tracks; k++) {
            MsdFit f = FITTER.fit(gen.brownian("b" + k, 200, d, 1.0, 2, 0));
            alpha[k] = f.alpha();
            dd[k] = f.diffusionCoefficient();
            p[k] = f.pValue();
            assertEquals(30, f.lags()); // min(200/4, 30)
            assertTrue(p[k] >= 0 && p[k] <= 1);
            assertEquals(MsdFitBound.NONE, f.atBound(), f::toString);
        }
        assertEquals(1.0, mean(alpha), 0.05);
        assertEquals(1.0, median(alpha), 0.05);
        double sd = Math.sqrt(Arrays.stream(alpha).map(a -> (a - 1) * (a - 1)).average().orElseThrow());
        assertTrue(sd < 0.2, "sd " + sd);
        assertEquals(d, median(dd), 0.1 * d);
        // the fit is a good description of Brownian data: most p-values are not tiny
        assertTrue(median(p) > 0.05, "median p " + median(p));
    }

    @Test
    void fitPowerLawOnTooFewLagsIsNaN() {
        double[] out = new double[4];
        double[] work = new double[8];
        FITTER.fitPowerLaw(new double[] {0.4, 0.9}, 2, 100, 1.0, 2, work, out);
        for (double v : out) {
            assertTrue(Double.isNaN(v), Arrays.toString(out));
        }
        FITTER.fitPowerLaw(new double[] {0.4, 0.8, 1.2, 1.6}, 4, 100, 1.0, 2, work, out);
        assertEquals(1.0, out[0], 1e-6);
    }

    @Test
    void fractionalBrownianGivesItsAlpha() {
        TestTracks gen = TestTracks.seeded(7);
        int tracks = 150;
        double[] alpha = new double[tracks];
        for (int k = 0; k < tracks; k++) {
            alpha[k] = FITTER.fit(gen.fbm("f" + k, 200, 0.05, 1.0, 2, 0.25)).alpha();
        }
        assertEquals(0.5, mean(alpha), 0.1);
        assertEquals(0.5, median(alpha), 0.1);
    }

    @Test
    void stronglyDirectedGivesAlphaTwo() {
        TestTracks gen = TestTracks.seeded(3);
        double[] alpha = new double[50];
        for (int k = 0; k < alpha.length; k++) {
            alpha[k] = FITTER.fit(gen.directed("d" + k, 200, 0.01, 0.5, 1.0, 3, 0)).alpha();
        }
        assertEquals(2.0, mean(alpha), 0.1);
        assertTrue(Arrays.stream(alpha).min().orElseThrow() > 1.7);
    }

    @Test
    void pValueRejectsAClearMisfit() {
        double[] msd = new double[30];
        for (int n = 1; n <= 30; n++) {
            msd[n - 1] = 0.4 * n * (1 + 0.5 * Math.sin(n));
        }
        MsdFit bad = FITTER.fit(msd, 1.0, 2, 1000);
        assertTrue(bad.chiSquare() > 200, "chi2 " + bad.chiSquare());
        assertTrue(bad.pValue() < 1e-6);
    }

    @Test
    void unweightedFitIsAvailable() {
        TestTracks gen = TestTracks.seeded(42);
        MsdFitter plain = MsdFitter.builder().varianceWeighted(false).maxLag(50).build();
        MsdFitter weighted = MsdFitter.builder().maxLag(50).build();
        double[] alpha = new double[200];
        double[] alphaWeighted = new double[200];
        for (int k = 0; k < alpha.length; k++) {
            Trajectory t = gen.brownian("u" + k, 200, 0.1, 1.0, 2, 0);
            alpha[k] = plain.fit(t).alpha();
            alphaWeighted[k] = weighted.fit(t).alpha();
        }
        // unbiased on average but wider than the weighted fit on the same lags
        assertEquals(1.0, mean(alpha), 0.1);
        double sd = Math.sqrt(Arrays.stream(alpha).map(a -> (a - 1) * (a - 1)).average().orElseThrow());
        double sdWeighted = Math.sqrt(Arrays.stream(alphaWeighted).map(a -> (a - 1) * (a - 1)).average()
                .orElseThrow());
        assertTrue(sd > 1.3 * sdWeighted, "sd " + sd + " vs weighted " + sdWeighted);
    }

    @Test
    void stationaryParticleHasDefinedResult() {
        Trajectory t = Trajectory.ofAxes("still", 1.0, new double[] {1, 1, 1, 1, 1},
                new double[] {2, 2, 2, 2, 2});
        MsdFit f = MsdFitter.builder().maxLag(4).build().fit(t);
        assertTrue(Double.isNaN(f.alpha()));
        assertEquals(0.0, f.diffusionCoefficient());
        assertEquals(0.0, f.offset());
        assertFalse(f.converged());
        assertEquals(MsdFitBound.D, f.atBound());
        assertEquals(FitStatus.NO_MOTION, f.status());
    }

    @Test
    void nearlyConstantTracksEndOnTheLowerDBound() {
        // 1 nm of jitter: the MSD is a flat 4σ² = 4e-6 µm², far below what D = 1e-9 µm²/s adds over the lags
        TestTracks gen = TestTracks.seeded(8);
        for (int k = 0; k < 20; k++) {
            Trajectory t = gen.jitter("j" + k, 100, 1e-3 * 1e-3, 0.1, 2);
            MsdFit f = FITTER.fit(t);
            assertTrue(f.atBound().diffusion(), f::toString);
            assertEquals(1e-9, f.diffusionCoefficient(), 1e-18);
            MsdFit m = FITTER.fitWithLocalizationError(t);
            assertEquals(MsdFitBound.D, m.atBound(), m::toString);
        }
        // a decreasing MSD: D on its bound, α a value
        MsdFit down = FITTER.fit(new double[] {5, 4, 3, 2, 1}, 1.0, 2);
        assertTrue(down.atBound().diffusion(), down::toString);
    }

    @Test
    void stronglyConfinedTracksEndOnAnAlphaBound() {
        // r = 50 nm: the plateau r² = 0.0025 µm² is far below 4·D·dt = 0.04 µm², so the MSD is flat from lag 1
        TestTracks gen = TestTracks.seeded(1);
        int onAlpha = 0;
        for (int k = 0; k < 50; k++) {
            MsdFit f = FITTER.fit(gen.confined("c" + k, 100, 0.1, 0.05, 0.1, 2));
            if (f.atBound().alpha()) {
                // a flat MSD is the offset alone: α goes to either bound with A·t^α negligible
                onAlpha++;
                assertTrue(Math.abs(f.alpha() - 1e-4) < 1e-8 || Math.abs(f.alpha() - 10) < 1e-8, f::toString);
                assertEquals(FitStatus.AT_BOUND, f.status());
            } else {
                assertTrue(f.alpha() > 1e-4 + 1e-8, f::toString);
            }
        }
        assertTrue(onAlpha >= 5, onAlpha + " of 50 confined tracks on the α bound");
    }

    @Test
    void steepPowerLawEndsOnTheUpperAlphaBoundWithDAValue() {
        double[] msd = new double[30];
        for (int n = 1; n <= 30; n++) {
            msd[n - 1] = Math.pow(n, 12);
        }
        MsdFit f = FITTER.fit(msd, 0.1, 2, 100);
        assertEquals(10.0, f.alpha(), 1e-8);
        assertEquals(MsdFitBound.ALPHA, f.atBound());
        MsdFit narrow = MsdFitter.builder().alphaBounds(0.1, 1.5).build().fit(msd, 0.1, 2, 100);
        assertEquals(MsdFitBound.ALPHA, narrow.atBound());
    }

    @Test
    void boundOfUsesTheFittersBounds() {
        assertEquals(MsdFitBound.NONE, FITTER.boundOf(1.0, 0.1));
        assertEquals(MsdFitBound.D, FITTER.boundOf(1.0, 1e-9));
        assertEquals(MsdFitBound.D, FITTER.boundOf(Double.NaN, 0));
        assertEquals(MsdFitBound.ALPHA, FITTER.boundOf(1e-4 + 1e-10, 0.1));
        assertEquals(MsdFitBound.ALPHA, FITTER.boundOf(10, 0.1));
        assertEquals(MsdFitBound.D_AND_ALPHA, FITTER.boundOf(1e-4, 1e-9));
        assertEquals(MsdFitBound.NONE, FITTER.boundOf(1e-4 + 1e-6, 2e-9));
        assertEquals(MsdFitBound.NONE, FITTER.boundOf(Double.NaN, Double.NaN));
        MsdFitter other = MsdFitter.builder().alphaBounds(0.5, 2).minDiffusionCoefficient(1e-3).build();
        assertEquals(MsdFitBound.D_AND_ALPHA, other.boundOf(2, 1e-3));
        assertEquals(MsdFitBound.NONE, other.boundOf(1.0, 0.1));
        // values beyond a bound (from a fitter with wider bounds) count as on it
        assertEquals(MsdFitBound.ALPHA, other.boundOf(0.3, 0.1));
    }

    @Test
    void tooShortTracksGiveNaNWithTheReason() {
        Trajectory t = Trajectory.ofAxes("short-one", 1.0, new double[] {0, 1, 2}, new double[] {0, 1, 0});
        MsdFit f = FITTER.fit(t);
        assertEquals(FitStatus.TOO_FEW_LAGS, f.status());
        assertTrue(Double.isNaN(f.alpha()) && Double.isNaN(f.diffusionCoefficient()) && Double.isNaN(f.rSquared()));
        assertFalse(f.converged());
        assertEquals(FitStatus.TOO_FEW_LAGS, FITTER.fitWithLocalizationError(t).status());
        assertEquals(FitStatus.TOO_FEW_LAGS, FITTER.fit(new double[] {1, 2, 3}, 1.0, 2).status());
        // 15 points: ⌊15/4⌋ = 3 lags, too few for 3 parameters; 16 points: 4 lags, fitted
        TestTracks gen = TestTracks.seeded(2);
        MsdFit fifteen = FITTER.fit(gen.brownian("15", 15, 0.1, 1.0, 2, 0));
        assertEquals(FitStatus.TOO_FEW_LAGS, fifteen.status());
        assertEquals(3, fifteen.lags());
        MsdFit sixteen = FITTER.fit(gen.brownian("16", 16, 0.1, 1.0, 2, 0));
        assertEquals(4, sixteen.lags());
        assertTrue(Double.isFinite(sixteen.alpha()), sixteen::toString);
        // the Brownian fit with localization error needs 3 candidate lags (⌊N/2⌋): 6 points
        assertEquals(FitStatus.TOO_FEW_LAGS, FITTER.fitWithLocalizationError(gen.brownian("5", 5, 0.1, 1.0, 2, 0))
                .status());
        assertTrue(FITTER.fitWithLocalizationError(gen.brownian("6", 6, 0.1, 1.0, 2, 0)).diffusionCoefficient() > 0);
        // too few lags is an outcome; an infinite MSD is bad input, reported even when there is no fit to run
        double[] big = {1e300, 1.1e300, 1.2e300, 1.3e300, 1.4e300, 1.5e300, 1.6e300, 1.7e300};
        Trajectory huge = Trajectory.ofAxes("huge", 1.0, big, big.clone());
        org.deepspt.api.InvalidTrajectoryException e = assertThrows(org.deepspt.api.InvalidTrajectoryException.class,
                () -> FITTER.fit(huge));
        assertEquals("huge", e.trackId());
        assertTrue(e.getMessage().contains("MSD at lag 1 is Infinity"), e.getMessage());
        assertThrows(org.deepspt.api.InvalidTrajectoryException.class, () -> FITTER.fitWithLocalizationError(huge));
        assertThrows(IllegalArgumentException.class, () -> FITTER.fit(new double[] {1, Double.POSITIVE_INFINITY},
                1.0, 2));
    }

    @Test
    void configuredMaxLagIsUsedAndCapped() {
        Trajectory t = TestTracks.seeded(1).brownian("c", 50, 0.1, 1.0, 2, 0);
        assertEquals(10, MsdFitter.builder().maxLag(10).build().fit(t).lags());
        assertEquals(49, MsdFitter.builder().maxLag(500).build().fit(t).lags());
        assertEquals(12, FITTER.fit(t).lags());
        assertEquals(12, FITTER.lagCount(50));
        assertEquals(10, MsdFitter.builder().maxLag(10).build().lagCount(50));
        assertThrows(IllegalArgumentException.class, () -> MsdFitter.builder().maxLag(3));
    }

    @Test
    void relativeVarianceMatchesQianForLongTracks() {
        int steps = 100000;
        for (int n : new int[] {1, 2, 5, 20}) {
            double qian = (2.0 * n * n + 1) / (3.0 * n * (steps - n + 1));
            assertEquals(qian, MsdFitter.relativeVariance(n, steps - n + 1, 2), qian * 1e-3);
        }
        // lag 1: independent squared steps, Var/mean² = 2/(dim·P)
        assertEquals(2.0 / (3 * 50), MsdFitter.relativeVariance(1, 50, 3), 1e-15);
    }

    @Test
    void covarianceWithoutNoiseMatchesRelativeVariance() {
        int n = 60;
        double s2 = 0.2;
        double[][] c = MsdFitter.covariance(10, n, s2, 0, 2);
        for (int lag = 1; lag <= 10; lag++) {
            double mean = 2 * lag * s2;
            assertEquals(MsdFitter.relativeVariance(lag, n - lag, 2) * mean * mean, c[lag - 1][lag - 1],
                    1e-12);
        }
        // noise only, lag 1: U = e1 − e0 has variance 2σ², Var(U²) = 8σ⁴ per axis; consecutive
        // displacements share one point: Cov(U_i, U_{i+1}) = −σ², so covariance 2σ⁴ per neighbour pair
        double[][] noise = MsdFitter.covariance(1, 5, 0, 1, 1);
        // 4 displacements: Σ_ij 2·Cov² = 4·8 + 6·2 = 44, divided by 4² = 2.75
        assertEquals(2.75, noise[0][0], 1e-12);
    }

    @Test
    void michaletFitRecoversSigmaAndD() {
        TestTracks gen = TestTracks.seeded(11);
        double d = 0.1;
        double dt = 0.5;
        for (double sigma : new double[] {0.1, 0.4}) {
            int tracks = 100;
            double[] dd = new double[tracks];
            double[] ss = new double[tracks];
            int lags = 0;
            for (int k = 0; k < tracks; k++) {
                MsdFit f = FITTER.fitWithLocalizationError(gen.brownian("m" + k, 400, d, dt, 2, sigma));
                dd[k] = f.diffusionCoefficient();
                ss[k] = f.localizationError();
                lags += f.lags();
                assertEquals(1.0, f.alpha());
                assertEquals(MsdFitBound.NONE, f.atBound(), f::toString);
            }
            assertEquals(d, median(dd), 0.1 * d, "D at sigma " + sigma);
            assertEquals(sigma, median(ss), 0.1 * sigma, "sigma at sigma " + sigma);
            if (sigma > 0.3) {
                // x = σ²/(D·dt) = 3.2: more than 2 points are optimal for the slope
                assertTrue(lags / (double) tracks > 2.5, "mean lags " + lags / (double) tracks);
            }
        }
    }

    @Test
    void motionBlurCorrectionAddsToSigma() {
        Trajectory t = TestTracks.seeded(5).brownian("blur", 300, 0.1, 1.0, 2, 0.3);
        MsdFit plain = FITTER.fitWithLocalizationError(t);
        MsdFit blur = MsdFitter.builder().motionBlurCoefficient(1.0 / 6).build().fitWithLocalizationError(t);
        double expected = Math.sqrt(plain.localizationError() * plain.localizationError()
                + 2.0 / 6 * plain.diffusionCoefficient() * 1.0);
        assertEquals(expected, blur.localizationError(), 1e-9);
    }

    /**
     * Linear interpolation over missing frames puts points on a straight line between two localisations: their
     * spread is less than the path's, so fitted as measurements they bend the MSD up (α > 1, D low). The fit uses
     * the measured points with their true frame lags instead: the same fit as the gapped track as recorded, and
     * unbiased. With the interpolated points fitted (before), 300 Brownian tracks of 200 points with every fifth
     * frame missing gave a mean α of about 1.06.
     */
    @Test
    void interpolatedPointsAreNotFitted() {
        TestTracks gen = TestTracks.seeded(4711);
        double[] alphas = new double[300];
        double[] ds = new double[300];
        for (int k = 0; k < alphas.length; k++) {
            Trajectory full = gen.brownian("b" + k, 200, 0.5, 0.05, 2, 0);
            java.util.BitSet made = new java.util.BitSet();
            double[][] axes = {full.axis(0), full.axis(1)};
            for (int i = 3; i < 199; i += 5) {  // frame i missing: filled halfway between i - 1 and i + 1
                made.set(i);
                for (double[] a : axes) {
                    a[i] = 0.5 * (a[i - 1] + a[i + 1]);
                }
            }
            Trajectory filled = Trajectory.ofAxes(full.id(), 0.05, axes).withInterpolated(made);
            MsdFit f = FITTER.fit(filled);
            MsdFit gapped = FITTER.fit(filled.measured());
            assertEquals(gapped.alpha(), f.alpha(), 0.0);
            assertEquals(gapped.diffusionCoefficient(), f.diffusionCoefficient(), 0.0);
            alphas[k] = f.alpha();
            ds[k] = f.diffusionCoefficient();
        }
        assertEquals(1.0, mean(alphas), 0.03);
        assertEquals(0.5, median(ds), 0.05);
        // a piece with no measured point is not fitted
        Trajectory t = Trajectory.ofAxes("g", 1, new double[] {0, 1, 2}, new double[] {0, 0, 0});
        java.util.BitSet middle = new java.util.BitSet();
        middle.set(1);
        assertEquals(FitStatus.TOO_FEW_LAGS, FITTER.fit(t.withInterpolated(middle).slice(1, 2, "g")).status());
        assertEquals(FitStatus.TOO_FEW_LAGS,
                FITTER.fitWithLocalizationError(t.withInterpolated(middle).slice(1, 2, "g")).status());
    }
}
