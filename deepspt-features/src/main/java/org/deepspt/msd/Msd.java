package org.deepspt.msd;

import org.deepspt.api.Trajectory;
import org.jspecify.annotations.Nullable;

/**
 * Time-averaged mean squared displacement (MSD) of one trajectory.
 *
 * <p>For lag n (in frames) the MSD is the mean over all pairs of points whose frame indices differ by
 * exactly n:
 * <pre>
 *   MSD(n) = 1/P(n) · Σ_{(i,j): frame_j − frame_i = n} |r_j − r_i|²      (µm²)
 * </pre>
 * where P(n) is the number of such pairs. For a track without gaps, P(n) = N − n and this is the
 * usual {@code 1/(N−n) Σ_i |r_{i+n} − r_i|²}. For a track with gaps (missing frames) the lag is always
 * measured in frames, never in points: a pair that straddles a gap counts at its true frame difference,
 * so MSD(n) stays the MSD at time n·dt. A lag with no pair at all (possible only with gaps, or when
 * {@code maxLag} exceeds the frame span) is {@link Double#NaN} and has P(n) = 0.
 *
 * <p>Cost O(N·maxLag·dim) with two pointers per lag; the scan is {@link LagMoments}. Thread-safe
 * (stateless).
 */
public final class Msd {

    private Msd() {
    }

    /**
     * Time-averaged MSD at lags 1..maxLag.
     *
     * @param t the trajectory
     * @param maxLag largest lag in frames, ≥ 1
     * @return {@code result[n−1]} = MSD at lag n, µm² (NaN where no pair of points is n frames apart)
     * @throws IllegalArgumentException if {@code maxLag < 1}
     */
    public static double[] timeAveraged(Trajectory t, int maxLag) {
        double[] out = new double[checkLag(maxLag)];
        compute(t, maxLag, out, null);
        return out;
    }

    /**
     * Number of pairs of points that are n frames apart, n = 1..maxLag: N − n for a track without gaps.
     *
     * @param t the trajectory
     * @param maxLag largest lag in frames, ≥ 1
     * @return {@code result[n−1]} = P(n)
     */
    public static int[] pairCounts(Trajectory t, int maxLag) {
        int[] counts = new int[checkLag(maxLag)];
        compute(t, maxLag, new double[maxLag], counts);
        return counts;
    }

    /**
     * Low-level form: MSD of a gap-free run of points given as per-axis arrays, written into a
     * caller-supplied buffer (no allocation). Points {@code from..from+length−1} of every axis are used;
     * lags are in points (= frames when there are no gaps). Sums axis by axis (the rolling-MSD segmenter's
     * hot loop), so it agrees with {@link LagMoments} to rounding, not bit for bit; kept separate because
     * the segmenter's local α fits are sensitive to the last bit on some windows of the bundled examples.
     *
     * @param axes {@code axes[a][i]}: coordinate a of point i, µm
     * @param from first point
     * @param length number of points
     * @param maxLag largest lag, 1 ≤ maxLag ≤ length − 1
     * @param out receives MSD(n) at {@code out[n−1]}, n = 1..maxLag, µm²
     */
    public static void timeAveraged(double[][] axes, int from, int length, int maxLag, double[] out) {
        if (maxLag < 1 || maxLag > length - 1) {
            throw new IllegalArgumentException("maxLag must be in 1.." + (length - 1) + ", got " + maxLag);
        }
        int dim = axes.length;
        for (int n = 1; n <= maxLag; n++) {
            double sum = 0;
            int end = from + length - n;
            for (int a = 0; a < dim; a++) {
                double[] c = axes[a];
                for (int i = from; i < end; i++) {
                    double d = c[i + n] - c[i];
                    sum += d * d;
                }
            }
            out[n - 1] = sum / (length - n);
        }
    }

