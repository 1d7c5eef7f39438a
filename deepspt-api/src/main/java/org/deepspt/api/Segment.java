package org.deepspt.api;

import java.util.Objects;

/**
 * A maximal run of consecutive points with the same predicted state.
 *
 * @param startIndex first point index (inclusive)
 * @param endIndex last point index (inclusive)
 * @param startFrame frame index of the first point
 * @param endFrame frame index of the last point
 * @param state the predicted state
 * @param meanProbability mean over the segment's points of the probability of {@code state}, 0..1
 */
public record Segment(int startIndex, int endIndex, int startFrame, int endFrame, DiffusionState state,
        double meanProbability) {

    /** Validates ordering and ranges. */
    public Segment {
        Objects.requireNonNull(state, "state");
        if (startIndex < 0 || endIndex < startIndex) {
            throw new IllegalArgumentException("segment indices must satisfy 0 <= start <= end, got "
                    + startIndex + ".." + endIndex);
        }
        if (!(meanProbability >= 0 && meanProbability <= 1 + 1e-9)) {
            throw new IllegalArgumentException("mean probability must be in [0, 1], got " + meanProbability);
        }
    }

    /** @return number of points in the segment */
    public int length() {
        return endIndex - startIndex + 1;
    }
}
