package org.deepspt.pipeline;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.deepspt.api.Classifier;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.FingerprintExtractor;
import org.deepspt.api.Prediction;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Segmenter;
import org.deepspt.api.TrackIssue;
import org.deepspt.api.Trajectory;
import org.deepspt.fingerprint.DiffusionalFingerprint;
import org.deepspt.fingerprint.FeatureMatrix;
import org.deepspt.fingerprint.TimeResolvedFingerprint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DeepSPT analysis chain for whole track sets:
 * {@code Trajectory → Segmenter → FingerprintExtractor → Classifier}.
 *
 * <h2>Per track</h2>
 * <ol>
 *   <li>Segmentation with the {@link Builder#segmenter segmenter}, when one is set.</li>
 *   <li>Fingerprint: {@link FingerprintExtractor#extract(Trajectory, Segmentation)} with a segmentation
 *       (all features), {@link FingerprintExtractor#extract(Trajectory)} without (track features only).</li>
 *   <li>Prediction of the {@link Builder#classifier classifier}, when one is set. By default the classifier
 *       sees the fingerprint with NaN replaced by 0 ({@link Fingerprint#withNaNAsZero()}), as the original
 *       DeepSPT does; the {@link TrackResult} keeps the NaN values.</li>
 *   <li>Time-resolved fingerprint, when {@link Builder#timeResolved} is set.</li>
 * </ol>
 * A {@link DeepSptException} in any stage (a track too short for the segmenter or the fingerprint, invalid
 * data) turns the track into a {@link TrackFailure} whose {@link TrackIssue} names the stage and the
 * reason; no track is dropped silently. Any other exception is a bug or a misconfiguration and propagates
 * to the caller.
 *
 * <h2>Parallelism and determinism</h2>
 * Tracks are processed on {@link Builder#threads} worker threads (the segmenter, extractor and classifier
 * must be thread-safe, as their interfaces require). Outcomes come back in input order, and each track's
 * outcome depends on that track only, so the output is identical for every thread count. Streaming
 * methods keep at most {@link Builder#maxInFlight} tracks in flight (bounded memory) and read the source
 * on the caller's thread.
 *
 * <p>Immutable and thread-safe; one pipeline may serve many runs at once.
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final Segmenter segmenter;
    private final FingerprintExtractor extractor;
    private final Classifier classifier;
    private final TimeResolvedFingerprint timeResolved;
    private final boolean nanAsZero;
    private final int threads;
    private final int maxInFlight;

    private Pipeline(Builder b) {
        this.segmenter = b.segmenter;
        this.extractor = b.extractor;
        this.classifier = b.classifier;
        this.timeResolved = b.timeResolved;
        this.nanAsZero = b.nanAsZero;
        this.threads = b.threads;
        this.maxInFlight = b.maxInFlight > 0 ? b.maxInFlight : 4 * b.threads;
    }

    /** @return a builder: no segmenter, {@link DiffusionalFingerprint#defaults()}, no classifier, 1 thread */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the segmenter, if any */
    public Optional<Segmenter> segmenter() {
        return Optional.ofNullable(segmenter);
    }

    /** @return the fingerprint extractor */
    public FingerprintExtractor fingerprints() {
        return extractor;
    }

    /** @return the classifier, if any */
    public Optional<Classifier> classifier() {
        return Optional.ofNullable(classifier);
    }

    /** @return number of worker threads */
    public int threads() {
        return threads;
    }

    /**
     * @return names of the fingerprint features every {@link TrackResult} carries, in order: all features
     *     of the extractor with a segmenter, its track features without one (unmodifiable)
     */
    public List<String> featureNames() {
        return segmenter != null ? extractor.featureNames() : extractor.trackFeatureNames();
    }

    /**
     * Processes one track on the caller's thread.
     *
     * @param trajectory the track
     * @return its result, or a failure naming the stage and reason
     */
    public TrackOutcome process(Trajectory trajectory) {
        Objects.requireNonNull(trajectory, "trajectory");
        String stage = "segmentation";
        try {
            Segmentation seg = null;
            if (segmenter != null) {
                seg = segmenter.segment(trajectory);
            }
            stage = "fingerprint";
            Fingerprint fp = seg != null ? extractor.extract(trajectory, seg) : extractor.extract(trajectory);
            Prediction prediction = null;
            if (classifier != null) {
                stage = "classification";
                prediction = classifier.predict(nanAsZero ? fp.withNaNAsZero() : fp);
            }
            FeatureMatrix matrix = null;
            if (timeResolved != null) {
                stage = "time-resolved fingerprint";
                matrix = seg != null ? timeResolved.compute(trajectory, seg) : timeResolved.compute(trajectory);
            }
            return new TrackResult(trajectory, Optional.ofNullable(seg), fp, Optional.ofNullable(prediction),
                    Optional.ofNullable(matrix));
        } catch (DeepSptException e) {
            LOG.debug("track '{}' rejected in {}: {}", trajectory.id(), stage, e.getMessage());
            return new TrackFailure(TrackIssue.rejected(trajectory.id(), stage + ": " + e.getMessage()));
        }
    }

    /**
     * Processes a collection of tracks.
     *
     * @param trajectories the tracks
     * @return results and issues, each in input order
     */
    public PipelineResult run(Iterable<Trajectory> trajectories) {
        List<TrackOutcome> all = new ArrayList<>();
        try (Stream<TrackOutcome> s = outcomes(trajectories.iterator())) {
            s.forEachOrdered(all::add);
        }
        return PipelineResult.of(all);
    }

    /**
     * Lazy, ordered stream of the outcome of every track (results and failures), with bounded memory.
     * Close the stream (try-with-resources) when not consuming it to the end, to stop the workers.
     *
     * @param trajectories the tracks, read on the consuming thread
     * @return one outcome per track, in input order
     */
    public Stream<TrackOutcome> outcomes(Iterator<Trajectory> trajectories) {
        Objects.requireNonNull(trajectories, "trajectories");
        OrderedParallelIterator<Trajectory, TrackOutcome> it =
                new OrderedParallelIterator<>(trajectories, this::process, threads, maxInFlight);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it,
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(it::close);
    }

    /**
     * @param trajectories the tracks (consumed sequentially; close the returned stream to close this one)
     * @return one outcome per track, in input order
     */
    public Stream<TrackOutcome> outcomes(Stream<Trajectory> trajectories) {
        return outcomes(trajectories.sequential().iterator()).onClose(trajectories::close);
    }

    /**
     * Lazy, ordered stream of the processed tracks; each rejected track is handed to {@code issues} (on the
     * consuming thread, in input order) when the stream reaches it.
     *
     * @param trajectories the tracks
     * @param issues receives every rejection
     * @return the processed tracks, in input order
     */
    public Stream<TrackResult> stream(Iterator<Trajectory> trajectories, Consumer<? super TrackIssue> issues) {
        Objects.requireNonNull(issues, "issues");
        return outcomes(trajectories).filter(o -> {
            if (o instanceof TrackFailure f) {
                issues.accept(f.issue());
                return false;
            }
            return true;
        }).map(TrackResult.class::cast);
    }

    /**
     * @param trajectories the tracks
     * @param issues receives every rejection
     * @return the processed tracks, in input order
     */
    public Stream<TrackResult> stream(Stream<Trajectory> trajectories, Consumer<? super TrackIssue> issues) {
        return stream(trajectories.sequential().iterator(), issues).onClose(trajectories::close);
    }

    @Override
    public String toString() {
        return "Pipeline[segmenter=" + (segmenter == null ? "none" : segmenter.name()) + ", fingerprints="
                + extractor.getClass().getSimpleName() + ", classifier=" + (classifier == null ? "none"
                        : classifier.labels()) + ", threads=" + threads + "]";
    }

    /** Configures a {@link Pipeline}; not thread-safe. */
    public static final class Builder {
        private Segmenter segmenter;
        private FingerprintExtractor extractor = DiffusionalFingerprint.defaults();
        private Classifier classifier;
        private TimeResolvedFingerprint timeResolved;
        private boolean nanAsZero = true;
        private int threads = 1;
        private int maxInFlight;

        private Builder() {
        }

        /**
         * @param s the segmenter (thread-safe), or null for none
         * @return this
         */
        public Builder segmenter(Segmenter s) {
            this.segmenter = s;
            return this;
        }

        /**
         * @param e the fingerprint extractor (default {@link DiffusionalFingerprint#defaults()})
         * @return this
         */
        public Builder fingerprints(FingerprintExtractor e) {
            this.extractor = Objects.requireNonNull(e, "fingerprints");
            return this;
        }

        /**
         * @param c the classifier (thread-safe), or null for none; its features must be among the
         *     pipeline's {@link Pipeline#featureNames()}
         * @return this
         */
        public Builder classifier(Classifier c) {
            this.classifier = c;
            return this;
        }

        /**
         * @param trf per-frame fingerprint to compute for every track (with the segmentation when there is
         *     a segmenter), or null for none
         * @return this
         */
        public Builder timeResolved(TimeResolvedFingerprint trf) {
            this.timeResolved = trf;
            return this;
        }

        /**
         * @param enabled whether the classifier sees NaN features as 0 (default true, as the original)
         * @return this
         */
        public Builder nanAsZero(boolean enabled) {
            this.nanAsZero = enabled;
            return this;
        }

        /**
         * @param n worker threads, ≥ 1 (default 1: everything on the caller's thread)
         * @return this
         */
        public Builder threads(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("threads must be >= 1, got " + n);
            }
            this.threads = n;
            return this;
        }

        /**
         * @param n most tracks submitted but not yet consumed, ≥ 1 (default 4 × threads)
         * @return this
         */
        public Builder maxInFlight(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxInFlight must be >= 1, got " + n);
            }
            this.maxInFlight = n;
            return this;
        }

        /**
         * @return the pipeline
         * @throws IllegalArgumentException when the classifier needs a feature the pipeline does not compute
         *     (for example a segmentation feature without a segmenter)
         */
        public Pipeline build() {
            if (classifier != null) {
                Set<String> available = new HashSet<>(segmenter != null ? extractor.featureNames()
                        : extractor.trackFeatureNames());
                for (String f : classifier.featureNames()) {
                    if (!available.contains(f)) {
                        throw new IllegalArgumentException("classifier needs feature '" + f + "', which this "
                                + "pipeline does not compute" + (segmenter == null
                                        && extractor.featureNames().contains(f) ? " without a segmenter" : ""));
                    }
                }
            }
            return new Pipeline(this);
        }
    }
}
