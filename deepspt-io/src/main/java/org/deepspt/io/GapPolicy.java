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
     * ({@link org.deepspt.api.Trajectory#interpolated(int)}), so that motion estimates skip it: the filling of
     * {@link org.deepspt.api.Trajectory#withGapsInterpolated()}, which library code can call on a trajectory of its
     * own before a neural segmenter (which refuses missing frames). Reported as MODIFIED
     * with the filled frames. Gaps of more than 10 frames are not filled: the track is cut there into pieces
     * {@code <id>.1}, {@code <id>.2}, … (MODIFIED), each filled on its own (a long straight filler reads as directed
     * motion to the segmentation model). A track or piece that would hold more made-up points than measured ones is
     * REJECTED naming SPLIT.
     */
    INTERPOLATE,
    /** Reject a track with any gap (REJECTED, naming the missing frames). */
    REJECT
}
