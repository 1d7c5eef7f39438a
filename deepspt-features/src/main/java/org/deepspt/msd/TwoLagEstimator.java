package org.deepspt.msd;

import org.deepspt.api.DiffusionState;
import org.deepspt.api.FitStatus;
import org.deepspt.api.MotionEstimate;
import org.deepspt.api.Trajectory;
import org.jspecify.annotations.Nullable;

/**
 * D and α of a segment from its MSD at lags of one and two frames and the localisation noise of its whole track
 * ({@link FitStatus#TWO_LAGS}): the first two points of the MSD curve are the best determined ones (Michalet 2010,
 * doi:10.1103/PhysRevE.82.041914: the optimal number of points for D is two to a few), they need only three points,
 * and a cage or a drift has barely acted on them.
 *
 * <p>With M<sub>k</sub> the time-averaged MSD of the segment at lag k frames ({@link LagMoments#msd(int)}, µm², as
 * {@link Msd#timeAveraged}) and the MSD model of the fits, M<sub>k</sub> = 2·d·D·(kΔt)<sup>α</sup> + o, where
 * o = 2·d·σ² is the offset of Gaussian localisation noise σ per axis (d = dimension, Δt = frame interval, s):
 * <pre>
 *   o_track = max(0, 2·M₁(track) − M₂(track))        (for Brownian motion E = 2dσ²: the covariance estimator
 *                                                    of Vestergaard et al. 2014 written with two MSD lags)
 *   o       = min(o_track, ½·min(M₁, M₂))            (noise never more than half of the segment's own MSD)
 *   α̂       = log₂((M₂ − o)/(M₁ − o)), clamped to [0, 2]      (then per {@link TwoLagAlpha})
 *   D̂       = (M₁ − o) / (2·d·Δt^α̂)                   µm²/s^α
 * </pre>
 * The noise comes from the whole track because a few points cannot separate it from the motion; localisation
 * noise depends on the emitter and the optics, not on the segment. The cap of o keeps D̂ positive where the whole
 * track looks noisier than this segment (anti-correlated subdiffusive or confined steps read as noise). 2·M₁ − M₂
 * measures the noise without bias only on free steps; pooling it over the segments called normal instead was
 * measured and not adopted: D's error fell on our held-out sets but rose on five of seven scenarios of the AnDi-2
 * generator and at Q = 1 (models/README.md, "Per-segment D and α").
 *
 * <p>Standard errors (approximate, for Gaussian steps, covariances between the two lags ignored, so on the
 * conservative side): SE(M₁) = M₁·√(2/(d·P₁)), SE(M₂) = M₂·√(3/(d·P₂)) (overlapping lag-2 displacements share a
 * step: correlation ¼ between neighbouring squares), P<sub>k</sub> the number of pairs;
 * SE(α̂) = √((SE(M₁)/(M₁ − o))² + (SE(M₂)/(M₂ − o))²) / ln 2 and
 * SE(D̂) = D̂·√((SE(M₁)² + SE(o)²)/(M₁ − o)² + (ln Δt · SE(α̂))²) with SE(o) the standard error of the track's
 * 2·M₁ − M₂ ({@link TrackScan#offsetError}). An α that is not measured (1 for a normal segment or under
 * {@link TwoLagAlpha#BROWNIAN}, or a measured α̂ held at 1 by its state's range) has no standard error (NaN), adds
 * none to D's, and is flagged {@link FitStatus#ALPHA_FROM_STATE} instead of {@link FitStatus#TWO_LAGS}: D is then
 * an estimate at that α, α is not.
 *
 * <p>Bias: o_track is clamped at 0, so on noise-free Brownian motion its mean is positive and D̂ comes out a few
 * per cent low (measured on 2,000 Brownian tracks of 200 points: −3.9 % at σ = 0, −2.5 % at σ = 0.03 µm with
 * D = 0.5 µm²/s, Δt = 0.05 s; −10 % at 30 points and σ = 0); with the localisation noise of real data the clamp
 * rarely acts. Known biases, open (reviewer's Python simulations, 2D, 2026-12; models/README.md, "Per-segment D
 * and α"):
 * <ul>
 *   <li>The cap o ≤ ½·min(M₁, M₂) binds when the noise dominates a frame's motion (σ² &gt; D·Δt, Q below about
 *       0.7): D̂ is then up to 2× too high. D 0.05 µm²/s, Δt 0.01 s, σ 40 nm, 300 points: median D̂ 0.104, 3 % of
 *       the true values within ±1.96 SE; σ 20/30/40 nm: 0.0511/0.0700/0.1045 (without the cap 0.0501/0.0503/0.0494).
 *       On a track whose D drops 10× (0.05 → 0.005 µm²/s) the slow part comes out +33 %.</li>
 *   <li>With o = 2M₁ − M₂ of the whole track, a track that is one subdiffusive (fBm) segment gets α̂ = 1 by
 *       construction (log₂((M₂ − o)/(M₁ − o)) = 1 exactly when o is 2M₁ − M₂ of the same points); only the cap
 *       moves it: true α 0.3/0.5/0.7 → mean α̂ 0.546/0.846/0.978 (200 points, σ 0), where the whole-track fit of
 *       {@link MsdFitter} gives 0.377/0.541/0.742. For single-state subdiffusive tracks use the whole-track fit
 *       ({@code msd}, the fingerprint's {@code alpha}).</li>
 *   <li>Short segments (5–16 points): D̂ −10 to −16 %, from the clamp of o at 0.</li>
 * </ul>
 * A fix needs a noise estimate that separates localisation noise from anti-correlated motion, i.e. lags beyond 2
 * (for instance the offset of the whole-track fit), and its trade-offs measured on the held-out sets before it is
 * adopted.
 *
 * <p>A segment that is its whole track, with o its own uncapped 2·M₁ − M₂, has α̂ = log₂(2(M₂ − M₁)/(M₂ − M₁)) = 1
 * whatever the motion: that α is not measured and is flagged {@link FitStatus#ALPHA_FROM_STATE} (a subdiffusive or
 * confined one gets the track's MSD fit instead where that is an estimate: {@link SegmentMotionFitter}).
 *
 * <p>A confined segment that fills its cage within about a frame, M₁ ≥ Σ<sub>axes</sub> var(x) of its measured
 * points, gets {@link FitStatus#CAGE_SATURATED} with the same α̂ and D̂ (no standard error of α): they describe the
 * MSD at lags 1 and 2, which the walls have already bounded, not the motion inside the cage; (M₁ − o)/(2·d·Δt) is a
 * lower bound of the D inside. Before the flag these were reported as {@code two_lags} estimates; on held-out
 * protocol tracks at Q = 16 their D was a median 26× below the true D inside and α̂ ≈ 0.3 against a true 1
 * (models/README.md, "Per-segment D and α"). The values are kept rather than replaced by the state's α = 1 because
 * conventions differ: the AnDi-2 challenge scores an immobile (trapped) particle as α = 0, D = 0, and replacing
 * raised its α MAE on immobile traps from 0.15 to 0.36.
 *
 * <p>A measured α̂ below 0 (M₂ &lt; M₁ after the noise correction: noise or a tight cage) or above 2 that is
 * reported on that bound (not replaced by its state's value) is flagged {@link FitStatus#AT_BOUND} (except in a
 * {@link FitStatus#CAGE_SATURATED} segment, which says that instead), with no
 * standard error of α: the value is where the clamp stopped, not an estimate.
 *
 * <p>Needs two pairs at lag 1 and one at lag 2 (3 points without gaps); otherwise NaN with
 * {@link FitStatus#TOO_FEW_LAGS}. A segment without motion at lag 1 (M₁ = 0) gets D = 0, α NaN,
 * {@link FitStatus#NO_MOTION}. Stateless and thread-safe.
 */
