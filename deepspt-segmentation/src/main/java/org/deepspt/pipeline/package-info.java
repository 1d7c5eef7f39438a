/**
 * Fluent analysis pipeline: {@code Trajectory → Segmenter → FingerprintExtractor → Classifier}, run in
 * parallel over tracks with deterministic, ordered output and per-track failures reported as
 * {@link org.deepspt.api.TrackIssue}s.
 *
 * <pre>{@code
 * Pipeline p = Pipeline.builder()
 *         .segmenter(RollingMsdSegmenter.defaults())
 *         .fingerprints(DiffusionalFingerprint.defaults())
 *         .classifier(classifier)
 *         .threads(4)
 *         .build();
 * PipelineResult r = p.run(trajectories);                       // everything in memory
 * try (Stream<TrackResult> s = p.stream(reader, issues::add)) {  // bounded memory, input order
 *     s.forEach(writer::write);
 * }
 * }</pre>
 */
@NullMarked
package org.deepspt.pipeline;

import org.jspecify.annotations.NullMarked;
