package org.deepspt.fingerprint;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.deepspt.api.Feature;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.FingerprintExtractor;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.api.Segmentation;
import org.deepspt.api.TrackTooShortException;
import org.deepspt.api.Trajectory;
import org.deepspt.msd.Msd;
import org.deepspt.msd.MsdFit;
import org.deepspt.msd.MsdFitter;

/**
 * The diffusional fingerprint of DeepSPT (Kæstel-Hansen et al., Nat. Methods 2025,
 * doi:10.1038/s41592-025-02665-8), extending the 17-feature fingerprint of Pinholt et al.
 * (PNAS 118, e2104624118, 2021, doi:10.1073/pnas.2104624118): the 31 track features and 12
 * segmentation features of {@link FingerprintFeature}, in that order.
 *
 * <h2>Definitions</h2>
 * Positions r<sub>0</sub>..r<sub>N−1</sub> (µm), m = N − 1 steps Δ<sub>i</sub> = r<sub>i+1</sub> −
 * r<sub>i</sub>, step lengths SL<sub>i</sub> = |Δ<sub>i</sub>|, dot products DP<sub>j</sub> =
 * Δ<sub>j</sub>·Δ<sub>j+1</sub> (m − 1 of them), d<sub>max</sub> the largest distance between two
 * points (found on the convex hull), MSD(n) the time-averaged MSD at lag n = 1..L with L =
 * {@link Msd#defaultMaxLag(int)} (M − 1, M = ⌊N/2⌋ if N &gt; 20 else N).
 * <ul>
 *   <li>{@code alpha}, {@code diffusion_coefficient}, {@code msd_fit_p_value}: the bounded fit
 *       MSD(t) = 2·dim·D·t<sup>α</sup> + offset of the configured {@link MsdFitter} (default
 *       {@link MsdFitter#defaults()}: variance-weighted, α ∈ [1e-4, 10], D ≥ 1e-9, offset ≥ 0) over lags
 *       1..L, p-value from its χ² with L − 3 degrees of freedom. <b>Deviation:</b> the original fits
 *       unweighted; use {@code msdFitter(MsdFitter.builder().varianceWeighted(false).build())} for that.
 *       NaN when L &lt; 3 (N &lt; 4); p NaN when L &lt; 4; α NaN and D = 0 when all points coincide.</li>
 *   <li>{@code model_parameter}: the original reserves this slot for a directed speed or confinement
 *       radius from model-specific fits and writes 0 when none is run; no such fit is run here, so it is
 *       always 0 (a constant column: classifiers must tolerate zero variance).</li>
 *   <li>{@code efficiency} = |r<sub>N−1</sub> − r<sub>0</sub>|² / (m·Σ SL²): 1 for a straight path of
 *       equal steps, 0 for a closed path; NaN when Σ SL² = 0. {@code log_efficiency} = ln(efficiency),
 *       NaN when the efficiency is 0 or NaN (the original gives −∞ or NaN).</li>
 *   <li>{@code fractal_dimension} (Katz 1988) = ln m / (ln m + ln(d<sub>max</sub>/Σ SL)) with m the number of
 *       <em>steps</em>, as in Katz and Pinholt et al. (the DeepSPT fact sheet writes ln N with N points; both
 *       give 1 for a straight path). NaN when Σ SL = 0 or the denominator is ≤ 0 (m = 1, or a path folded
 *       back on itself so that d<sub>max</sub> = Σ SL / m).</li>
 *   <li>{@code gaussianity} = mean over lags n = 1..L with MSD(n) &gt; 0 of
 *       ⟨|r<sub>i+n</sub> − r<sub>i</sub>|⁴⟩ / (2·⟨|r<sub>i+n</sub> − r<sub>i</sub>|²⟩²). For Gaussian
 *       displacements this is 1 in 2D and 5/6 in 3D (the textbook Gaussianity of Pinholt et al. subtracts
 *       1, i.e. is this value − 1; we keep the DeepSPT form). NaN when every MSD is 0.</li>
 *   <li>{@code kurtosis}: positions projected on the eigenvector of the largest eigenvalue of their
 *       (population) covariance; Pearson kurtosis m<sub>4</sub>/m<sub>2</sub>² (not excess: 3 for a
 *       Gaussian). When the two largest eigenvalues are equal the 2D axis is x (angle ½·atan2(2c<sub>xy</sub>,
 *       c<sub>xx</sub> − c<sub>yy</sub>) = 0). NaN when all points coincide.</li>
 *   <li>{@code msd_ratio} (Wagner et al. 2017, consecutive lags as in DeepSPT) = mean over n = 1..L−1
 *       with MSD(n+1) &gt; 0 of MSD(n)/MSD(n+1) − n/(n+1): 0 for Brownian motion, &gt; 0 for confined or
 *       subdiffusive, &lt; 0 for directed motion. NaN when L &lt; 2 (N = 2) or no term is defined.</li>
 *   <li>{@code trappedness} (Saxton 1993, doi:10.1016/S0006-3495(93)81548-0) = 1 − exp(0.2045 −
 *       0.25117·D·t/r<sub>0</sub>²), r<sub>0</sub> = d<sub>max</sub>/2, t = (N − 1)·dt the duration, and
 *       D = max(0, MSD(2) − MSD(1)) / (2·dim·dt) the short-time diffusion coefficient (free of the
 *       localization-noise offset). <b>Deviation:</b> the original takes D·t = (MSD(2) − MSD(1))·N, i.e.
 *       without the 1/(2·dim) factor and dt. Can be negative (down to 1 − e<sup>0.2045</sup> ≈ −0.227) for
 *       short, spread-out tracks. NaN when N &lt; 3 or d<sub>max</sub> = 0.</li>
 *   <li>{@code hmm_fraction_0..3}: fractions of the m steps whose Viterbi state (of the configured
 *       {@link FixedStepHmm}, default {@link FixedStepHmm#deepSpt()}, decoded on SL in µm) has rank
 *       0..3 by emission mean; {@code hmm_mean_dwell} = m / (number of runs of equal state) × dt, s.</li>
 *   <li>{@code n_points} = N; {@code mean_step_length} = Σ SL / m; {@code mean_msd} = mean of MSD(1..L);
 *       {@code mean_dot_product} = mean DP (NaN when N &lt; 3); {@code fraction_equal_sign_dot_products}:
 *       fraction of the m − 2 consecutive DP pairs with equal signum (NaN when N &lt; 4);
 *       {@code fraction_positive_dot_products}: fraction of DP &gt; 0 (NaN when N &lt; 3);
 *       {@code total_step_length} = Σ SL; {@code min_step_length}, {@code max_step_length},
 *       {@code step_length_range} = max − min; {@code speed} = Σ SL / ((N − 1)·dt), µm/s
 *       (<b>deviation:</b> the original divides by N and ignores dt); {@code step_length_cv} = population
 *       sd / mean of SL (NaN when Σ SL = 0); {@code fraction_short_steps}: SL &lt; 0.1 µm,
 *       {@code fraction_long_steps}: SL &gt; 0.4 µm (thresholds configurable).</li>
 *   <li>{@code convex_hull}: {@link ConvexHull} area (2D, µm²) or volume (3D, µm³); 0 for collinear,
 *       coplanar (3D) or identical points.</li>
 *   <li>Segmentation features, from the argmax states of the {@link Segmentation}: {@code fraction_normal},
 *       {@code fraction_directed}, {@code fraction_confined}, {@code fraction_subdiffusive} (fractions of the
 *       N points); {@code n_segments} = k, the number of maximal runs of equal state;
 *       {@code instantaneous_d} = MSD(1)/(2·dim·dt), µm²/s; with segments j = 1..k (1-based) of label
 *       l<sub>j</sub> ∈ 0..3 and code c<sub>j</sub> = (l<sub>j</sub> + 1)·j: {@code segment_code_mean},
 *       {@code _median}, {@code _max}, {@code _min}, {@code _std} (population sd);
 *       {@code median_label_jump} = median over j of |g(l<sub>j+1</sub>) − g(l<sub>j</sub>)| with
 *       g = {ND→0, DM→1, CD→4, SD→6}, NaN for a single segment.</li>
 * </ul>
 *
 * <h2>NaN policy, gaps, minimum length</h2>
 * A feature that is undefined for the track is NaN (cases above). The original DeepSPT replaces NaN by 0:
 * call {@link Fingerprint#withNaNAsZero()} for that. Tracks need at least 2 points
 * ({@link TrackTooShortException} otherwise).
 *
 * <p>Gaps (missing frames, {@link Trajectory#hasGaps()}): {@link #extract} measures every time-dependent
 * feature in frames. The MSD and the fourth moments of {@code gaussianity} use the pairs of points exactly
 * n frames apart ({@link Msd}; lags 1..min(L, frame span), lags without pairs skipped), the fit is
 * {@link MsdFitter#fit(Trajectory)}, {@code msd_ratio} uses consecutive lags that both have pairs,
 * {@code trappedness} uses t = frame span × dt, {@code speed} = Σ SL / (frame span × dt) and
 * {@code instantaneous_d} uses MSD at one frame (NaN when no two points are one frame apart). Step, dot
 * product, HMM, hull, efficiency, fractal-dimension and kurtosis features use consecutive recorded points
 * (a step across a gap is one step). The low-level {@link #trackFeatures} and
 * {@link TimeResolvedFingerprint} take consecutive points as one frame apart.
 *
 * <p>Immutable and thread-safe. {@link #extract} reuses one {@link Workspace} per thread; the low-level
 * {@link #trackFeatures} takes a caller-supplied workspace for hot loops.
 */