    /**
     * The lag rule of the MSD fits ({@link MsdFitter#fit(Trajectory)}, the {@code alpha},
     * {@code diffusion_coefficient} and {@code msd_fit_p_value} fingerprint features, per-segment estimates):
     * the first quarter of the MSD curve, at most {@value #MAX_FIT_LAGS} lags: lags 1..min(⌊N/4⌋, 30) of a
     * track of N points.
     *
     * <p>Why: MSD(n) of a track of N points averages N − n strongly overlapping displacements, so its
     * relative variance grows with n (≈ (2n² + 1)/(3n(N − n + 1)) in 2D, Qian, Sheetz &amp; Elson 1991,
     * doi:10.1016/S0006-3495(91)82125-7) and neighbouring lags are almost fully correlated: lags near N − 1
     * add noise, not information. Michalet (2010, Phys. Rev. E 82, 041914, doi:10.1103/PhysRevE.82.041914)
     * shows that the best fits use a small number of the first MSD points; his optimal number applies to the
     * Brownian model with localization error ({@link MsdFitter#fitWithLocalizationError}, which uses it), not
     * to the 3-parameter anomalous model. For that we use the widely used convention of fitting the first
     * 25 % of the curve, the default of msdanalyzer (Tarantino et al. 2014, J. Cell Biol. 204, 231,
     * doi:10.1083/jcb.201307172), as a fixed fraction of N that does not depend on the data, with a maximal
     * number of points (msdanalyzer's other form of the same option) of 30: beyond it the lags are almost fully
     * correlated with the earlier ones and the variance-weighted fit, which ignores those correlations, gets
     * noisier, not better (α of 300 simulated tracks of 400 points with localization noise, Q = 4: RMSE 0.111
     * with 100 lags, 0.090 with 30 for Brownian motion; 0.121 and 0.111 for fBm with α = 0.5), while the
     * standard errors cost O(L²·N). With
     * {@link MsdFitter#MIN_LAGS} = 4 lags needed for 3 parameters, tracks (and segments) of fewer than 16
     * points get no anomalous fit ({@link org.deepspt.api.FitStatus#TOO_FEW_LAGS}). This replaces, for the fits, the
     * DeepSPT rule {@link #defaultMaxLag(int)} (lags up to N − 1 for N ≤ 20), under which a 4-point track was
     * fitted with 3 parameters on 3 lags (R² = 1 by construction) and 7-point Brownian tracks reached α &gt; 3.
     *
     * @param n number of points N (≥ 0)
     * @return min(⌊N/4⌋, 30), the largest lag to fit, frames
     */
    public static int fitMaxLag(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("number of points must be >= 0, got " + n);
        }
        return Math.min(n / 4, MAX_FIT_LAGS);
    }

    /** Most lags the default fit rule uses ({@link #fitMaxLag(int)}). */
    public static final int MAX_FIT_LAGS = 30;

    /**
     * The lag rule of DeepSPT for the MSD-curve features of the fingerprint ({@code mean_msd},
     * {@code msd_ratio}, {@code gaussianity}, {@code trappedness}): with M = ⌊N/2⌋ if N &gt; 20, else M = N,
     * the MSD is used at lags 1..M−1, so the largest lag is M − 1. Not used for fits (see
     * {@link #fitMaxLag(int)}).
     *
     * <p>Guard for tiny tracks: N ≤ 1 has no lag at all and gives 0 (callers must treat 0 as "no MSD").
     *
     * @param n number of points N (≥ 0)
     * @return the largest lag M − 1 (≥ 0), frames
     */
    public static int defaultMaxLag(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("number of points must be >= 0, got " + n);
        }
        int m = n > 20 ? n / 2 : n;
        return Math.max(0, m - 1);
    }

    private static int checkLag(int maxLag) {
        if (maxLag < 1) {
            throw new IllegalArgumentException("maxLag must be >= 1, got " + maxLag);
        }
        return maxLag;
    }

    private static void compute(Trajectory t, int maxLag, double[] out, int @Nullable [] counts) {
        LagMoments m = new LagMoments().measure(t, maxLag);
        m.msd(out, maxLag);
        if (counts != null) {
            m.pairs(counts, maxLag);
        }
    }
}
