package org.deepspt.io;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.deepspt.api.TrackIssue;

/**
 * The tracks an error report speaks of, counted as the commands' summary lines and report.html count them: a track
 * with several entries (one per piece after a split) counts once, a rejected track is not also counted as modified,
 * and the notes about a file's content ({@link TrackReaders#isFileNote}) are no tracks.
 *
 * @param rejected ids of the rejected tracks
 * @param modified ids of the tracks modified and not rejected
 * @param entries number of entries in the report
 */
public record IssueCounts(Set<String> rejected, Set<String> modified, int entries) {

    /** Copies the sets. */
    public IssueCounts {
        rejected = Set.copyOf(rejected);
        modified = Set.copyOf(modified);
    }

    /**
     * @param issues the entries of an error report
     * @return the tracks they speak of
     */
    public static IssueCounts of(List<TrackIssue> issues) {
        Set<String> rejected = new HashSet<>();
        Set<String> modified = new HashSet<>();
        for (TrackIssue i : issues) {
            if (!TrackReaders.isFileNote(i.trackId())) {
                (i.kind() == TrackIssue.Kind.REJECTED ? rejected : modified).add(i.trackId());
            }
        }
        modified.removeAll(rejected);
        return new IssueCounts(rejected, modified, issues.size());
    }

    /**
     * The input tracks an error report speaks of, when some were read as pieces (split at gaps, branch paths): an
     * entry about a piece counts for its input track, an input track is rejected when none of it was written, and
     * modified when some of it was (review: a track split into two pieces that were both rejected counted as one
     * modified and two rejected tracks).
     *
     * @param issues the entries of an error report
     * @param inputOf the input track of a track or piece id ({@link ReadResult#inputId(String)})
     * @param written the input tracks of the trajectories that were written
     * @return the input tracks the entries speak of
     */
    public static IssueCounts of(List<TrackIssue> issues, java.util.function.UnaryOperator<String> inputOf,
            Set<String> written) {
        Set<String> rejected = new HashSet<>();
        Set<String> modified = new HashSet<>();
        for (TrackIssue i : issues) {
            if (!TrackReaders.isFileNote(i.trackId())) {
                String input = inputOf.apply(i.trackId());
                (written.contains(input) ? modified : rejected).add(input);
            }
        }
        return new IssueCounts(rejected, modified, issues.size());
    }

    /** @return whether the report has more entries than the tracks it speaks of */
    public boolean moreEntriesThanTracks() {
        return entries != rejected.size() + modified.size();
    }
}
