package org.deepspt.event;

import java.util.List;
import java.util.OptionalInt;
import org.deepspt.api.Segment;
import org.deepspt.api.Segmentation;

/**
 * Events read off a {@link Segmentation}. A segment is one of {@link Segmentation#segments()}: a maximal run of
 * equal predicted states, cut further at the segmentation's splits when it has any (the default neural segmenters
 * split where D changes within one motion class, so a change of D alone is an event too); an event is the first
 * point of a segment other than the first. Indices are point indices (0..n−1), frames are
 * the track's frame numbers at those points (they differ when the track does not start at frame 0 or has
 * gaps). Empty when the segmentation has a single segment (no change).
 */
public final class ChangePoints {
    private ChangePoints() {
    }

    /**
     * DeepSPT's event: the start of the last segment (for uncoating, the switch into the final state).
     *
     * @param s a segmentation
     * @return point index of the start of the last segment, empty for a single segment
     */
    public static OptionalInt lastSegmentStartIndex(Segmentation s) {
        List<Segment> segs = s.segments();
        return segs.size() < 2 ? OptionalInt.empty() : OptionalInt.of(segs.get(segs.size() - 1).startIndex());
    }

    /**
     * @param s a segmentation
     * @return frame of the start of the last segment, empty for a single segment
     */
    public static OptionalInt lastSegmentStartFrame(Segmentation s) {
        List<Segment> segs = s.segments();
        return segs.size() < 2 ? OptionalInt.empty() : OptionalInt.of(segs.get(segs.size() - 1).startFrame());
    }

    /**
     * @param s a segmentation
     * @return point index of the first change point (start of the second segment), empty for one segment
     */
    public static OptionalInt firstChangePointIndex(Segmentation s) {
        List<Segment> segs = s.segments();
        return segs.size() < 2 ? OptionalInt.empty() : OptionalInt.of(segs.get(1).startIndex());
    }

    /**
     * @param s a segmentation
     * @return frame of the first change point, empty for one segment
     */
    public static OptionalInt firstChangePointFrame(Segmentation s) {
        List<Segment> segs = s.segments();
        return segs.size() < 2 ? OptionalInt.empty() : OptionalInt.of(segs.get(1).startFrame());
    }

    /**
     * The true event of a labelled track (for example a simulated one): the start of its last run of equal
     * states.
     *
     * @param states per-point state indices
     * @return index of the first point of the last run, empty when all states are equal or there are none
     */
    public static OptionalInt lastRunStart(int[] states) {
        if (states.length == 0) {
            return OptionalInt.empty();
        }
        int i = states.length - 1;
        while (i > 0 && states[i - 1] == states[states.length - 1]) {
            i--;
        }
        return i == 0 ? OptionalInt.empty() : OptionalInt.of(i);
    }
}
