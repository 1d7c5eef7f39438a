package org.deepspt.api;

import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of segmenting one track with {@link Segmenter#segmentEach}: its {@link Segmentation}, or a
 * {@link SegmentationFailure} naming the track and the reason. Exactly one of {@link #segmentation()} and
 * {@link #failure()} is present.
 *
 * <pre>{@code
 * for (SegmentationResult r : segmenter.segmentEach(tracks)) {
 *     r.segmentation().ifPresentOrElse(s -> write(s), () -> report(r.failure().orElseThrow()));
 * }
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class SegmentationResult {
    private final String trackId;
    private final @Nullable Segmentation segmentation;
    private final @Nullable SegmentationFailure failure;

    private SegmentationResult(String trackId, @Nullable Segmentation segmentation,
            @Nullable SegmentationFailure failure) {
        this.trackId = trackId;
        this.segmentation = segmentation;
        this.failure = failure;
    }

    /**
     * @param segmentation the segmentation of a track
     * @return a success, for the track {@link Segmentation#trackId()} names
     */
    public static SegmentationResult of(Segmentation segmentation) {
        Objects.requireNonNull(segmentation, "segmentation");
        return new SegmentationResult(segmentation.trackId(), segmentation, null);
    }

    /**
     * @param failure why the track could not be segmented
     * @return a failure, for the track the failure names
     */
    public static SegmentationResult of(SegmentationFailure failure) {
        Objects.requireNonNull(failure, "failure");
        return new SegmentationResult(failure.trackId(), null, failure);
    }

    /**
     * @param trackId the track that failed
     * @param cause what the segmenter raised for it
     * @return a failure with the cause's message as the reason ({@link SegmentationFailure#of})
     */
    public static SegmentationResult failed(String trackId, RuntimeException cause) {
        return of(SegmentationFailure.of(trackId, cause));
    }

    /** @return id of the track this is the outcome of */
    public String trackId() {
        return trackId;
    }

    /** @return whether the track was segmented */
    public boolean succeeded() {
        return segmentation != null;
    }

    /** @return the segmentation; empty when the track failed */
    public Optional<Segmentation> segmentation() {
        return Optional.ofNullable(segmentation);
    }

    /** @return why the track failed; empty when it was segmented */
    public Optional<SegmentationFailure> failure() {
        return Optional.ofNullable(failure);
    }

    /**
     * For callers that treat a failed track as the end of the run.
     *
     * @return the segmentation
     * @throws RuntimeException the {@link SegmentationFailure#cause() cause} of a failure, as the segmenter raised
     *     it (e.g. a {@link TrackTooShortException} naming the track)
     */
    public Segmentation orElseThrow() {
        if (failure != null) {
            throw failure.cause();
        }
        return Objects.requireNonNull(segmentation);
    }

    @Override
    public boolean equals(@Nullable Object o) {
        return o instanceof SegmentationResult r && trackId.equals(r.trackId)
                && Objects.equals(segmentation, r.segmentation) && Objects.equals(failure, r.failure);
    }

    @Override
    public int hashCode() {
        return Objects.hash(trackId, segmentation, failure);
    }

    @Override
    public String toString() {
        return failure != null ? "SegmentationResult[" + trackId + ": failed: " + failure.reason() + "]"
                : "SegmentationResult[" + trackId + ": segmented]";
    }
}
