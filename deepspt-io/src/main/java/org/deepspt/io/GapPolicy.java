package org.deepspt.io;

/**
 * What a reader does with a gap, i.e. missing frames inside a track (consecutive points more than one frame
 * apart). The default is {@link #SPLIT}.
 */
public enum GapPolicy {
    /**
     * Split the track at every gap into pieces {@code <id>.1}, {@code <id>.2}, … (numbered in frame order);
     * every piece is reported as {@link org.deepspt.api.TrackIssue.Kind#MODIFIED} under the input id, naming the
     * piece and the missing frames.
     */
    SPLIT,
    /**
     * Fill missing frames by linear interpolation between the points either side (per axis); an
     * interpolated point copies the true state of the point before it and is marked
     * ({@link org.deepspt.api.Trajectory#interpolated(int)}), so that motion estimates skip it. Reported as MODIFIED
     * with the filled frames. A track is REJECTED (naming the reason; SPLIT reads it) when one gap exceeds 1,000
     * frames or when it would hold more made-up points than measured ones.
     */
    INTERPOLATE,
    /** Reject a track with any gap (REJECTED, naming the missing frames). */
    REJECT
}