public final class DiffusionalFingerprint implements FingerprintExtractor {
    private static final double SAXTON_A = 0.2045;
    private static final double SAXTON_B = 0.25117;
    private static final int[] LABEL_MAP = {0, 1, 4, 6};

    private final MsdFitter fitter;
    private final FixedStepHmm hmm;
    private final double shortStep;
    private final double longStep;
    private final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(Workspace::new);

    private DiffusionalFingerprint(Builder b) {
        this.fitter = b.fitter;
        this.hmm = b.hmm;
        this.shortStep = b.shortStep;
        this.longStep = b.longStep;
    }

    /** @return the DeepSPT configuration: {@link MsdFitter#defaults()}, {@link FixedStepHmm#deepSpt()}, 0.1/0.4 µm */
    public static DiffusionalFingerprint defaults() {
        return builder().build();
    }

    /** @return a builder starting from {@link #defaults()} */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public List<Feature> features() {
        return FingerprintFeature.all();
    }

    @Override
    public int minimumLength() {
        return 2;
    }

    @Override
    public Fingerprint extract(Trajectory trajectory) {
        double[] out = new double[FingerprintFeature.TRACK_FEATURE_COUNT];
        track(trajectory, out, workspaces.get());
        return Fingerprint.of(trajectory.id(), FingerprintFeature.trackNames(), out);
    }

