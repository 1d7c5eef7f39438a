package org.deepspt.pipeline;

import java.util.Objects;
import java.util.Optional;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.Prediction;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Trajectory;
import org.deepspt.fingerprint.FeatureMatrix;

/**
 * Everything the {@link Pipeline} computed for one track.
 *
 * @param trajectory the input track
 * @param segmentation per-point states, present when the pipeline has a segmenter
 * @param fingerprint the diffusional fingerprint: all features with a segmenter, the track features only
 *     without one (NaN where undefined, see the extractor)
 * @param prediction the classifier's answer, present when the pipeline has a classifier
 * @param timeResolved the per-frame fingerprint, present when the pipeline computes one
 */
public record TrackResult(Trajectory trajectory, Optional<Segmentation> segmentation,
        Optional<Fingerprint> fingerprint,
        Optional<Prediction> prediction, Optional<FeatureMatrix> timeResolved) implements TrackOutcome {

    /**
     * Validates that no component is null.
     *
     * @param trajectory the input track
     * @param segmentation per-point states, if segmented
     * @param fingerprint the fingerprint
     * @param prediction the classifier answer, if classified
     * @param timeResolved the per-frame fingerprint, if computed
     */
    public TrackResult {
        Objects.requireNonNull(trajectory, "trajectory");
        Objects.requireNonNull(segmentation, "segmentation");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(prediction, "prediction");
        Objects.requireNonNull(timeResolved, "timeResolved");
    }

    @Override
    public String trackId() {
        return trajectory.id();
    }

    @Override
    public boolean succeeded() {
        return true;
    }
}
