package org.deepspt.msd;

/**
 * How the two-lag estimate of a segment ({@link SegmentMotionFitter}) sets α; its D then follows from that α.
 * Measured on simulated heterogeneous tracks (models/README.md, "Per-segment D and α"): {@link #BY_STATE} has the
 * smallest α error of the three on every set, {@link #MEASURED} the next.
 */
public enum TwoLagAlpha {
    /**
     * α̂ = log₂((M₂ − o)/(M₁ − o)) from the segment's noise-corrected MSD at lags of 1 and 2 frames, clamped to
     * [0, 2]: what the data say, whatever the segment's state.
     */
    MEASURED,
    /** α = 1 (Brownian) for every segment, without a standard error: D is then the Brownian D. */
    BROWNIAN,
    /**
     * The measured α̂ held to the range its segment's state means: α = 1 for a normal (Brownian) segment (no
     * standard error), α̂ clamped to [0, 1] for a subdiffusive one and to [1, 2] for a directed one, α̂ in [0, 2]
     * for a confined one (a cage gives no value of its own; at lags of one or two frames it is barely felt).
     */
    BY_STATE
}
