package org.deepspt.reliability;

import org.deepspt.api.Trajectory;

/**
 * Localisation noise, step scale and signal-to-noise ratio of one track, estimated from the track alone.
 *
 * <h2>Estimator</h2>
 * For a track of n points in d dimensions with steps Δ<sub>a,i</sub> = x<sub>a,i+1</sub> − x<sub>a,i</sub>
 * (i = 0..m−1, m = n − 1; consecutive points, whatever their frame numbers), pooled over the axes a:
 * <pre>
 *   S  = 1/(d·m)     · Σ_a Σ_{i=0}^{m−1} Δ_{a,i}²               (mean squared step per axis)
 *   C  = 1/(d·(m−1)) · Σ_a Σ_{i=0}^{m−2} Δ_{a,i} · Δ_{a,i+1}    (lag-1 step covariance per axis)
 *   σ̂² = max(0, −C)                                             (localisation noise variance per axis)
 *   D̂·Δt = max(0, S/2 + C)                                      (step scale²: diffusive variance per axis / 2)
 *   Q̂  = √(D̂·Δt) / σ̂
 * </pre>
 * For Brownian motion with diffusion coefficient D, frame interval Δt and independent Gaussian localisation
 * noise of standard deviation σ per axis, E[S] = 2DΔt + 2σ² and E[C] = −σ², so both estimators are unbiased
 * before clamping and Q̂ estimates the signal-to-noise ratio Q = √(D·Δt)/σ of the DeepSPT simulator
 * ({@code org.deepspt.sim.SimulationConfig}). This is the covariance-based estimator (CVE) of Vestergaard,
 * Blainey and Flyvbjerg without motion blur (R = 0): Phys. Rev. E 89, 022726 (2014),
 * doi:10.1103/PhysRevE.89.022726.
 *
 * <p>Caveat: anti-correlated steps come from noise and from motion alike. Subdiffusion (fractional Brownian
 * motion with α &lt; 1) and confinement also give C &lt; 0, so a clean subdiffusive or confined track reads
 * as noisier than it is (for fBm, C = (2<sup>α−1</sup> − 1)·S, Q̂ ≈ 0.4 at α = 0.2); directed motion gives
 * C &gt; 0 and reads as clean. Q̂ is therefore an upper bound on how noisy a track looks, not a measurement
 * of σ; the thresholds on it are measured on simulated tracks of all four states.
 *
 * <p>Interpolated points ({@link Trajectory#interpolated(int)}): S and C use only the steps between two measured
 * points and the pairs of two such consecutive steps (filler steps on a straight line are equal, so they would add
 * positive covariance and read as a cleaner track); NaN when no such pair is left.
 *
 * <p>Edge cases: fewer than 3 points → every value NaN (no lag-1 pair); C ≥ 0 → σ̂ = 0 and Q̂ = +∞ (no
 * detectable noise) unless the track does not move at all (S = 0), where Q̂ = 0; a NaN or infinite coordinate
 * propagates to NaN.
 *
 * @param sigma σ̂, localisation noise standard deviation per axis, in the track's position unit (µm)
 * @param stepScale √(D̂·Δt), diffusive step scale per axis, in the track's position unit (µm)
 * @param snr Q̂ = stepScale / sigma, dimensionless (0..+∞, NaN when undefined)
 */
public record SnrEstimate(double sigma, double stepScale, double snr) {
    private static final SnrEstimate UNDEFINED = new SnrEstimate(Double.NaN, Double.NaN, Double.NaN);

    /**
     * @param t the track
     * @return the estimate (NaN values for fewer than 3 points)
     */
    public static SnrEstimate of(Trajectory t) {
        int n = t.size();
        if (n < 3) {
            return UNDEFINED;
        }
        if (t.interpolatedCount() > 0) {
            return ofMeasured(t);
        }
        int d = t.dimension();
        double sq = 0;
        double cov = 0;
        for (int a = 0; a < d; a++) {
            double prev = t.coordinate(1, a) - t.coordinate(0, a);
            sq += prev * prev;
            for (int i = 1; i < n - 1; i++) {
                double step = t.coordinate(i + 1, a) - t.coordinate(i, a);
                sq += step * step;
                cov += prev * step;
                prev = step;
            }
        }
        return fromMoments(sq / ((double) d * (n - 1)), cov / ((double) d * (n - 2)));
    }

    /**
     * S and C over the steps between two measured points only (a step with an interpolated end is a piece of a
     * straight line: its length and its positive correlation with the next filler step are made up, and would
     * read as less noise) and the pairs of two such consecutive steps.
     */
    private static SnrEstimate ofMeasured(Trajectory t) {
        int n = t.size();
        int d = t.dimension();
        double sq = 0;
        double cov = 0;
        int steps = 0;
        int pairs = 0;
        for (int i = 0; i < n - 1; i++) {
            if (t.interpolated(i) || t.interpolated(i + 1)) {
                continue;
            }
            boolean next = i + 2 < n && !t.interpolated(i + 2);
            steps++;
            if (next) {
                pairs++;
            }
            for (int a = 0; a < d; a++) {
                double step = t.coordinate(i + 1, a) - t.coordinate(i, a);
                sq += step * step;
                if (next) {
                    cov += step * (t.coordinate(i + 2, a) - t.coordinate(i + 1, a));
                }
            }
        }
        if (pairs == 0) {
            return UNDEFINED;
        }
        return fromMoments(sq / ((double) d * steps), cov / ((double) d * pairs));
    }

    /**
     * @param meanSquaredStep S, mean squared step per axis (µm²)
     * @param lag1Covariance C, mean product of consecutive steps per axis (µm²)
     * @return the estimate of the class documentation
     */
    static SnrEstimate fromMoments(double meanSquaredStep, double lag1Covariance) {
        if (!Double.isFinite(meanSquaredStep) || !Double.isFinite(lag1Covariance)) {
            return UNDEFINED;
        }
        double noiseVar = Math.max(0, -lag1Covariance);
        double diffusive = Math.max(0, meanSquaredStep / 2 + lag1Covariance);
        double sigma = Math.sqrt(noiseVar);
        double scale = Math.sqrt(diffusive);
        double snr;
        if (noiseVar > 0) {
            snr = scale / sigma;
        } else {
            snr = meanSquaredStep > 0 ? Double.POSITIVE_INFINITY : 0;
        }
        return new SnrEstimate(sigma, scale, snr);
    }
}