final class TwoLagEstimator {
    private final TwoLagAlpha alphaRule;

    /** @param alphaRule how α is set */
    TwoLagEstimator(TwoLagAlpha alphaRule) {
        this.alphaRule = alphaRule;
    }

    /**
     * Whether a segment that is its whole track should try the track's anomalous MSD fit instead of this estimate:
     * under {@link TwoLagAlpha#BY_STATE}, for a subdiffusive segment or a confined one that is not
     * {@link FitStatus#CAGE_SATURATED}. With o = 2·M₁ − M₂ of the same points, log₂((M₂ − o)/(M₁ − o)) = 1 exactly
     * unless the cap binds, so the two-lag α of a one-segment track is no measurement (a reviewer's fBm tracks of
     * α 0.75 came out at α = 1.0 with status two_lags, where {@code msd} gave 0.71).
     *
     * @param state the segment's state
     * @param twoLag this estimator's estimate of it
     * @return true when the fit should be tried
     */
    boolean usesWholeTrackFit(DiffusionState state, MotionEstimate twoLag) {
        return alphaRule == TwoLagAlpha.BY_STATE && (state == DiffusionState.SUBDIFFUSIVE
                || state == DiffusionState.CONFINED && twoLag.status() != FitStatus.CAGE_SATURATED);
    }

