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
 * <p>Interpolated points ({@link Trajectory#interpolated(int)}): the estimate uses the measured points with their
 * true frame lags (filler steps on a straight line are equal, so they would add positive covariance and read as a
 * cleaner track); fewer than 3 measured points → NaN.
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
        if (t.size() - t.interpolatedCount() < 3) {
            return UNDEFINED;
        }
        // with interpolated points: the measured ones with their true frame lags; without: consecutive points as
        // steps of one frame, whatever their frame numbers (the gap-free formula of the class documentation)
        boolean made = t.interpolatedCount() > 0;
        Trajectory m = made ? t.measured() : t;
        Accumulator acc = new Accumulator(m.dimension());
        double[] point = new double[m.dimension()];
        for (int i = 0; i < m.size(); i++) {
            for (int a = 0; a < point.length; a++) {
                point[a] = m.coordinate(i, a);
            }
            acc.add(made ? m.frame(i) : i, point);
        }
        return acc.estimate();
    }

    /**
     * The estimator over points that arrive one at a time (online segmentation, where a track is never held whole):
     * the sums of the formula of the class documentation (with frame lags), O(d) memory. Frames must increase; a gap between two points is
     * a step of several frames. Not thread-safe.
     */
    public static final class Accumulator {
        private final int dimension;
        private final double[] last;
        private final double[] lastStep;
        private int lastFrame;
        private long points;
        private double halfSqPerFrame;
        private double inverseLag;
        private double cov;

        /** @param dimension 2 or 3 */
        public Accumulator(int dimension) {
            this.dimension = dimension;
            this.last = new double[dimension];
            this.lastStep = new double[dimension];
        }

        /**
         * @param frame the point's frame, after the previous one's
         * @param coordinates its coordinates (µm; the first {@code dimension} are used)
         */
        public void add(int frame, double... coordinates) {
            if (points > 0) {
                int k = frame - lastFrame;
                inverseLag += 1.0 / k;
                for (int a = 0; a < dimension; a++) {
                    double step = coordinates[a] - last[a];
                    halfSqPerFrame += step * step / (2.0 * k);
                    if (points > 1) {
                        cov += lastStep[a] * step;
                    }
                    lastStep[a] = step;
                }
            }
            for (int a = 0; a < dimension; a++) {
                last[a] = coordinates[a];
            }
            lastFrame = frame;
            points++;
        }

        /** @return the number of points added */
        public long points() {
            return points;
        }

        /** @return the estimate of the points so far (NaN values below 3 points) */
        public SnrEstimate estimate() {
            if (points < 3) {
                return UNDEFINED;
            }
            double c = cov / ((double) dimension * (points - 2));
            double diffusive = halfSqPerFrame / ((double) dimension * (points - 1)) + c * (inverseLag / (points - 1));
            return fromEstimates(c, diffusive, halfSqPerFrame > 0);
        }
    }

    /**
     * @param lag1Covariance C, µm² (σ̂² = max(0, −C))
     * @param diffusive D̂·Δt before clamping at 0, µm²
     * @param moves whether the track moves at all (Q̂ = +∞ rather than 0 when σ̂ = 0)
     */
    private static SnrEstimate fromEstimates(double lag1Covariance, double diffusive, boolean moves) {
        if (!Double.isFinite(diffusive) || !Double.isFinite(lag1Covariance)) {
            return UNDEFINED;
        }
        double noiseVar = Math.max(0, -lag1Covariance);
        double sigma = Math.sqrt(noiseVar);
        double scale = Math.sqrt(Math.max(0, diffusive));
        double snr;
        if (noiseVar > 0) {
            snr = scale / sigma;
        } else {
            snr = moves ? Double.POSITIVE_INFINITY : 0;
        }
        return new SnrEstimate(sigma, scale, snr);
    }
}
