package org.deepspt.msd;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.deepspt.api.FitStatus;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.api.MotionEstimate;
import org.deepspt.api.Segment;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Trajectory;
import org.jspecify.annotations.Nullable;

/**
 * D and α of every predicted segment of a track, attached to the segmentation ({@link Segmentation#withMotion(List)}).
 *
 * <p>Default ({@link #defaults()}): the two-lag estimate of {@link TwoLagEstimator} for every segment of ≥ 3 points
 * ({@link FitStatus#TWO_LAGS}, 2 lags): D from the segment's MSD at one frame corrected for the localisation noise
 * of the whole track, α per {@link TwoLagAlpha#BY_STATE} (1 for a normal segment, the measured two-lag exponent held
 * to its state's range otherwise), D in µm²/s<sup>α</sup>, each with an approximate standard error. Segments of
 * fewer than 3 points get NaN with {@link FitStatus#TOO_FEW_LAGS}. One exception: a subdiffusive or confined segment
 * (not a {@link FitStatus#CAGE_SATURATED} one) that is the whole track gets the anomalous MSD fit of the track (the {@code msd} command's, {@link MsdFitter},
 * status {@link FitStatus#OK}) where that fit is an estimate within the state's range, because the two-lag exponent
 * of a one-segment track is 1 by construction (see {@link TwoLagEstimator}).
 *
 * <p>Why not the anomalous MSD fit of the segment's points ({@link #msdFitOnly()}: MSD(t) = 2·dim·D·t<sup>α</sup>
 * + offset on lags 1..min(⌊n/4⌋, 30), {@link MsdFitter}; NaN with {@link FitStatus#TOO_FEW_LAGS} under 16 points):
 * scored as the AnDi-2 challenge scores segments, on simulated heterogeneous tracks, the two-lag estimate is better
 * at every segment length — mean squared ln(D̂/D) 16.3 → 1.9 and α MAE 0.66 → 0.26 (2D widened mixture, tuning
 * seeds; models/README.md, "Per-segment D and α"): the fit's free offset trades against D and α on a few noisy
 * lags (D on its lower bound, α near 0 in cages), and under 16 points it has no answer at all, which the
 * challenge scores as the largest error. {@link #withTwoLagsBelow(TwoLagAlpha, int)} mixes the two (the two-lag
 * estimate below a length, the fit from it on).
 *
 * <p>Every point of a segment shares its segment's estimate ({@link Segmentation#motionAt(int)}). Cost O(n) per
 * segment (O(n·L) plus O(L²·n) for the fit's standard errors). Immutable and thread-safe.
 */
public final class SegmentMotionFitter {
    /** The α rule of {@link #defaults()}. */
    public static final TwoLagAlpha DEFAULT_ALPHA = TwoLagAlpha.BY_STATE;

    private final MsdFitter fitter;
    private final @Nullable TwoLagEstimator twoLags; // null: the MSD fit alone
    private final int twoLagsBelow;                  // segments of fewer points get the two-lag estimate

    private SegmentMotionFitter(MsdFitter fitter, @Nullable TwoLagEstimator twoLags, int twoLagsBelow) {
        this.fitter = fitter;
        this.twoLags = twoLags;
        this.twoLagsBelow = twoLagsBelow;
    }

    /** @return the two-lag estimate ({@link #DEFAULT_ALPHA}) for every segment */
    public static SegmentMotionFitter defaults() {
        return new SegmentMotionFitter(MsdFitter.defaults(), new TwoLagEstimator(DEFAULT_ALPHA), Integer.MAX_VALUE);
    }

    /**
     * @return the anomalous MSD fit ({@link MsdFitter#defaults()}: lags 1..min(⌊n/4⌋, 30), α ∈ [1e-4, 10],
     *     D ≥ 1e-9) of every segment; NaN with {@link FitStatus#TOO_FEW_LAGS} under 16 points
     */
    public static SegmentMotionFitter msdFitOnly() {
        return new SegmentMotionFitter(MsdFitter.defaults(), null, 0);
    }

