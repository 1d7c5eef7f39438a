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

/**
 * D and α of every predicted segment of a track: the anomalous MSD fit ({@link MsdFitter#fit(Trajectory)})
 * of the segment's own points, attached to the segmentation ({@link Segmentation#withMotion(List)}).
 *
 * <p>Per segment of n points (lags in frames, the trajectory's units and frame interval):
 * MSD(t) = 2·dim·D·t<sup>α</sup> + offset fitted on lags 1..min(⌊n/4⌋, 30) ({@link Msd#fitMaxLag(int)}), so D is in
 * µm²/s<sup>α</sup> (the MSD per 2·dim at t = 1 s), α is dimensionless, and each comes with its standard
 * error (see {@link MsdFitter}). A segment of fewer than 16 points has fewer than {@link MsdFitter#MIN_LAGS}
 * lags and gets NaN with {@link FitStatus#TOO_FEW_LAGS}; a segment whose points coincide gets
 * {@link FitStatus#NO_MOTION}; a value on a bound of the fit is kept with {@link FitStatus#AT_BOUND} (not an
 * estimate). Every point of a segment shares its segment's estimate ({@link Segmentation#motionAt(int)}).
 *
 * <p>Why a fit on the segment and not a network output: it needs no training, uses the units of the data, and
 * says when it cannot answer; its accuracy on simulated data is measured against the AnDi-2 metrics
 * ({@code org.deepspt.eval.Andi2Metrics}). Cost O(n·L) per segment for the MSD plus O(L²·n) for the
 * standard errors. Immutable and thread-safe.
 */
public final class SegmentMotionFitter {
    private final MsdFitter fitter;

    private SegmentMotionFitter(MsdFitter fitter) {
        this.fitter = fitter;
    }

    /** @return the fitter with {@link MsdFitter#defaults()} (lags 1..min(⌊n/4⌋, 30), α ∈ [1e-4, 10], D ≥ 1e-9) */
    public static SegmentMotionFitter defaults() {
        return new SegmentMotionFitter(MsdFitter.defaults());
    }

    /**
     * @param fitter the MSD fitter to apply to each segment (its standard errors are switched on)
     * @return the segment fitter
     */
    public static SegmentMotionFitter of(MsdFitter fitter) {
        return new SegmentMotionFitter(Objects.requireNonNull(fitter, "fitter").withStandardErrors(true));
    }

    /**
     * @param trajectory the track
     * @param segmentation its segmentation (same points and frames)
     * @return the segmentation with one {@link MotionEstimate} per segment
     * @throws InvalidTrajectoryException naming the track when the segmentation does not match it or its MSD is
     *     not finite
     */
    public Segmentation estimate(Trajectory trajectory, Segmentation segmentation) {
        checkMatch(trajectory, segmentation);
        List<MotionEstimate> out = new ArrayList<>(segmentation.segments().size());
        for (Segment s : segmentation.segments()) {
            out.add(estimate(trajectory, s.startIndex(), s.endIndex() + 1));
        }
        return segmentation.withMotion(out);
    }

    /**
     * The estimate of points {@code from..to−1} of a track.
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