    /**
     * @param state the segment's state
     * @param fit the anomalous MSD fit of the whole track
     * @return true when the fit is an estimate ({@link FitStatus#OK}: converged, inside its bounds, α determined)
     *     whose α lies in the state's range (subdiffusive &lt; 1, confined ≤ 2)
     */
    static boolean wholeTrackFitTakesOver(DiffusionState state, MotionEstimate fit) {
        return fit.status() == FitStatus.OK
                && fit.alpha() < (state == DiffusionState.SUBDIFFUSIVE ? 1 : 2);
    }

    /**
     * @param track the segment's track, scanned once ({@link TrackScan})
     * @param from the segment's first point
     * @param to one past its last point
     * @param state the segment's state (for {@link TwoLagAlpha#BY_STATE})
     * @return the estimate
     */
    MotionEstimate estimate(TrackScan track, int from, int to, DiffusionState state) {
        int d = track.dimension;
        LagMoments moments = track.segment(from, to);
        int p1 = moments.pairs(1);
        int p2 = moments.pairs(2);
        if (p1 < 2 || p2 < 1) {
            return new MotionEstimate(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, FitStatus.TOO_FEW_LAGS);
        }
        double m1 = moments.msd(1);
        double m2 = moments.msd(2);
        if (m1 == 0) {
            return new MotionEstimate(0, Double.NaN, Double.NaN, Double.NaN, 2, FitStatus.NO_MOTION);
        }
        double o = Math.min(track.offset, 0.5 * Math.min(m1, m2));
        double r1 = relativeError(2.0, d, p1) * m1 / (m1 - o);
        // D's error also carries the noise offset's (o is subtracted from M₁); α's does not (it is conservative
        // without it: its measured spread is smaller than its SE)
        double s1 = relativeError(2.0, d, p1) * m1;
        double rD = Math.sqrt(s1 * s1 + track.offsetError * track.offsetError) / (m1 - o);
        double r2 = m2 - o > 0 ? relativeError(3.0, d, p2) * m2 / (m2 - o) : Double.NaN;
        double raw = m2 - o > 0 ? Math.log((m2 - o) / (m1 - o)) / Math.log(2) : Double.NEGATIVE_INFINITY;
        double twoLag = clamp(raw, 0, 2);
        double twoLagError = Math.sqrt(r1 * r1 + r2 * r2) / Math.log(2);
        double alpha;
        double alphaError;
        boolean fromState = false; // α set by the rule (1), not measured
        boolean saturated = false; // a confined segment that fills its cage within a frame: values of the walls
        switch (alphaRule) {
            case BROWNIAN -> {
                alpha = 1;
                alphaError = Double.NaN;
                fromState = true;
            }
            case BY_STATE -> {
                switch (state) {
                    case NORMAL -> {
                        alpha = 1;
                        alphaError = Double.NaN;
                        fromState = true;
                    }
                    case SUBDIFFUSIVE -> {
                        alpha = Math.min(1, twoLag);
                        fromState = twoLag > 1; // held at 1: the state's value
                        alphaError = fromState ? Double.NaN : twoLagError;
                    }
                    case DIRECTED -> {
                        alpha = Math.max(1, twoLag);
                        fromState = twoLag < 1;
                        alphaError = fromState ? Double.NaN : twoLagError;
                    }
                    default -> { // confined
                        saturated = m1 >= track.spread(from, to);
                        alpha = twoLag;
                        alphaError = saturated ? Double.NaN : twoLagError;
                    }
                }
            }
            default -> {
                alpha = twoLag;
                alphaError = twoLagError;
            }
        }
        // the measured exponent outside [0, 2] and reported on that bound: where the clamp stopped, not an estimate
        boolean atBound = !saturated && (alpha == 0 && raw < 0 || alpha == 2 && raw > 2);
        if (atBound) {
            alphaError = Double.NaN;
        }
        // the segment is the whole track and o its own uncapped 2·M₁ − M₂: α̂ = log₂(2(M₂ − M₁)/(M₂ − M₁)) = 1 by
        // construction, whatever the motion, so it was not measured
        if (!saturated && !atBound && o > 0 && o == track.offset && track.isWhole(from, to)) {
            fromState = true;
            alphaError = Double.NaN;
        }
        double dt = track.frameInterval;
        double diffusion = (m1 - o) / (2.0 * d * Math.pow(dt, alpha));
        double logDt = Math.log(dt);
        double aTerm = Double.isNaN(alphaError) ? 0 : logDt * alphaError;
        double diffusionError = diffusion * Math.sqrt(rD * rD + aTerm * aTerm);
        return new MotionEstimate(diffusion, diffusionError, alpha, alphaError, 2,
                atBound ? FitStatus.AT_BOUND : saturated ? FitStatus.CAGE_SATURATED
                        : fromState ? FitStatus.ALPHA_FROM_STATE : FitStatus.TWO_LAGS);
    }

