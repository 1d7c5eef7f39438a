package org.deepspt.sim;

import java.util.Objects;
import org.deepspt.api.DiffusionState;

/**
 * One piece of a state sequence to render: a diffusion state held for a number of consecutive points.
 * Used by {@link Simulator#simulateSequence(long, long, java.util.List)} to build custom state-kinetics
 * populations (for example a two-state telegraph process).
 *
 * @param state the diffusion state of every point of the segment
 * @param length number of points, ≥ 1
 */
public record SegmentSpec(DiffusionState state, int length) {
    /**
     * Validates the components.
     *
     * @param state the diffusion state
     * @param length number of points, ≥ 1
     * @throws NullPointerException if state is null
     * @throws IllegalArgumentException if length &lt; 1
     */
    public SegmentSpec {
        Objects.requireNonNull(state, "state");
        if (length < 1) {
            throw new IllegalArgumentException("segment length must be >= 1 point, got " + length);
        }
    }

    /**
     * @param state the state
     * @param length points, ≥ 1
     * @return the segment
     */
    public static SegmentSpec of(DiffusionState state, int length) {
        return new SegmentSpec(state, length);
    }
}