    /**
     * @param rule the α rule of the two-lag estimate (non-null)
     * @param points segments of fewer points get the two-lag estimate, longer ones the MSD fit (and the two-lag
     *     estimate where the fit has too few lags); {@link Integer#MAX_VALUE}: every segment
     * @return a copy that mixes the two estimates so
     */
    public SegmentMotionFitter withTwoLagsBelow(TwoLagAlpha rule, int points) {
        if (points < 0) {
            throw new IllegalArgumentException("points must be >= 0, got " + points);
        }
        return new SegmentMotionFitter(fitter, new TwoLagEstimator(Objects.requireNonNull(rule, "rule")), points);
    }

    /**
     * @param fitter the MSD fitter to apply to each segment (its standard errors are switched on); no two-lag
     *     estimate (add one with {@link #withTwoLagsBelow(TwoLagAlpha, int)})
     * @return the segment fitter
     */
    public static SegmentMotionFitter of(MsdFitter fitter) {
        return new SegmentMotionFitter(Objects.requireNonNull(fitter, "fitter").withStandardErrors(true), null, 0);
    }

    /**
     * @param trajectory the track
     * @param segmentation its segmentation: the same track id, points and frames (stricter than
     *     {@link Segmentation#requireSameFrames}, which accepts a renamed copy: the estimates are attached to this
     *     track's segments, so a segmentation of another id is refused)
     * @return the segmentation with one {@link MotionEstimate} per segment
     * @throws InvalidTrajectoryException naming the track when the segmentation does not match it or its MSD is
     *     not finite
     */
    public Segmentation estimate(Trajectory trajectory, Segmentation segmentation) {
        checkMatch(trajectory, segmentation);
        List<MotionEstimate> out = new ArrayList<>(segmentation.segments().size());
        TwoLagEstimator.TrackScan scan = null; // made on the first segment that needs it
        for (Segment s : segmentation.segments()) {
            int from = s.startIndex();
            int to = s.endIndex() + 1;
            MotionEstimate e = twoLags != null && to - from < twoLagsBelow ? null : estimate(trajectory, from, to);
            if (twoLags != null && (e == null || e.status() == FitStatus.TOO_FEW_LAGS)) {
                if (scan == null) {
                    scan = new TwoLagEstimator.TrackScan(trajectory);
                }
                e = twoLags.estimate(scan, from, to, s.state());
                if (from == 0 && to == trajectory.size() && twoLags.usesWholeTrackFit(s.state(), e)) {
                    MotionEstimate fit = estimate(trajectory, from, to);
                    if (TwoLagEstimator.wholeTrackFitTakesOver(s.state(), fit)) {
                        e = fit;
                    }
                }
            }
            out.add(e);
        }
        return segmentation.withMotion(out);
    }

    /**
     * The MSD fit of points {@code from..to−1} of a track (no short-segment estimate: NaN with
     * {@link FitStatus#TOO_FEW_LAGS} below 16 points).
     *
     * @param trajectory the track
     * @param from first point, inclusive
     * @param to last point, exclusive
     * @return the estimate
     */
    public MotionEstimate estimate(Trajectory trajectory, int from, int to) {
        Trajectory piece = from == 0 && to == trajectory.size() ? trajectory
                : trajectory.slice(from, to, trajectory.id());
        if (piece.size() < 2) {
            return new MotionEstimate(Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0, FitStatus.TOO_FEW_LAGS);
        }
        MsdFit f = fitter.fit(piece);
        return new MotionEstimate(f.diffusionCoefficient(), f.diffusionCoefficientError(), f.alpha(), f.alphaError(),
                f.lags(), f.status());
    }

    private static void checkMatch(Trajectory t, Segmentation s) {
        if (!s.trackId().equals(t.id())) {
            throw new InvalidTrajectoryException(t.id(), "segmentation is of track '" + s.trackId() + "'");
        }
        s.requireSameFrames(t);
    }
}