    @Override
    public Fingerprint extract(Trajectory trajectory, Segmentation segmentation) {
        Objects.requireNonNull(segmentation, "segmentation");
        checkMatch(trajectory, segmentation);
        double[] out = new double[FingerprintFeature.COUNT];
        Workspace ws = workspaces.get();
        track(trajectory, out, ws);
        int[] states = segmentation.stateIndices();
        segmentationFeatures(states, 0, states.length, ws.msd1, trajectory.dimension(),
                trajectory.frameInterval(), out, FingerprintFeature.TRACK_FEATURE_COUNT);
        return Fingerprint.of(trajectory.id(), FingerprintFeature.allNames(), out);
    }

    static void checkMatch(Trajectory t, Segmentation s) {
        if (s.size() != t.size()) {
            throw new InvalidTrajectoryException(t.id(), "segmentation has " + s.size() + " points but the track has "
                    + t.size());
        }
        for (int i = 0; i < t.size(); i++) {
            if (s.frame(i) != t.frame(i)) {
                throw new InvalidTrajectoryException(t.id(), "segmentation point " + i + " is frame " + s.frame(i)
                        + " but the track's is frame " + t.frame(i));
            }
        }
    }

    private void track(Trajectory t, double[] out, Workspace ws) {
        Objects.requireNonNull(t, "trajectory");
        if (t.size() < 2) {
            throw new TrackTooShortException(t.id(), t.size(), 2, "diffusional fingerprint");
        }
        double[][] axes = new double[t.dimension()][];
        for (int a = 0; a < axes.length; a++) {
            axes[a] = t.axis(a);
        }
        trackFeatures(axes, 0, t.size(), t.frameInterval(), ws, out, 0);
        if (t.hasGaps()) {
            correctForGaps(t, axes, ws, out);
        }
    }

