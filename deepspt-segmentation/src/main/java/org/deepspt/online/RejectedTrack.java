package org.deepspt.online;

import java.util.Objects;

/**
 * Points of a particle that will never receive a state, reported instead of being dropped silently: a particle
 * that ended (lost, or at {@link OnlineSegmenter#flush()}) with fewer points than the segmenter's minimum length
 * (then all of its points), or whose window the segmenter could not handle, or whose streaming step gave non-finite
 * probabilities (then its points from the oldest one not yet final: frames already reported final keep their states;
 * the particle's next point starts a new track). None of the measured frames {@code firstFrame .. lastFrame} of this
 * track received a final state; points made up over a blink are not counted.
 *
 * @param particleId the particle
 * @param track the particle's track number (see {@link FrameState#track()})
 * @param firstFrame the first frame without a state
 * @param lastFrame its last frame
 * @param points number of points without a state
 * @param reason why it was rejected
 */
public record RejectedTrack(String particleId, long track, int firstFrame, int lastFrame, int points,
        String reason) {

    /** Checks arguments. */
    public RejectedTrack {
        Objects.requireNonNull(particleId, "particleId");
        Objects.requireNonNull(reason, "reason");
    }
}
