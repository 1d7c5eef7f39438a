package org.deepspt.fingerprint;

import java.util.List;
import java.util.Objects;
import org.deepspt.api.Feature;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.FingerprintExtractor;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.api.Segmentation;
import org.deepspt.api.TrackTooShortException;
import org.deepspt.api.Trajectory;
import org.deepspt.msd.LagMoments;
import org.deepspt.msd.Msd;
import org.deepspt.msd.MsdFitBound;
import org.deepspt.api.FitStatus;
import org.deepspt.msd.MsdFitter;
import org.jspecify.annotations.Nullable;

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
 *       {@link MsdFitter#defaults()}: variance-weighted, α ∈ [1e-4, 10], D ≥ 1e-9 µm²/s<sup>α</sup>,
 *       offset ≥ 0) over lags 1..L<sub>fit</sub>, L<sub>fit</sub> = {@link Msd#fitMaxLag(int)} = min(⌊N/4⌋, 30) (the
 *       fitter's {@link MsdFitter#lagCount(int)}), p-value from its χ² with L<sub>fit</sub> − 3 degrees of
 *       freedom. D is in µm²/s<sup>α</sup>. <b>Deviations:</b> the original fits unweighted (use
 *       {@code msdFitter(MsdFitter.builder().varianceWeighted(false).build())} for that) and on lags 1..L of
 *       the DeepSPT rule, which for N ≤ 20 reaches N − 1 and gave 3-parameter fits on 3 lags; since
 *       2026-12 these three features use the fit lag rule, so their values differ from earlier versions.
 *       NaN when L<sub>fit</sub> &lt; 4 (N &lt; 16, {@link org.deepspt.api.FitStatus#TOO_FEW_LAGS}); α NaN
 *       and D = 0 when all points coincide.
 *       A fit whose α or D ended on a bound still writes that value here (the 43-feature vector is what the
 *       classifiers were trained on); {@link #msdFitBound(Fingerprint)} flags such tracks, and the fingerprint
 *       CSV writes the flag as a last column {@code msd_fit_at_bound}.</li>
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
    private final MsdFitter fitter;
    private final FixedStepHmm hmm;
    private final double shortStep;
    private final double longStep;
    private final ThreadLocal<Workspace> workspaces = ThreadLocal.withInitial(Workspace::new);

    private DiffusionalFingerprint(Builder b) {
        this.fitter = b.fitter.withStandardErrors(false);
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

    /** @return the fitter behind {@code alpha}, {@code diffusion_coefficient} and {@code msd_fit_p_value} */
    public MsdFitter msdFitter() {
        return fitter;
    }

    /**
     * Which of the fingerprint's {@code alpha} and {@code diffusion_coefficient} ended on a bound of this
     * extractor's MSD fit ({@link MsdFitter#boundOf(double, double)} applied to the two values; the same
     * flag as {@link org.deepspt.msd.MsdFit#atBound()} of the fit that produced them).
     *
     * @param fingerprint a fingerprint made by this extractor (or one with the same MSD fitter)
     * @return the flag; {@link MsdFitBound#NONE} when the fingerprint lacks either feature or the fit was
     *     undefined (NaN)
     */
    public MsdFitBound msdFitBound(Fingerprint fingerprint) {
        return msdFitBound(fitter, fingerprint);
    }

    /**
     * As {@link #msdFitBound(Fingerprint)} for the bounds of any fitter.
     *
     * @param fitter the MSD fitter whose bounds apply
     * @param fingerprint a fingerprint
     * @return the flag; {@link MsdFitBound#NONE} when the fingerprint lacks {@code alpha} or
     *     {@code diffusion_coefficient}
     */
    public static MsdFitBound msdFitBound(MsdFitter fitter, Fingerprint fingerprint) {
        String alpha = FingerprintFeature.ALPHA.featureName();
        String d = FingerprintFeature.DIFFUSION_COEFFICIENT.featureName();
        if (!fingerprint.contains(alpha) || !fingerprint.contains(d)) {
            return MsdFitBound.NONE;
        }
        return fitter.boundOf(fingerprint.value(alpha), fingerprint.value(d));
    }

    /**
     * Whether the fingerprint's {@code alpha} and {@code diffusion_coefficient} are estimates, read from the two
     * values: both NaN → {@link FitStatus#TOO_FEW_LAGS} (no fit: fewer than {@link MsdFitter#MIN_LAGS} lags);
     * α NaN and D = 0 → {@link FitStatus#NO_MOTION}; on a bound of the fitter
     * ({@link #msdFitBound(MsdFitter, Fingerprint)}) → {@link FitStatus#AT_BOUND}; else
     * {@link FitStatus#OK} (a fit that stopped on the optimiser's evaluation limit, rare, is not told apart
     * from the values).
     *
     * @param fitter the MSD fitter whose bounds apply
     * @param fingerprint a fingerprint with {@code alpha} and {@code diffusion_coefficient}
     * @return the status; {@link FitStatus#OK} when the fingerprint lacks either feature
     */
    public static FitStatus msdFitStatus(MsdFitter fitter, Fingerprint fingerprint) {
        String alpha = FingerprintFeature.ALPHA.featureName();
        String d = FingerprintFeature.DIFFUSION_COEFFICIENT.featureName();
        if (!fingerprint.contains(alpha) || !fingerprint.contains(d)) {
            return FitStatus.OK;
        }
        double a = fingerprint.value(alpha);
        double dd = fingerprint.value(d);
        if (Double.isNaN(a)) {
            return Double.isNaN(dd) ? FitStatus.TOO_FEW_LAGS : FitStatus.NO_MOTION;
        }
        return fitter.boundOf(a, dd).any() ? FitStatus.AT_BOUND : FitStatus.OK;
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
        s.requireSameFrames(t);
    }

    private void track(Trajectory t, double[] out, Workspace ws) {
        try {
            computeTrack(t, out, ws);
        } catch (IllegalArgumentException e) {
            // A fit that cannot run on this track's values (e.g. an infinite MSD of coordinates near 1e160).
            throw new org.deepspt.api.InvalidTrajectoryException(t.id(), String.valueOf(e.getMessage()));
        }
    }

    private void computeTrack(Trajectory t, double[] out, Workspace ws) {
        Objects.requireNonNull(t, "trajectory");
        if (t.size() < 2) {
            throw new TrackTooShortException(t.id(), t.size(), 2, "diffusional fingerprint");
        }
        double[][] axes = new double[t.dimension()][];
        for (int a = 0; a < axes.length; a++) {
            axes[a] = t.axis(a);
        }
        compute(axes, 0, t.size(), t.frameInterval(), t.hasGaps() ? t : null, ws, out, 0);
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
        compute(axes, from, n, dt, null, ws, out, offset);
    }

    /**
     * The 31 track features, family by family. The steps, d<sub>max</sub> and the lag moments are measured
     * once and shared; the lag moments are measured in frames when {@code gapped} (the track whose points
     * {@code axes} holds) is given, else in points.
     */
    private void compute(double[][] axes, int from, int n, double dt, @Nullable Trajectory gapped, Workspace ws,
            double[] out, int o) {
        int dim = axes.length;
        int span = gapped == null ? n - 1 : gapped.frame(n - 1) - gapped.frame(0);
        int lags = Math.min(Msd.defaultMaxLag(n), span);
        StepLengths steps = ws.steps;
        steps.measure(axes, from, n, shortStep, longStep);
        PathShape shape = ws.shape;
        shape.measure(axes, from, n);
        LagMoments moments = ws.moments.measure(axes, gapped == null ? null : gapped.frames(), from, n, lags);
        ws.msd1 = lags >= 1 ? moments.msd(1) : Double.NaN;

        MsdFeatures.write(moments, lags, fitter, gapped, n, dim, dt, out, o);
        shape.write(axes, from, n, steps, out, o);
        out[o + FingerprintFeature.GAUSSIANITY.ordinal()] = NonGaussianity.gaussianity(moments, lags);
        out[o + FingerprintFeature.KURTOSIS.ordinal()] = ws.nonGaussianity.kurtosis(axes, from, n);
        out[o + FingerprintFeature.TRAPPEDNESS.ordinal()] = Trappedness.of(moments, lags, shape.maxDistance(),
                span, dim, dt);
        ws.hmm.write(hmm, steps, dt, out, o);
        out[o + FingerprintFeature.N_POINTS.ordinal()] = n;
        DotProducts.write(axes, from, n, out, o);
        steps.write(span, dt, out, o);
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
        SegmentationFeatures.write(states, from, n, msd1, dim, dt, out, offset);
    }

    /**
     * Per-thread scratch space of the fingerprint computation: the buffers of the feature families and the
     * {@link LagMoments} they share; grows as needed. Not thread-safe.
     */
    public static final class Workspace {
        private final StepLengths steps = new StepLengths();
        private final PathShape shape = new PathShape();
        private final LagMoments moments = new LagMoments();
        private final HmmFeatures hmm = new HmmFeatures();
        private final NonGaussianity nonGaussianity = new NonGaussianity();
        private double msd1 = Double.NaN;

        private Workspace() {
        }

        /** @return MSD at lag 1 of the last track processed, µm² (NaN when no two points are one frame apart) */
        public double msd1() {
            return msd1;
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
         * @param msdFitter fitter for α, D and the p-value (default {@link MsdFitter#defaults()}); its lag rule
         *     ({@link MsdFitter#lagCount(int)}) applies, capped at the DeepSPT lags 1..L; its standard errors are
         *     not computed (not features)
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