    /** Recomputes the time-dependent features with lags measured in frames (see class doc). */
    private void correctForGaps(Trajectory t, double[][] axes, Workspace ws, double[] out) {
        int n = t.size();
        int dim = axes.length;
        double dt = t.frameInterval();
        int[] frames = t.frames();
        int span = frames[n - 1] - frames[0];
        int lags = Math.min(Msd.defaultMaxLag(n), span);
        double[] msd = new double[lags];
        double msdSum = 0;
        int msdCount = 0;
        double gaussSum = 0;
        int gaussCount = 0;
        for (int lag = 1; lag <= lags; lag++) {
            double s2 = 0;
            double s4 = 0;
            int pairs = 0;
            int j = 0;
            for (int i = 0; i < n; i++) {
                int target = frames[i] + lag;
                j = Math.max(j, i + 1);
                while (j < n && frames[j] < target) {
                    j++;
                }
                if (j == n) {
                    break;
                }
                if (frames[j] == target) {
                    double r2 = 0;
                    for (int a = 0; a < dim; a++) {
                        double d = axes[a][j] - axes[a][i];
                        r2 += d * d;
                    }
                    s2 += r2;
                    s4 += r2 * r2;
                    pairs++;
                }
            }
            double mean2 = pairs > 0 ? s2 / pairs : Double.NaN;
            msd[lag - 1] = mean2;
            if (pairs > 0) {
                msdSum += mean2;
                msdCount++;
                if (mean2 > 0) {
                    gaussSum += (s4 / pairs) / (2 * mean2 * mean2);
                    gaussCount++;
                }
            }
        }
        double alpha = Double.NaN;
        double diff = Double.NaN;
        double pValue = Double.NaN;
        try {
            MsdFit fit = fitter.fit(t);
            alpha = fit.alpha();
            diff = fit.diffusionCoefficient();
            pValue = fit.pValue();
        } catch (TrackTooShortException e) {
            // fewer than 3 lags with pairs: the fit features stay NaN
        }
        double rs = 0;
        int rc = 0;
        for (int k = 1; k < lags; k++) {
            if (!Double.isNaN(msd[k - 1]) && msd[k] > 0) {
                rs += msd[k - 1] / msd[k] - (double) k / (k + 1);
                rc++;
            }
        }
        double trapped = Double.NaN;
        if (lags >= 2 && !Double.isNaN(msd[0]) && !Double.isNaN(msd[1]) && ws.dmax > 0) {
            double dShort = Math.max(0, msd[1] - msd[0]) / (2.0 * dim * dt);
            double r0 = ws.dmax / 2;
            trapped = 1 - Math.exp(SAXTON_A - SAXTON_B * dShort * (span * dt) / (r0 * r0));
        }
        ws.msd1 = lags >= 1 ? msd[0] : Double.NaN;
        out[FingerprintFeature.ALPHA.ordinal()] = alpha;
        out[FingerprintFeature.DIFFUSION_COEFFICIENT.ordinal()] = diff;
        out[FingerprintFeature.MSD_FIT_P_VALUE.ordinal()] = pValue;
        out[FingerprintFeature.GAUSSIANITY.ordinal()] = gaussCount > 0 ? gaussSum / gaussCount : Double.NaN;
        out[FingerprintFeature.MSD_RATIO.ordinal()] = rc > 0 ? rs / rc : Double.NaN;
        out[FingerprintFeature.TRAPPEDNESS.ordinal()] = trapped;
        out[FingerprintFeature.MEAN_MSD.ordinal()] = msdCount > 0 ? msdSum / msdCount : Double.NaN;
        out[FingerprintFeature.SPEED.ordinal()] = out[FingerprintFeature.TOTAL_STEP_LENGTH.ordinal()] / (span * dt);
    }

    /** @return a new, empty workspace (not thread-safe: one per thread) */
    public static Workspace newWorkspace() {
        return new Workspace();
    }

