package org.deepspt.api;

import java.util.Objects;

/**
 * Why one track could not be segmented: a value in the result of {@link Segmenter#segmentEach}, so that one bad
 * track does not fail the tracks around it.
 *
 * @param trackId id of the track that failed
 * @param reason what was wrong, in words (the cause's message, which names the track; the cause's class name when
 *     it has no message)
 * @param cause the exception the segmenter raised for this track, e.g. a {@link TrackTooShortException} or an
 *     {@link InvalidTrajectoryException}; never an {@link org.deepspt.api.inference.InferenceException}, which stops
 *     a run instead
 */
public record SegmentationFailure(String trackId, String reason, RuntimeException cause) {

    /** Validates that no component is null. */
    public SegmentationFailure {
        Objects.requireNonNull(trackId, "trackId");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(cause, "cause");
    }

    /**
     * @param trackId the track that failed
     * @param cause what the segmenter raised for it
     * @return the failure, with the cause's message as the reason (its class name when it has none)
     */
    public static SegmentationFailure of(String trackId, RuntimeException cause) {
        Objects.requireNonNull(cause, "cause");
        String message = cause.getMessage();
        return new SegmentationFailure(trackId, message != null ? message : cause.getClass().getSimpleName(), cause);
    }
}
