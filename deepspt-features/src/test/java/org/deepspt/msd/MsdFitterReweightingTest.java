package org.deepspt.msd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.deepspt.api.FitStatus;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;

/**
 * A fit reported converged is a fixed point of its re-weighting: on this track (track 79 of the protocol simulator,
 * seed 7) the unweighted start is α = 5.88 and each round may move α by 0.5; with at most 6 rounds the fit stopped at
 * α = 3.38 and said converged, while the weighted least squares under its own final weights has its minimum near
 * α = 0.23 (found by review).
 */
class MsdFitterReweightingTest {
    // track "79" of Simulator.of(SimulationConfig.builder(2).build()).simulate(80, 7): 24 points, dt = 1 s
    static final double[] X = {-0.029434247942948386, -0.4880139402511039, -0.4998881870060422, -1.2242849381666965,
        -1.1867679368557633, -1.006144492650478, -1.0230361748091097, -0.774181749034272, -0.6312858443083194,
        -1.375941328933024, -0.028872940955503648, 0.3904948984643714, -0.15779629199219078, -1.1077616026921961,
        -0.12313585807792986, 0.011860580507411705, -0.9095461788554666, -0.7608488497225162, -1.5190460940961577,
        -0.6108492473048006, -1.7389330020891165, -1.3485831611861954, -0.7617587552966494, -1.3891078330671942};
    static final double[] Y = {-0.02925618201414474, 0.029545391074536236, 0.3314342977094688, 0.7064695747841653,
        -0.3729489557515324, -0.16112200236338162, -0.4142340132350283, 0.7158952626814501, 0.5369259768281345,
        -0.11242601129454086, 0.1694391758049986, -0.249955804023206, 0.4722009882573944, 1.27700008941417,
        1.0605282130427176, 0.8481666827031322, 0.7672290617879888, 0.8431139601147439, 0.22792601724808303,
        0.797245331191059, 1.0508526198881114, 0.08501448131864763, 0.4554366619373595, 0.7199756632788951};

    @Test
    void okFitIsAFixedPointOfItsReweighting() {
        Trajectory t = Trajectory.ofAxes("79", 1.0, X, Y);
        MsdFit f = MsdFitter.defaults().fit(t);
        int dim = 2;
        int lags = f.lags();
        double[] y = Msd.timeAveraged(t, lags);
        int[] pairs = Msd.pairCounts(t, lags);
        double a = 2 * dim * f.diffusionCoefficient();
        double[] w = new double[lags];
        for (int i = 0; i < lags; i++) {
            double fi = a * Math.pow(i + 1, f.alpha()) + f.offset();
            w[i] = 1 / (MsdFitter.relativeVariance(i + 1, pairs[i], dim) * fi * fi);
        }
        // bounded (A >= 2·dim·1e-9, c >= 0) weighted LS profile over alpha, brute force
        double bestAlpha = Double.NaN;
        double best = Double.POSITIVE_INFINITY;
        for (int g = 0; g <= 100_000; g++) {
            double al = 1e-4 + g * 1e-4;
            double s = profile(y, w, al, 2 * dim * 1e-9);
            if (s < best) {
                best = s;
                bestAlpha = al;
            }
        }
        // before: converged, status ok, alpha = 3.38 (SE 14.7); now the re-weighting reaches its fixed point
        assertEquals(FitStatus.OK, f.status(), f.toString());
        assertEquals(true, f.converged(), f.toString());
        assertEquals(bestAlpha, f.alpha(), 0.01, "reported " + f + "; weighted SSE at reported alpha "
                + profile(y, w, f.alpha(), 2 * dim * 1e-9) + " vs " + best + " at alpha " + bestAlpha);
    }

    private static double profile(double[] y, double[] w, double al, double aMin) {
        int k = y.length;
        double[] x = new double[k];
        double sw = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (int i = 0; i < k; i++) {
            x[i] = Math.pow(i + 1, al);
            sw += w[i]; sx += w[i] * x[i]; sy += w[i] * y[i]; sxx += w[i] * x[i] * x[i]; sxy += w[i] * x[i] * y[i];
        }
        double vxx = sxx - sx * sx / sw;
        double aU = vxx > 0 ? (sxy - sx * sy / sw) / vxx : aMin;
        double cU = sy / sw - aU * sx / sw;
        if (aU >= aMin && cU >= 0) {
            return sse(y, w, x, aU, cU);
        }
        return Math.min(sse(y, w, x, Math.max(aMin, sxy / sxx), 0), sse(y, w, x, aMin, Math.max(0, sy / sw - aMin * sx / sw)));
    }

    private static double sse(double[] y, double[] w, double[] x, double a, double c) {
        double s = 0;
        for (int i = 0; i < y.length; i++) {
            double r = y[i] - a * x[i] - c;
            s += w[i] * r * r;
        }
        return s;
    }
}
