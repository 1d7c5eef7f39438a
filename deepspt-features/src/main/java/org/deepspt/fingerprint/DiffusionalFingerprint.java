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
import org.deepspt.msd.MsdFit;
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
 * <p>Each feature's formula, unit, deviations from the original code and NaN cases are defined once, on its
 * {@link FingerprintFeature} constant (for example {@link FingerprintFeature#ALPHA} for the MSD fit, whose
 * {@link MsdFitter} is configurable here, and {@link FingerprintFeature#HMM_FRACTION_0} for the HMM, whose
 * {@link FixedStepHmm} is too; the step-length thresholds of {@link FingerprintFeature#FRACTION_SHORT_STEPS}
 * and {@link FingerprintFeature#FRACTION_LONG_STEPS} likewise). The notation (N, m, SL, DP, d<sub>max</sub>,
 * MSD(n), L) is the enum's.
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
 * (a step across a gap is one step).
 *
 * <p>Interpolated points ({@link Trajectory#interpolated(int)}, made up over missing frames by a reader's
 * interpolating gap policy so that the segmentation model has one point per frame) are not measurements: the 31
 * track features use {@link Trajectory#measured()}, i.e. the track as it was recorded, gaps included, as above.
 * The segmentation features use the segmentation's states at every frame. The low-level {@link #trackFeatures}
 * takes consecutive points as one frame apart; {@link TimeResolvedFingerprint} does too, except in windows that hold
 * interpolated points, which it measures as this class does.
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
     * The anomalous MSD fit behind this extractor's {@code alpha}, {@code diffusion_coefficient} and
     * {@code msd_fit_p_value} of {@code trajectory}, with the standard errors of α and D that the fingerprint
     * skips: see {@link #msdFit(MsdFitter, Trajectory)}, the form callers outside this package use (package-private:
     * only this package's tests call it).
     *
     * @param trajectory the track the fingerprint was (or will be) extracted from
     * @return the fit; its {@link MsdFit#status()} is the track's {@code msd_fit_status}
     * @throws InvalidTrajectoryException naming the track when its MSD is not finite
     */
    MsdFit msdFit(Trajectory trajectory) {
        return msdFit(fitter, trajectory);
    }

    /**
     * The anomalous MSD fit that gives a fingerprint of {@code trajectory} made with {@code fitter} its
     * {@code alpha}, {@code diffusion_coefficient} (µm²/s<sup>α</sup>) and {@code msd_fit_p_value}, fitted again with
     * the standard errors of α and D switched on ({@link MsdFitter#withStandardErrors(boolean)}; they do not change
     * α, D or p, which equal the fingerprint's exactly). Same points (the measured ones), same lags, same code path
     * as {@link #extract(Trajectory)}; with the lag rule of {@link MsdFitter#defaults()} this is
     * {@link MsdFitter#fit(Trajectory)}, the fit of {@code deepspt msd}, value for value.
     *
     * <p>Its {@link MsdFit#status()} is therefore the fit status {@code deepspt msd} reports, including
     * {@link FitStatus#UNDETERMINED} (SE(α̂) &gt; {@value MsdFitter#MAX_ALPHA_ERROR} or α̂ − 2·SE(α̂) &gt;
     * {@value MsdFitter#BALLISTIC_ALPHA}, decided by {@link MsdFitter}) and {@link FitStatus#NOT_CONVERGED},
     * which the values alone ({@link #msdFitStatus(MsdFitter, Fingerprint)}) cannot tell. Cost: one more fit per
     * track, with its standard errors (O(L²·N), L lags, N points).
     *
     * @param fitter the fingerprint's MSD fitter ({@link #msdFitter()}; its standard-error setting is ignored)
     * @param trajectory the track the fingerprint was (or will be) extracted from
     * @return the fit; {@link FitStatus#TOO_FEW_LAGS} with every value NaN when fewer than 2 points are measured
     *     (no fingerprint at all) or fewer than {@link MsdFitter#MIN_LAGS} lags have data
     * @throws InvalidTrajectoryException naming the track when its MSD is not finite
     */
    public static MsdFit msdFit(MsdFitter fitter, Trajectory trajectory) {
        Objects.requireNonNull(fitter, "fitter");
        Objects.requireNonNull(trajectory, "trajectory");
        if (trajectory.size() - trajectory.interpolatedCount() < 2) {
            return MsdFit.notFitted(FitStatus.TOO_FEW_LAGS, 0);
        }
        Trajectory t = trajectory.measured();
        int n = t.size();
        double[][] axes = new double[t.dimension()][];
        for (int a = 0; a < axes.length; a++) {
            axes[a] = t.axis(a);
        }
        Trajectory gapped = t.hasGaps() ? t : null;
        int lags = lags(n, gapped);
        LagMoments moments = new LagMoments().measure(axes, gapped == null ? null : t.frames(), 0, n, lags);
        try {
            return MsdFeatures.fit(moments, lags, fitter.withStandardErrors(true), gapped, n, t.dimension(),
                    t.frameInterval());
        } catch (IllegalArgumentException e) {
            throw new InvalidTrajectoryException(t.id(), String.valueOf(e.getMessage()));
        }
    }

    /**
     * As {@link #msdFit(MsdFitter, Trajectory)}, its status only: whether the fingerprint's {@code alpha} and
     * {@code diffusion_coefficient} are estimates, by the rule of {@code deepspt msd} ({@link MsdFitter}); what the
     * {@code msd_fit_status} column of fingerprint tables says.
     *
     * @param fitter the fingerprint's MSD fitter ({@link #msdFitter()})
     * @param trajectory the track the fingerprint was extracted from
     * @return the status, one of those of {@link MsdFitter#fit(Trajectory)}
     * @throws InvalidTrajectoryException naming the track when its MSD is not finite
     */
    public static FitStatus msdFitStatus(MsdFitter fitter, Trajectory trajectory) {
        return msdFit(fitter, trajectory).status();
    }

    /**
     * Whether the fingerprint's {@code alpha} and {@code diffusion_coefficient} are estimates, read from the two
     * values alone, for a fingerprint without its track (a table read back): both NaN →
     * {@link FitStatus#TOO_FEW_LAGS} (no fit: fewer than {@link MsdFitter#MIN_LAGS} lags);
     * α NaN and D = 0 → {@link FitStatus#NO_MOTION}; on a bound of the fitter
     * ({@link #msdFitBound(MsdFitter, Fingerprint)}) → {@link FitStatus#AT_BOUND}; else
     * {@link FitStatus#OK}. The values cannot tell {@link FitStatus#UNDETERMINED} (which needs SE(α̂)) nor
     * {@link FitStatus#NOT_CONVERGED} from {@link FitStatus#OK}: with the track at hand use
     * {@link #msdFitStatus(MsdFitter, Trajectory)}, as the CLI, the Spark analysis and the report do.
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

    private void computeTrack(Trajectory track, double[] out, Workspace ws) {
        Objects.requireNonNull(track, "trajectory");
        int measuredPoints = track.size() - track.interpolatedCount();
        if (measuredPoints < 2) {
            throw new TrackTooShortException(track.id(), measuredPoints, 2, "diffusional fingerprint"
                    + (track.interpolatedCount() > 0 ? " (measured points; " + track.interpolatedCount()
                            + " interpolated)" : ""));
        }
        measuredTrackFeatures(track, ws, out, 0);
    }

    /**
     * The 31 track features of a piece's measured points ({@link Trajectory#measured()}, lags in frames), as
     * {@link #extract(Trajectory)} computes them, written to {@code out[offset .. offset+31)}; all NaN when fewer
     * than 2 points are measured. Leaves MSD(1) of the measured points in the workspace (NaN in that case).
     */
    void measuredTrackFeatures(Trajectory piece, Workspace ws, double[] out, int offset) {
        if (piece.size() - piece.interpolatedCount() < 2) {
            java.util.Arrays.fill(out, offset, offset + FingerprintFeature.TRACK_FEATURE_COUNT, Double.NaN);
            ws.msd1 = Double.NaN;
            return;
        }
        Trajectory t = piece.measured();
        double[][] axes = new double[t.dimension()][];
        for (int a = 0; a < axes.length; a++) {
            axes[a] = t.axis(a);
        }
        compute(axes, 0, t.size(), t.frameInterval(), t.hasGaps() ? t : null, ws, out, offset);
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
        int lags = lags(n, gapped);
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
        ws.hmm.write(hmm, steps, span, dt, out, o);
        out[o + FingerprintFeature.N_POINTS.ordinal()] = n;
        DotProducts.write(axes, from, n, out, o);
        steps.write(span, dt, out, o);
    }

    /** L, the MSD lags of the fingerprint: DeepSPT's lags 1..{@link Msd#defaultMaxLag(int)}, capped at the frame span. */
    private static int lags(int n, @Nullable Trajectory gapped) {
        int span = gapped == null ? n - 1 : gapped.frame(n - 1) - gapped.frame(0);
        return Math.min(Msd.defaultMaxLag(n), span);
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
