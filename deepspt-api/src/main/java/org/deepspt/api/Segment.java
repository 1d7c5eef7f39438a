package org.deepspt.api;

import java.util.Objects;

/**
 * A run of consecutive points with the same predicted state: a maximal run, cut further where the segmentation
 * has a split ({@link Segmentation#withSplits}: the default neural segmenters split where D changes within one
 * motion class), so two adjacent segments may have the same state (for dwell times in one state, join adjacent
 * segments of equal state). With the estimate of its motion (D and α, {@link MotionEstimate}) when the
 * segmentation carries one ({@link Segmentation#withMotion}), else {@link MotionEstimate#NONE}.
 *
 * @param startIndex first point index (inclusive)
 * @param endIndex last point index (inclusive)
 * @param startFrame frame index of the first point
 * @param endFrame frame index of the last point
 * @param state the predicted state
 * @param meanProbability mean over the segment's points of the probability of {@code state}, 0..1
 * @param motion D (µm²/s<sup>α</sup>) and α of the segment with standard errors, or {@link MotionEstimate#NONE}
 */
public record Segment(int startIndex, int endIndex, int startFrame, int endFrame, DiffusionState state,
        double meanProbability, MotionEstimate motion) {

    /** Validates ordering and ranges. */
    public Segment {
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(motion, "motion");
        if (startIndex < 0 || endIndex < startIndex) {
            throw new IllegalArgumentException("segment indices must satisfy 0 <= start <= end, got "
                    + startIndex + ".." + endIndex);
        }
        if (!(meanProbability >= 0 && meanProbability <= 1 + 1e-9)) {
            throw new IllegalArgumentException("mean probability must be in [0, 1], got " + meanProbability);
        }
    }

    /**
     * A segment without a motion estimate ({@link MotionEstimate#NONE}).
     *
     * @param startIndex first point index (inclusive)
     * @param endIndex last point index (inclusive)
     * @param startFrame frame index of the first point
     * @param endFrame frame index of the last point
     * @param state the predicted state
     * @param meanProbability mean probability of {@code state} over the segment, 0..1
     */
    public Segment(int startIndex, int endIndex, int startFrame, int endFrame, DiffusionState state,
            double meanProbability) {
        this(startIndex, endIndex, startFrame, endFrame, state, meanProbability, MotionEstimate.NONE);
    }

    /** @return number of points in the segment */
    public int length() {
        return endIndex - startIndex + 1;
    }

    /**
     * @param estimate the motion estimate of this segment
     * @return a copy of this segment carrying it
     */
    public Segment withMotion(MotionEstimate estimate) {
        return new Segment(startIndex, endIndex, startFrame, endFrame, state, meanProbability, estimate);
    }
}
