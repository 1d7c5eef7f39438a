package org.deepspt.pipeline;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.Prediction;
import org.deepspt.api.TrackIssue;

/**
 * All outcomes of a {@link Pipeline#run} over an in-memory collection.
 *
 * @param results the processed tracks, in input order (unmodifiable)
 * @param issues the rejected tracks, in input order (unmodifiable)
 */
public record PipelineResult(List<TrackResult> results, List<TrackIssue> issues) {

    /**
     * Freezes both lists.
     *
     * @param results processed tracks, in input order
     * @param issues rejected tracks, in input order
     */
    public PipelineResult {
        results = List.copyOf(Objects.requireNonNull(results, "results"));
        issues = List.copyOf(Objects.requireNonNull(issues, "issues"));
    }

    /**
     * @param outcomes outcomes in input order
     * @return the results and issues, each in input order
     */
    public static PipelineResult of(List<? extends TrackOutcome> outcomes) {
        List<TrackResult> results = new ArrayList<>();
        List<TrackIssue> issues = new ArrayList<>();
        for (TrackOutcome o : outcomes) {
            if (o instanceof TrackResult r) {
                results.add(r);
            } else {
                issues.add(((TrackFailure) o).issue());
            }
        }
        return new PipelineResult(results, issues);
    }

    /** @return number of processed plus rejected tracks */
    public int inputCount() {
        return results.size() + issues.size();
    }

    /** @return the fingerprint of every processed track that has one, in order (unmodifiable) */
    public List<Fingerprint> fingerprints() {
        return results.stream().flatMap(r -> r.fingerprint().stream()).toList();
    }

    /** @return the prediction of every processed track that has one, in order (unmodifiable) */
    public List<Prediction> predictions() {
        return results.stream().map(TrackResult::prediction).flatMap(Optional::stream).toList();
    }

    /**
     * @param trackId a track id
     * @return the result of the first processed track with that id
     */
    public Optional<TrackResult> result(String trackId) {
        return results.stream().filter(r -> r.trackId().equals(trackId)).findFirst();
    }

    /** @return ids of the rejected tracks, in order (unmodifiable) */
    public List<String> rejectedIds() {
        return Collections.unmodifiableList(issues.stream().map(TrackIssue::trackId).toList());
    }
}
