package org.deepspt.io;

/**
 * What the TrackMate XML reader does with a track whose graph branches (a split: one spot linked to two or
 * more spots of later frames; a merge: two or more spots linked to one). Every policy keeps the
 * parent→daughter steps inside the pieces it makes except {@link #SPLIT}, and names pieces after TrackMate's
 * lineage rule ("Append 'a', 'b' for each branch", TrackMate's auto-naming action): the root branch takes the
 * track's name, the daughters of a split are suffixed {@code .a}, {@code .b}, … ordered by the X position of
 * their first spot, and deeper branches append further letters ({@code Track_3.ab}); a branch that starts at a
 * merge takes the name of its first parent with {@code m} appended, a second root of the same track
 * {@code .r2}, {@code .r3}, …
 *
 * <p>The default is {@link #PATHS}: no tracked point is lost.
 */
public enum BranchPolicy {
    /**
     * Every root-to-leaf path is one trajectory, named after the last branch on it (a track without a split
     * keeps its name). A point shared by several paths (the mother before a division) is in each of them, and
     * each path keeps the step from mother to daughter. Every tracked point is in some path.
     */
    PATHS,
    /**
     * One trajectory per track: the root-to-leaf path with the most points (ties: the earlier leaf, then the
     * smaller spot ID); the points on no such path are named in one MODIFIED issue of the track.
     */
    LONGEST,
    /**
     * The track graph is cut into its maximal linear branches (no point in two pieces); the steps from a
     * mother to its daughters belong to no piece. Each piece is reported as MODIFIED with the split or merge.
     */
    SPLIT
}
