package org.deepspt.classify;

import java.util.List;
import java.util.Objects;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.FingerprintExtractor;
import org.deepspt.api.Segmenter;
import org.deepspt.api.TrackIssue;
import org.deepspt.api.Trajectory;
import org.deepspt.pipeline.Pipeline;
import org.deepspt.pipeline.PipelineResult;

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
     * {@link org.deepspt.api.DeepSptException} (e.g. too short) becomes an issue. The output does not depend on
     * {@code parallel}; the segmenter and extractor must be thread-safe when it is true. The segmentation is the
     * segmenter's own output, with no further post-processing (see
     * {@link ClassifierTrainer#trainOnTracks(List, List, Segmenter, FingerprintExtractor)}); for the CLI's
     * post-processing, run a {@link Pipeline} built with it.
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
        Pipeline pipeline = Pipeline.builder().segmenter(segmenter).fingerprints(extractor)
                .threads(parallel ? Math.max(1, Runtime.getRuntime().availableProcessors()) : 1).build();
        PipelineResult r = pipeline.run(tracks);
        List<Fingerprint> fps = r.fingerprints();
        List<TrackIssue> issues = r.issues();
        return new TrackFingerprints(fps, issues);
    }

    /**
     * The post-processing of a segmenter's own output, in the one wording of
     * {@link org.deepspt.fingerprint.FingerprintContext#postProcessing(double, boolean, boolean, int)}: what the
     * fingerprints of {@link #extract} (or of a {@link Pipeline} that adds no post-processing) were segmented with, as
     * fingerprint tables and classifier models record it. A neural segmenter opened with
     * {@link org.deepspt.api.SegmenterOptions#defaults()} gives {@code smooth=9.0;refine=on;d-changes=on;min-segment=1}
     * (refine {@code on} only with an output calibration), which is how the CLI words its default post-processing;
     * any other segmenter smooths nothing itself: {@code smooth=0.0;refine=off;d-changes=off;min-segment=1}. The same as
     * {@link org.deepspt.pipeline.PostProcessing#describe} of {@link org.deepspt.pipeline.PostProcessing#none()}.
     *
     * @param segmenter the segmenter
     * @return its post-processing, in words
     */
    public static String postProcessing(Segmenter segmenter) {
        Objects.requireNonNull(segmenter, "segmenter");
        return org.deepspt.pipeline.PostProcessing.none().describe(segmenter);
    }
}