    /**
     * Low-level form: the 31 track features of points {@code from..from+n−1} of {@code axes}, written to
     * {@code out[offset .. offset+31)} in {@link FingerprintFeature} order. Leaves MSD(1) in the workspace
     * ({@link Workspace#msd1()}) for {@link #segmentationFeatures}.
     *
     * @param axes per-axis coordinates, µm (2 or 3 axes)
     * @param from first point
     * @param n number of points, ≥ 2
     * @param dt frame interval, s
     * @param ws scratch space of the calling thread
     * @param out destination
     * @param offset first index written
     */
    public void trackFeatures(double[][] axes, int from, int n, double dt, Workspace ws, double[] out,
            int offset) {
        int dim = axes.length;
        if (dim != 2 && dim != 3) {
            throw new IllegalArgumentException("need 2 or 3 axes, got " + dim);
        }
        if (n < 2) {
            throw new IllegalArgumentException("need at least 2 points, got " + n);
        }
        ws.ensure(n);
        int m = n - 1;
        double[] sl = ws.sl;
        // --- steps
        double sumSl = 0;
        double sumSl2 = 0;
        double minSl = Double.POSITIVE_INFINITY;
        double maxSl = 0;
        int shortCount = 0;
        int longCount = 0;
        for (int i = 0; i < m; i++) {
            double s2 = 0;
            for (int a = 0; a < dim; a++) {
                double d = axes[a][from + i + 1] - axes[a][from + i];
                s2 += d * d;
            }
            double s = Math.sqrt(s2);
            sl[i] = s;
            sumSl += s;
            sumSl2 += s2;
            minSl = Math.min(minSl, s);
            maxSl = Math.max(maxSl, s);
            if (s < shortStep) {
                shortCount++;
            }
            if (s > longStep) {
                longCount++;
            }
        }
        double meanSl = sumSl / m;
        double varSl = 0;
        for (int i = 0; i < m; i++) {
            double d = sl[i] - meanSl;
            varSl += d * d;
        }
        varSl /= m;
        // --- dot products
        double sumDp = 0;
        int posDp = 0;
        int equalSign = 0;
        double prevSign = 0;
        for (int j = 0; j + 1 < m; j++) {
            double dp = 0;
            for (int a = 0; a < dim; a++) {
                double[] c = axes[a];
                int i = from + j;
                dp += (c[i + 1] - c[i]) * (c[i + 2] - c[i + 1]);
            }
            sumDp += dp;
            if (dp > 0) {
                posDp++;
            }
            double sign = Math.signum(dp);
            if (j > 0 && sign == prevSign) {
                equalSign++;
            }
            prevSign = sign;
        }
        // --- end to end
        double e2 = 0;
        for (int a = 0; a < dim; a++) {
            double d = axes[a][from + n - 1] - axes[a][from];
            e2 += d * d;
        }
        // --- hull and d_max
        double hull;
        double dmax;
        if (dim == 2) {
            int h = ConvexHull.hull2d(axes[0], axes[1], from, n, ws.order, ws.hull);
            hull = ConvexHull.polygonArea(axes[0], axes[1], ws.hull, h);
            dmax = maxDistance(axes, ws.hull, h);
        } else {
            hull = ConvexHull.Hull3d.build(axes[0], axes[1], axes[2], from, n, ws.order);
            if (ws.order[0] < 0) {
                dmax = maxDistanceAll(axes, from, n);
            } else {
                int h = 0;
                for (int i = 0; i < n; i++) {
                    if (ws.order[i] == 1) {
                        ws.hull[h++] = from + i;
                    }
                }
                dmax = maxDistance(axes, ws.hull, h);
            }
        }
        // --- MSD and fourth moments
        int lags = Msd.defaultMaxLag(n);
        double[] msd = ws.msd;
        double gaussSum = 0;
        int gaussCount = 0;
        double msdSum = 0;
        for (int lag = 1; lag <= lags; lag++) {
            double s2 = 0;
            double s4 = 0;
            int end = from + n - lag;
            if (dim == 2) {
                double[] x = axes[0];
                double[] y = axes[1];
                for (int i = from; i < end; i++) {
                    double dx = x[i + lag] - x[i];
                    double dy = y[i + lag] - y[i];
                    double r2 = dx * dx + dy * dy;
                    s2 += r2;
                    s4 += r2 * r2;
                }
            } else {
                double[] x = axes[0];
                double[] y = axes[1];
                double[] z = axes[2];
                for (int i = from; i < end; i++) {
                    double dx = x[i + lag] - x[i];
                    double dy = y[i + lag] - y[i];
                    double dz = z[i + lag] - z[i];
                    double r2 = dx * dx + dy * dy + dz * dz;
                    s2 += r2;
                    s4 += r2 * r2;
                }
            }
            int pairs = n - lag;
            double mean2 = s2 / pairs;
            msd[lag - 1] = mean2;
            msdSum += mean2;
            if (mean2 > 0) {
                gaussSum += (s4 / pairs) / (2 * mean2 * mean2);
                gaussCount++;
            }
        }
        ws.msd1 = msd[0];
        ws.dmax = dmax;
        double alpha = Double.NaN;
        double diff = Double.NaN;
        double pValue = Double.NaN;
        if (lags >= 3) {
            MsdFit fit = fitter.fit(Arrays.copyOf(msd, lags), dt, dim, n);
            alpha = fit.alpha();
            diff = fit.diffusionCoefficient();
            pValue = fit.pValue();
        }
        double ratio = Double.NaN;
        if (lags >= 2) {
            double rs = 0;
            int rc = 0;
            for (int k = 1; k < lags; k++) {
                if (msd[k] > 0) {
                    rs += msd[k - 1] / msd[k] - (double) k / (k + 1);
                    rc++;
                }
            }
            ratio = rc > 0 ? rs / rc : Double.NaN;
        }
        double trapped = Double.NaN;
        if (lags >= 2 && dmax > 0) {
            double dShort = Math.max(0, msd[1] - msd[0]) / (2.0 * dim * dt);
            double r0 = dmax / 2;
            trapped = 1 - Math.exp(SAXTON_A - SAXTON_B * dShort * (m * dt) / (r0 * r0));
        }
        // --- HMM
        hmm.viterbi(sl, 0, m, ws.path, ws.scratch(hmm.scratchSize(m)));
        int[] rankCount = ws.rankCount;
        Arrays.fill(rankCount, 0);
        int runs = 1;
        for (int i = 0; i < m; i++) {
            rankCount[hmm.rankByMean(ws.path[i])]++;
            if (i > 0 && ws.path[i] != ws.path[i - 1]) {
                runs++;
            }
        }
        double eff = sumSl2 > 0 ? e2 / (m * sumSl2) : Double.NaN;
        double fdDen = Math.log(m) + Math.log(dmax / sumSl);
        double fd = sumSl > 0 && fdDen > 0 ? Math.log(m) / fdDen : Double.NaN;

        int o = offset;
        out[o + FingerprintFeature.ALPHA.ordinal()] = alpha;
        out[o + FingerprintFeature.DIFFUSION_COEFFICIENT.ordinal()] = diff;
        out[o + FingerprintFeature.MODEL_PARAMETER.ordinal()] = 0;
        out[o + FingerprintFeature.MSD_FIT_P_VALUE.ordinal()] = pValue;
        out[o + FingerprintFeature.EFFICIENCY.ordinal()] = eff;
        out[o + FingerprintFeature.LOG_EFFICIENCY.ordinal()] = eff > 0 ? Math.log(eff) : Double.NaN;
        out[o + FingerprintFeature.FRACTAL_DIMENSION.ordinal()] = fd;
        out[o + FingerprintFeature.GAUSSIANITY.ordinal()] = gaussCount > 0 ? gaussSum / gaussCount : Double.NaN;
        out[o + FingerprintFeature.KURTOSIS.ordinal()] = kurtosis(axes, from, n);
        out[o + FingerprintFeature.MSD_RATIO.ordinal()] = ratio;
        out[o + FingerprintFeature.TRAPPEDNESS.ordinal()] = trapped;
        for (int r = 0; r < 4; r++) {
            out[o + FingerprintFeature.HMM_FRACTION_0.ordinal() + r] = r < rankCount.length
                    ? (double) rankCount[r] / m : Double.NaN;
        }
        out[o + FingerprintFeature.HMM_MEAN_DWELL.ordinal()] = (double) m / runs * dt;
        out[o + FingerprintFeature.N_POINTS.ordinal()] = n;
        out[o + FingerprintFeature.MEAN_STEP_LENGTH.ordinal()] = meanSl;
        out[o + FingerprintFeature.MEAN_MSD.ordinal()] = msdSum / lags;
        out[o + FingerprintFeature.MEAN_DOT_PRODUCT.ordinal()] = m >= 2 ? sumDp / (m - 1) : Double.NaN;
        out[o + FingerprintFeature.FRACTION_EQUAL_SIGN_DOT_PRODUCTS.ordinal()] = m >= 3
                ? (double) equalSign / (m - 2) : Double.NaN;
        out[o + FingerprintFeature.FRACTION_POSITIVE_DOT_PRODUCTS.ordinal()] = m >= 2
                ? (double) posDp / (m - 1) : Double.NaN;
        out[o + FingerprintFeature.TOTAL_STEP_LENGTH.ordinal()] = sumSl;
        out[o + FingerprintFeature.MIN_STEP_LENGTH.ordinal()] = minSl;
        out[o + FingerprintFeature.MAX_STEP_LENGTH.ordinal()] = maxSl;
        out[o + FingerprintFeature.STEP_LENGTH_RANGE.ordinal()] = maxSl - minSl;
        out[o + FingerprintFeature.SPEED.ordinal()] = sumSl / (m * dt);
        out[o + FingerprintFeature.STEP_LENGTH_CV.ordinal()] = meanSl > 0 ? Math.sqrt(varSl) / meanSl : Double.NaN;
        out[o + FingerprintFeature.FRACTION_SHORT_STEPS.ordinal()] = (double) shortCount / m;
        out[o + FingerprintFeature.FRACTION_LONG_STEPS.ordinal()] = (double) longCount / m;
        out[o + FingerprintFeature.CONVEX_HULL.ordinal()] = hull;
    }

