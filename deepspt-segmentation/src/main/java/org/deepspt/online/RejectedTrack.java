package org.deepspt.online;

import java.util.Objects;

/**
 * A particle that ended (lost, or at {@link OnlineSegmenter#flush()}) with fewer points than the segmenter's
 * minimum length: none of its frames received a state. Reported instead of being dropped silently.
 *
 * @param particleId the particle
 * @param track the particle's track number (see {@link FrameState#track()})
 * @param firstFrame its first frame
 * @param lastFrame its last frame
 * @param points number of points it had
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
