package org.deepspt.api;

import java.util.Objects;

/**
 * A report line about one input track: why it was rejected, or what was done to it (split at a gap,
 * split at a branch, interpolated). Every input track ends up either in an output or in such a report.
 *
 * <p>A reader also reports what a file holds that is no track it reads, as a <em>file note</em> under a
 * pseudo track id (the spots that belong to no track, the tracks outside TrackMate's FilteredTracks;
 * {@link #fileNote}): its {@link #count()} says how many spots or tracks it speaks of, so that a summary counts
 * them without reading the detail.
 *
 * @param trackId id of the track as it appeared in the input, or the pseudo id of a file note
 * @param kind what happened
 * @param detail human-readable reason, naming frames/lines where relevant
 * @param count how many input items the line speaks of: 1 for a track (or a piece of one); for a file note, the
 *     number of spots or tracks it counts (≥ 1)
 */
public record TrackIssue(String trackId, Kind kind, String detail, long count) {

    /** What happened to a track. */
    public enum Kind {
        /** The track is not in the output; {@code detail} says why. */
        REJECTED,
        /** The track was changed (split, interpolated) and appears in the output in another form. */
        MODIFIED
    }

    /**
     * Validates that no component is null and that the count is at least 1.
     *
     * @throws IllegalArgumentException naming {@code count} when it is below 1
     */
    public TrackIssue {
        Objects.requireNonNull(trackId, "trackId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
        if (count < 1) {
            throw new IllegalArgumentException("count must be >= 1, got " + count + " (track '" + trackId + "')");
        }
    }

    /**
     * A line about one track: {@link #count()} 1.
     *
     * @param trackId id of the track as it appeared in the input
     * @param kind what happened
     * @param detail human-readable reason
     */
    public TrackIssue(String trackId, Kind kind, String detail) {
        this(trackId, kind, detail, 1);
    }

    /**
     * @param trackId the track
     * @param detail why it is not in the output
     * @return a rejection
     */
    public static TrackIssue rejected(String trackId, String detail) {
        return new TrackIssue(trackId, Kind.REJECTED, detail);
    }

    /**
     * @param trackId the track
     * @param detail what was done to it
     * @return a modification note
     */
    public static TrackIssue modified(String trackId, String detail) {
        return new TrackIssue(trackId, Kind.MODIFIED, detail);
    }

    /**
     * A note about a file's content that is no track: e.g. {@code (untracked spots)}, REJECTED, 3, {@code 3 of 7385
     * spots belong to no track and are not read}.
     *
     * @param noteId the note's pseudo track id
     * @param kind REJECTED when what it counts was not read, MODIFIED when it was read as asked
     * @param count the number of spots or tracks it speaks of, ≥ 1
     * @param detail the note in words
     * @return the note
     * @throws IllegalArgumentException naming {@code count} when it is below 1
     */
    public static TrackIssue fileNote(String noteId, Kind kind, long count, String detail) {
        return new TrackIssue(noteId, kind, detail, count);
    }

    /**
     * @param newDetail the detail in other words (e.g. a front end's terms for the library's)
     * @return this line with that detail, its id, kind and count unchanged
     */
    public TrackIssue withDetail(String newDetail) {
        return new TrackIssue(trackId, kind, newDetail, count);
    }

    /**
     * @param newTrackId another id for the same track or note (e.g. qualified by its file's name)
     * @return this line under that id, its kind, detail and count unchanged
     */
    public TrackIssue withTrackId(String newTrackId) {
        return new TrackIssue(newTrackId, kind, detail, count);
    }
}
