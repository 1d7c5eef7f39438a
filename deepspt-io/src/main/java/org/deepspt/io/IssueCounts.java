package org.deepspt.io;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.deepspt.api.TrackIssue;

/**
 * The tracks an error report speaks of, counted as the commands' summary lines and report.html count them: a track
 * with several entries (one per piece after a split) counts once, a rejected track is not also counted as modified,
 * and the notes about a file's content ({@link TrackReaders#isFileNote}) are no tracks: they are counted apart, as
 * what was in the file but not read (spots that belong to no track, tracks outside TrackMate's FilteredTracks).
 * With these, input tracks = tracks written whole + modified + rejected, and the rest of the file is in the notes.
 *
 * @param rejected ids of the rejected tracks
 * @param modified ids of the tracks modified and not rejected
 * @param entries number of entries in the report
 * @param notes number of those entries that are notes about a file's content, no track
 * @param untrackedSpots spots not read because they belong to no track (summed over the notes of all files)
 * @param filteredOutTracks tracks not read because they are not in TrackMate's FilteredTracks (all files)
 */
public record IssueCounts(Set<String> rejected, Set<String> modified, int entries, int notes, long untrackedSpots,
        long filteredOutTracks) {

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
        return new IssueCounts(rejected, modified, issues.size(), notes(issues), notRead(issues, true),
                notRead(issues, false));
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
        return new IssueCounts(rejected, modified, issues.size(), notes(issues), notRead(issues, true),
                notRead(issues, false));
    }

    private static int notes(List<TrackIssue> issues) {
        return (int) issues.stream().filter(i -> TrackReaders.isFileNote(i.trackId())).count();
    }

    /**
     * What was not read, summed over the REJECTED file notes of one kind: each note's {@link TrackIssue#count()}, the
     * spots or tracks it speaks of (the readers set it, {@link TrackIssue#fileNote}); a MODIFIED note (filtered-out
     * tracks read as asked) is read and not counted.
     */
    private static long notRead(List<TrackIssue> issues, boolean untracked) {
        long n = 0;
        for (TrackIssue i : issues) {
            if (i.kind() == TrackIssue.Kind.REJECTED && TrackReaders.isFileNote(i.trackId())
                    && TrackReaders.isUntrackedNote(i.trackId()) == untracked) {
                n += i.count();
            }
        }
        return n;
    }

    /**
     * The counts as the summary lines word them: {@code 1 track rejected, 14 modified}, then, when the files had
     * spots or tracks that were not read, {@code , 3 untracked spots and 1 filtered-out track not read}.
     *
     * @return the counts in words
     */
    public String describe() {
        return rejected.size() + (rejected.size() == 1 ? " track" : " tracks") + " rejected, " + modified.size()
                + " modified" + (hasNotRead() ? ", " + notRead() + " not read" : "");
    }

    /** @return whether the files had spots or tracks that were not read */
    public boolean hasNotRead() {
        return untrackedSpots > 0 || filteredOutTracks > 0;
    }

    /**
     * @return what the files held and was not read, {@code 3 untracked spots and 1 filtered-out track}; empty
     *     when nothing
     */
    public String notRead() {
        StringBuilder sb = new StringBuilder();
        if (untrackedSpots > 0) {
            sb.append(untrackedSpots).append(untrackedSpots == 1 ? " untracked spot" : " untracked spots");
        }
        if (filteredOutTracks > 0) {
            sb.append(sb.length() > 0 ? " and " : "").append(filteredOutTracks)
                    .append(filteredOutTracks == 1 ? " filtered-out track" : " filtered-out tracks");
        }
        return sb.toString();
    }

    /** @return whether the report has more entries than the tracks and notes it speaks of */
    public boolean moreEntriesThanTracks() {
        return entries != rejected.size() + modified.size() + notes;
    }
}
