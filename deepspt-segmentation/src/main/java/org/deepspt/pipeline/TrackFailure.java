package org.deepspt.pipeline;

import java.util.Objects;
import org.deepspt.api.TrackIssue;

/**
 * A track the {@link Pipeline} could not process (too short for the segmenter or the fingerprint, invalid
 * data, ...).
 *
 * @param issue the rejection: track id and a reason naming the stage that failed
 */
public record TrackFailure(TrackIssue issue) implements TrackOutcome {

    /**
     * Validates that the issue is present.
     *
     * @param issue the rejection
     */
    public TrackFailure {
        Objects.requireNonNull(issue, "issue");
    }

    @Override
    public String trackId() {
        return issue.trackId();
    }

    @Override
    public boolean succeeded() {
        return false;
    }
}