    /**
     * A track's coordinates and its noise offset o_track (one scan of lags 1 and 2 of the whole track), with one
     * {@link LagMoments} buffer that each of its segments is scanned into in turn. Not thread-safe: one per track.
     */
    static final class TrackScan {
        private final double[][] axes;
        private final int @Nullable [] frames;
        /**
         * {@link LagMoments#measuredBefore(Trajectory)} of the track: points from..to−1 of the track are measured
         * points measuredBefore[from]..measuredBefore[to]−1 of {@link #axes}; null when no point is interpolated.
         */
        private final int @Nullable [] measuredBefore;
        private final LagMoments moments = new LagMoments();
        final int dimension;
        final double frameInterval;
        /** o_track = max(0, 2·M₁ − M₂) of the whole track, µm² (0 where it has no pair at lag 1 or 2). */
        final double offset;
        /**
         * SE of 2·M₁ − M₂ of the whole track, µm²: for Gaussian steps 2·M₁ − M₂ ≈ −2·⟨Δ<sub>i</sub>·Δ<sub>i+1</sub>⟩
         * summed over the d axes, whose products of neighbouring steps are uncorrelated, so
         * SE = 2·(M₁/d)·√(d/P₁) = M₁·√(4/(d·P₁)); 0 without pairs.
         */
        final double offsetError;

        TrackScan(Trajectory track) {
            dimension = track.dimension();
            frameInterval = track.frameInterval();
            measuredBefore = LagMoments.measuredBefore(track);
            // only the measured points: a point interpolated over a gap is on a straight line, not on the path
            Trajectory measured = LagMoments.measuredPoints(track);
            axes = new double[dimension][];
            for (int a = 0; a < dimension; a++) {
                axes[a] = measured == null ? new double[0] : measured.axis(a);
            }
            frames = measured != null && measured.hasGaps() ? measured.frames() : null;
            moments.measure(axes, frames, 0, axes[0].length, 2);
            double o = 2 * moments.msd(1) - moments.msd(2);
            offset = Double.isFinite(o) ? Math.max(0, o) : 0;
            double e = moments.pairs(1) > 0 ? moments.msd(1) * relativeError(4.0, dimension, moments.pairs(1)) : 0;
            offsetError = Double.isFinite(o) && Double.isFinite(e) ? e : 0;
        }

        /**
         * @param from the segment's first point
         * @param to one past its last point
         * @return Σ<sub>axes</sub> var(x) of the segment's measured points (population variances, µm²; 0 for fewer
         *     than 2 points): half the mean square distance between two independent positions of the segment
         */
        double spread(int from, int to) {
            int first = measured(from);
            int end = measured(to);
            int n = end - first;
            if (n < 2) {
                return 0;
            }
            double sum = 0;
            for (double[] axis : axes) {
                double mean = 0;
                for (int i = first; i < end; i++) {
                    mean += axis[i];
                }
                mean /= n;
                double ss = 0;
                for (int i = first; i < end; i++) {
                    double r = axis[i] - mean;
                    ss += r * r;
                }
                sum += ss / n;
            }
            return sum;
        }

        /**
         * @param from the segment's first point
         * @param to one past its last point
         * @return true when the segment holds every measured point of the track
         */
        boolean isWhole(int from, int to) {
            int first = measured(from);
            int end = measured(to);
            return first == 0 && end == axes[0].length;
        }

        /**
         * @param point a point of the track, or its size
         * @return the number of measured points before it: its index among {@link #axes}' points (or their count)
         */
        private int measured(int point) {
            return measuredBefore == null ? point : measuredBefore[point];
        }

        /** @return the moments of points {@code from..to−1} at lags 1 and 2 (the buffer, overwritten next call) */
        LagMoments segment(int from, int to) {
            int first = measured(from);
            int end = measured(to);
            return moments.measure(axes, frames, first, end - first, 2);
        }
    }

    /** SE of a mean of squared displacements relative to it: √(c/(d·P)) for χ²_d-distributed squares. */
    private static double relativeError(double c, int d, int pairs) {
        return Math.sqrt(c / ((double) d * pairs));
    }

    private static double clamp(double v, double lo, double hi) {
        return Math.max(lo, Math.min(hi, v));
    }
}
