package org.deepspt.api;

import java.util.Objects;

/**
 * A report line about one input track: why it was rejected, or what was done to it (split at a gap,
 * split at a branch, interpolated). Every input track ends up either in an output or in such a report.
 *
 * @param trackId id of the track as it appeared in the input
 * @param kind what happened
 * @param detail human-readable reason, naming frames/lines where relevant
 */
public record TrackIssue(String trackId, Kind kind, String detail) {

    /** What happened to a track. */
    public enum Kind {
        /** The track is not in the output; {@code detail} says why. */
        REJECTED,
        /** The track was changed (split, interpolated) and appears in the output in another form. */
        MODIFIED
    }

    /** Validates that no component is null. */
    public TrackIssue {
        Objects.requireNonNull(trackId, "trackId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
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
}