    /**
     * Low-level form: the 12 segmentation features of the states {@code states[from .. from+n)}, written
     * to {@code out[offset .. offset+12)} in {@link FingerprintFeature} order.
     *
     * @param states state index 0..3 per point
     * @param from first point
     * @param n number of points, ≥ 1
     * @param msd1 MSD at lag 1 of the same points, µm² (from {@link Workspace#msd1()})
     * @param dim 2 or 3
     * @param dt frame interval, s
     * @param out destination
     * @param offset first index written
     */
    public static void segmentationFeatures(int[] states, int from, int n, double msd1, int dim, double dt,
            double[] out, int offset) {
        int[] counts = new int[4];
        int k = 0;
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int s = states[from + i];
            if (s < 0 || s > 3) {
                throw new IllegalArgumentException("state at point " + i + " must be 0..3, got " + s);
            }
            counts[s]++;
            if (i == 0 || s != states[from + i - 1]) {
                labels[k++] = s;
            }
        }
        double[] codes = new double[k];
        double sum = 0;
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < k; j++) {
            double c = (labels[j] + 1.0) * (j + 1);
            codes[j] = c;
            sum += c;
            max = Math.max(max, c);
            min = Math.min(min, c);
        }
        double mean = sum / k;
        double var = 0;
        for (double c : codes) {
            var += (c - mean) * (c - mean);
        }
        double[] jumps = new double[Math.max(0, k - 1)];
        for (int j = 1; j < k; j++) {
            jumps[j - 1] = Math.abs(LABEL_MAP[labels[j]] - LABEL_MAP[labels[j - 1]]);
        }
        int o = offset - FingerprintFeature.TRACK_FEATURE_COUNT;
        out[o + FingerprintFeature.FRACTION_NORMAL.ordinal()] = (double) counts[0] / n;
        out[o + FingerprintFeature.FRACTION_DIRECTED.ordinal()] = (double) counts[1] / n;
        out[o + FingerprintFeature.FRACTION_CONFINED.ordinal()] = (double) counts[2] / n;
        out[o + FingerprintFeature.FRACTION_SUBDIFFUSIVE.ordinal()] = (double) counts[3] / n;
        out[o + FingerprintFeature.N_SEGMENTS.ordinal()] = k;
        out[o + FingerprintFeature.INSTANTANEOUS_D.ordinal()] = msd1 / (2.0 * dim * dt);
        out[o + FingerprintFeature.SEGMENT_CODE_MEAN.ordinal()] = mean;
        out[o + FingerprintFeature.SEGMENT_CODE_MEDIAN.ordinal()] = median(codes);
        out[o + FingerprintFeature.SEGMENT_CODE_MAX.ordinal()] = max;
        out[o + FingerprintFeature.SEGMENT_CODE_MIN.ordinal()] = min;
        out[o + FingerprintFeature.SEGMENT_CODE_STD.ordinal()] = Math.sqrt(var / k);
        out[o + FingerprintFeature.MEDIAN_LABEL_JUMP.ordinal()] = median(jumps);
    }

    /** Median (mean of the two middle values for an even count); NaN for an empty array. Sorts in place. */
    static double median(double[] v) {
        if (v.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(v);
        int h = v.length / 2;
        return v.length % 2 == 1 ? v[h] : 0.5 * (v[h - 1] + v[h]);
    }

    private static double maxDistance(double[][] axes, int[] idx, int h) {
        double best = 0;
        int dim = axes.length;
        for (int i = 0; i < h; i++) {
            for (int j = i + 1; j < h; j++) {
                double s = 0;
                for (int a = 0; a < dim; a++) {
                    double d = axes[a][idx[i]] - axes[a][idx[j]];
                    s += d * d;
                }
                best = Math.max(best, s);
            }
        }
        return Math.sqrt(best);
    }

    private static double maxDistanceAll(double[][] axes, int from, int n) {
        double best = 0;
        int dim = axes.length;
        for (int i = from; i < from + n; i++) {
            for (int j = i + 1; j < from + n; j++) {
                double s = 0;
                for (int a = 0; a < dim; a++) {
                    double d = axes[a][i] - axes[a][j];
                    s += d * d;
                }
                best = Math.max(best, s);
            }
        }
        return Math.sqrt(best);
    }

    /** Pearson kurtosis of the positions projected on the main covariance axis; NaN if all coincide. */
    static double kurtosis(double[][] axes, int from, int n) {
        int dim = axes.length;
        double[] mean = new double[dim];
        for (int a = 0; a < dim; a++) {
            double s = 0;
            for (int i = from; i < from + n; i++) {
                s += axes[a][i];
            }
            mean[a] = s / n;
        }
        double[][] cov = new double[dim][dim];
        for (int a = 0; a < dim; a++) {
            for (int b = a; b < dim; b++) {
                double s = 0;
                for (int i = from; i < from + n; i++) {
                    s += (axes[a][i] - mean[a]) * (axes[b][i] - mean[b]);
                }
                cov[a][b] = s / n;
                cov[b][a] = s / n;
            }
        }
        double[] dir = new double[dim];
        if (dim == 2) {
            double theta = 0.5 * Math.atan2(2 * cov[0][1], cov[0][0] - cov[1][1]);
            dir[0] = Math.cos(theta);
            dir[1] = Math.sin(theta);
        } else {
            double trace = cov[0][0] + cov[1][1] + cov[2][2];
            if (!(trace > 0)) {
                return Double.NaN;
            }
            EigenDecomposition ed = new EigenDecomposition(new Array2DRowRealMatrix(cov, false));
            double[] ev = ed.getRealEigenvalues();
            int best = 0;
            for (int i = 1; i < ev.length; i++) {
                if (ev[i] > ev[best]) {
                    best = i;
                }
            }
            RealVector v = ed.getEigenvector(best);
            for (int a = 0; a < 3; a++) {
                dir[a] = v.getEntry(a);
            }
        }
        double m2 = 0;
        double m4 = 0;
        for (int i = from; i < from + n; i++) {
            double p = 0;
            for (int a = 0; a < dim; a++) {
                p += (axes[a][i] - mean[a]) * dir[a];
            }
            double p2 = p * p;
            m2 += p2;
            m4 += p2 * p2;
        }
        m2 /= n;
        m4 /= n;
        return m2 > 0 ? m4 / (m2 * m2) : Double.NaN;
    }

    /** Per-thread scratch buffers of the fingerprint computation; grows as needed. Not thread-safe. */
    public static final class Workspace {
        private double[] sl = new double[0];
        private double[] msd = new double[0];
        private int[] order = new int[0];
        private int[] hull = new int[0];
        private int[] path = new int[0];
        private double[] scratch = new double[0];
        private final int[] rankCount = new int[4];
        private double msd1 = Double.NaN;
        private double dmax;

        private Workspace() {
        }

        /** @return MSD at lag 1 of the last track processed, µm² */
        public double msd1() {
            return msd1;
        }

        void ensure(int n) {
            if (sl.length < n) {
                int c = Math.max(n, 2 * sl.length);
                sl = new double[c];
                msd = new double[c];
                order = new int[c];
                hull = new int[c + 1];
                path = new int[c];
            }
        }

        double[] scratch(int size) {
            if (scratch.length < size) {
                scratch = new double[Math.max(size, 2 * scratch.length)];
            }
            return scratch;
        }
    }

    /** Builder of {@link DiffusionalFingerprint}; not thread-safe. */
    public static final class Builder {
        private MsdFitter fitter = MsdFitter.defaults();
        private FixedStepHmm hmm = FixedStepHmm.deepSpt();
        private double shortStep = 0.1;
        private double longStep = 0.4;

        private Builder() {
        }

        /**
         * @param msdFitter fitter for α, D and the p-value (default {@link MsdFitter#defaults()}); its maxLag
         *     setting, if any, is ignored: lags 1..L of the DeepSPT rule are passed
         * @return this
         */
        public Builder msdFitter(MsdFitter msdFitter) {
            this.fitter = Objects.requireNonNull(msdFitter, "msdFitter");
            return this;
        }

        /**
         * @param model step-length HMM with exactly 4 states (default {@link FixedStepHmm#deepSpt()})
         * @return this
         */
        public Builder hmm(FixedStepHmm model) {
            Objects.requireNonNull(model, "model");
            if (model.states() != 4) {
                throw new IllegalArgumentException("the fingerprint needs a 4-state HMM, got " + model.states());
            }
            this.hmm = model;
            return this;
        }

        /**
         * @param shortThreshold SL below which a step is short, µm (default 0.1)
         * @param longThreshold SL above which a step is long, µm (default 0.4)
         * @return this
         */
        public Builder stepThresholds(double shortThreshold, double longThreshold) {
            if (!(shortThreshold >= 0) || !(longThreshold >= shortThreshold) || Double.isInfinite(longThreshold)) {
                throw new IllegalArgumentException("need 0 <= short <= long < inf, got " + shortThreshold + ", "
                        + longThreshold);
            }
            this.shortStep = shortThreshold;
            this.longStep = longThreshold;
            return this;
        }

        /** @return the immutable extractor */
        public DiffusionalFingerprint build() {
            return new DiffusionalFingerprint(this);
        }
    }
}
