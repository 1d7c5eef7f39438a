package org.deepspt.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Computes the diffusional fingerprint of tracks: a fixed, named list of {@link Feature}s.
 *
 * <p>Two kinds of features: track features, computed from the positions alone, and segmentation
 * features ({@link Feature#requiresSegmentation()}), computed from a {@link Segmentation} of the track.
 * {@link #extract(Trajectory, Segmentation)} returns every feature of {@link #features()};
 * {@link #extract(Trajectory)} returns only the track features (segmentation features are absent, not NaN),
 * in the same relative order. Either way a feature that is undefined for the track is NaN.
 *
 * <p>Implementations are immutable and thread-safe and never return {@code null}.
 */
public interface FingerprintExtractor {

    /**
     * @param trajectory the track
     * @param segmentation a segmentation of that track (same number of points and frames)
     * @return all features of {@link #features()}, in that order
     * @throws TrackTooShortException when the track is shorter than {@link #minimumLength()}
     * @throws InvalidTrajectoryException when the segmentation does not match the track
     */
    Fingerprint extract(Trajectory trajectory, Segmentation segmentation);

    /**
     * @param trajectory the track
     * @return the track features only ({@link #trackFeatureNames()})
     * @throws TrackTooShortException when the track is shorter than {@link #minimumLength()}
     */
    Fingerprint extract(Trajectory trajectory);

    /** @return every feature this extractor computes, in output order (unmodifiable) */
    List<Feature> features();

    /** @return minimum number of points of a track, ≥ 1 */
    default int minimumLength() {
        return 2;
    }

    /** @return names of {@link #features()}, in order (unmodifiable) */
    default List<String> featureNames() {
        return names(false, false);
    }

    /** @return names of the features that need no segmentation, in order (unmodifiable) */
    default List<String> trackFeatureNames() {
        return names(true, false);
    }

    /** @return names of the features downstream classifiers use, in order (unmodifiable) */
    default List<String> classifierFeatureNames() {
        return names(false, true);
    }

    private List<String> names(boolean trackOnly, boolean classifierOnly) {
        List<String> out = new ArrayList<>();
        for (Feature f : features()) {
            if ((!trackOnly || !f.requiresSegmentation()) && (!classifierOnly || f.classifierFeature())) {
                out.add(f.name());
            }
        }
        return Collections.unmodifiableList(out);
    }
}
