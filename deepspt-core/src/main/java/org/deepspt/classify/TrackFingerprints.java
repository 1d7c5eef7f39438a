package org.deepspt.classify;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.FingerprintExtractor;
import org.deepspt.api.Segmenter;
import org.deepspt.api.TrackIssue;
import org.deepspt.api.Trajectory;

/**
 * Full fingerprints (track + segmentation features) of many tracks, with the tracks that cannot be
 * processed collected as issues instead of failing the whole set.
 *
 * @param fingerprints one per processed track, in input order (unmodifiable)
 * @param issues one {@link TrackIssue.Kind#REJECTED} issue per track that failed, with the reason
 */
public record TrackFingerprints(List<Fingerprint> fingerprints, List<TrackIssue> issues) {

    /** Freezes the lists. */
    public TrackFingerprints {
        fingerprints = List.copyOf(fingerprints);
        issues = List.copyOf(issues);
    }

    /**
     * Segments each track and extracts its full fingerprint. A track for which either step throws a
     * {@link DeepSptException} (e.g. too short) becomes an issue. The output does not depend on
     * {@code parallel}; the segmenter and extractor must be thread-safe when it is true.
     *
     * @param tracks the tracks
     * @param segmenter segmentation for the segmentation features
     * @param extractor the fingerprint extractor
     * @param parallel true to use the common fork-join pool
     * @return fingerprints and issues
     */
    public static TrackFingerprints extract(List<Trajectory> tracks, Segmenter segmenter,
            FingerprintExtractor extractor, boolean parallel) {
        Objects.requireNonNull(segmenter, "segmenter");
        Objects.requireNonNull(extractor, "extractor");
        Object[] out = new Object[tracks.size()];
        IntStream range = IntStream.range(0, tracks.size());
        (parallel ? range.parallel() : range).forEach(i -> {
            Trajectory t = tracks.get(i);
            try {
                out[i] = extractor.extract(t, segmenter.segment(t));
            } catch (DeepSptException e) {
                out[i] = TrackIssue.rejected(t.id(), e.getMessage());
            }
        });
        List<Fingerprint> fps = new ArrayList<>(out.length);
        List<TrackIssue> issues = new ArrayList<>();
        for (Object o : out) {
            if (o instanceof Fingerprint f) {
                fps.add(f);
            } else {
                issues.add((TrackIssue) o);
            }
        }
        return new TrackFingerprints(fps, issues);
    }
}
