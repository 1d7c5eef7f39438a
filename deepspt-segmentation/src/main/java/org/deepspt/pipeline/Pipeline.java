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
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.deepspt.api.Classifier;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.FingerprintExtractor;
import org.deepspt.api.Prediction;
import org.deepspt.api.Segmentation;
import org.deepspt.api.SegmentationResult;
import org.deepspt.api.Segmenter;
import org.deepspt.api.TrackIssue;
import org.deepspt.api.Trajectory;
import org.deepspt.api.inference.InferenceException;
import org.deepspt.fingerprint.DiffusionalFingerprint;
import org.deepspt.fingerprint.FeatureMatrix;
import org.deepspt.fingerprint.TimeResolvedFingerprint;
import org.jspecify.annotations.Nullable;
import org.deepspt.smoothing.DiffusivityChangeDetector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DeepSPT analysis chain for whole track sets:
 * {@code Trajectory → Segmenter → FingerprintExtractor → Classifier}.
 *
 * <h2>Per track</h2>
 * <ol>
 *   <li>Segmentation with the {@link Builder#segmenter segmenter}, when one is set.</li>
 *   <li>Post-processing of the segmentation ({@link Builder#minSegment}: short segments merged into their
 *       neighbours; {@link Builder#postProcessor}: any other step, e.g. Viterbi smoothing; then
 *       {@link Builder#diffusivityChanges}: segments split where D changes within a class).</li>
 *   <li>Fingerprint, unless {@link Builder#segmentOnly()}: {@link FingerprintExtractor#extract(Trajectory,
 *       Segmentation)} with a segmentation (all features), {@link FingerprintExtractor#extract(Trajectory)}
 *       without (track features only).</li>
 *   <li>Prediction of the {@link Builder#classifier classifier}, when one is set. The classifier owns the
 *       policy for missing (NaN) features (recorded in its model file, e.g. the training mean); the pipeline
 *       passes the fingerprint as it is.</li>
 *   <li>Time-resolved fingerprint, when {@link Builder#timeResolved} is set.</li>
 * </ol>
 * Segmentation is batched: tracks are taken {@link Builder#batchSize} at a time and segmented with one
 * {@link Segmenter#segmentEach} call (a neural segmenter groups them by length into engine batches), which
 * returns a result per track: a track the segmenter rejects fails alone, the others of its chunk go on.
 *
 * <p>A fault of one track in any stage (a track too short for the segmenter or the fingerprint, invalid
 * data, a fit that cannot run on its values) turns the track into a {@link TrackFailure} whose
 * {@link TrackIssue} names the stage and the reason; no track is dropped silently. A failure of the
 * inference engine itself ({@link InferenceException}: closed, out of memory, native error) is not a
 * property of a track: it stops the run and propagates to the caller.
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

    private final @Nullable Segmenter segmenter;
    private final FingerprintExtractor extractor;
    private final @Nullable Classifier classifier;
    private final @Nullable TimeResolvedFingerprint timeResolved;
    private final int minSegment;
    private final @Nullable UnaryOperator<Segmentation> postProcessor;
    private final @Nullable DiffusivityChangeDetector diffusivityChanges;
    private final boolean fingerprintsEnabled;
    private final int threads;
    private final int batchSize;
    private final int window;

    private Pipeline(Builder b) {
        this.segmenter = b.segmenter;
        this.extractor = b.extractor;
        this.classifier = b.classifier;
        this.timeResolved = b.timeResolved;
        this.minSegment = b.minSegment;
        this.postProcessor = b.postProcessor;
        this.diffusivityChanges = b.diffusivityChanges;
        this.fingerprintsEnabled = b.fingerprints;
        this.threads = b.threads;
        // An explicit read-ahead bound caps the batch too, so that every worker still gets work.
        this.batchSize = b.maxInFlight > 0 ? Math.min(b.batchSize, Math.max(1, b.maxInFlight / b.threads))
                : b.batchSize;
        int maxInFlight = b.maxInFlight > 0 ? b.maxInFlight : 2 * b.threads * b.batchSize;
        this.window = Math.max(1, maxInFlight / this.batchSize);
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
        if (!fingerprintsEnabled) {
            return List.of();
        }
        return segmenter != null ? extractor.featureNames() : extractor.trackFeatureNames();
    }

    /**
     * Processes one track on the caller's thread.
     *
     * @param trajectory the track
     * @return its result, or a failure naming the stage and reason
     * @throws InferenceException when the inference engine fails as a whole
     */
    public TrackOutcome process(Trajectory trajectory) {
        Objects.requireNonNull(trajectory, "trajectory");
        return processChunk(List.of(trajectory)).get(0);
    }

    /** Segments a chunk with one batched call, then finishes every track on its own. */
    private List<TrackOutcome> processChunk(List<Trajectory> chunk) {
        List<TrackOutcome> out = new ArrayList<>(chunk.size());
        if (segmenter == null) {
            chunk.forEach(t -> out.add(finish(t, null)));
            return out;
        }
        List<SegmentationResult> segs = segmenter.segmentEach(chunk);
        if (segs.size() != chunk.size()) {
            throw new IllegalStateException("segmenter " + segmenter.name() + " returned " + segs.size()
                    + " results for " + chunk.size() + " tracks");
        }
        for (int k = 0; k < chunk.size(); k++) {
            Trajectory t = chunk.get(k);
            SegmentationResult r = segs.get(k);
            out.add(r.failure().<TrackOutcome>map(f -> failure(t, "segmentation", f.cause()))
                    .orElseGet(() -> finish(t, r.segmentation().orElseThrow())));
        }
        return out;
    }

    private TrackOutcome finish(Trajectory trajectory, @Nullable Segmentation segmentation) {
        String stage = "segmentation post-processing";
        try {
            Segmentation seg = segmentation;
            if (seg != null) {
                if (minSegment > 1) {
                    seg = seg.mergeShortSegments(minSegment);
                }
                if (postProcessor != null) {
                    seg = Objects.requireNonNull(postProcessor.apply(seg), "post-processor result");
                }
                if (diffusivityChanges != null) {
                    seg = diffusivityChanges.split(trajectory, seg);
                }
            }
            Fingerprint fp = null;
            if (fingerprintsEnabled) {
                stage = "fingerprint";
                fp = seg != null ? extractor.extract(trajectory, seg) : extractor.extract(trajectory);
            }
            Prediction prediction = null;
            if (classifier != null) {
                stage = "classification";
                prediction = classifier.predict(fp);
            }
            FeatureMatrix matrix = null;
            if (timeResolved != null) {
                stage = "time-resolved fingerprint";
                matrix = seg != null ? timeResolved.compute(trajectory, seg) : timeResolved.compute(trajectory);
            }
            return new TrackResult(trajectory, Optional.ofNullable(seg), Optional.ofNullable(fp),
                    Optional.ofNullable(prediction), Optional.ofNullable(matrix));
        } catch (InferenceException e) {
            throw e;
        } catch (RuntimeException e) {
            return failure(trajectory, stage, e);
        }
    }

    private static TrackFailure failure(Trajectory t, String stage, RuntimeException e) {
        if (e instanceof DeepSptException) {
            LOG.debug("track '{}' rejected in {}: {}", t.id(), stage, e.getMessage());
        } else {
            LOG.warn("track '{}' rejected in {} by an unexpected {}", t.id(), stage, e.toString());
            LOG.debug("stack trace of the rejection of track '{}'", t.id(), e);
        }
        String reason = e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return new TrackFailure(TrackIssue.rejected(t.id(), stage + ": " + reason));
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
        Iterator<List<Trajectory>> chunks = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return trajectories.hasNext();
            }

            @Override
            public List<Trajectory> next() {
                List<Trajectory> chunk = new ArrayList<>(batchSize);
                while (chunk.size() < batchSize && trajectories.hasNext()) {
                    chunk.add(Objects.requireNonNull(trajectories.next(), "trajectory"));
                }
                return chunk;
            }
        };
        OrderedParallelIterator<List<Trajectory>, List<TrackOutcome>> it =
                new OrderedParallelIterator<>(chunks, this::processChunk, threads, window);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(it,
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(it::close)
                .flatMap(List::stream);
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
                + (fingerprintsEnabled ? extractor.getClass().getSimpleName() : "none") + ", classifier=" + (classifier == null ? "none"
                        : classifier.labels()) + ", threads=" + threads + "]";
    }

    /** Configures a {@link Pipeline}; not thread-safe. */
    public static final class Builder {
        private @Nullable Segmenter segmenter;
        private FingerprintExtractor extractor = DiffusionalFingerprint.defaults();
        private @Nullable Classifier classifier;
        private @Nullable TimeResolvedFingerprint timeResolved;
        private int minSegment = 1;
        private @Nullable UnaryOperator<Segmentation> postProcessor;
        private @Nullable DiffusivityChangeDetector diffusivityChanges;
        private boolean fingerprints = true;
        private int threads = 1;
        private int batchSize = 32;
        private int maxInFlight;

        private Builder() {
        }

        /**
         * @param s the segmenter (thread-safe), or null for none
         * @return this
         */
        public Builder segmenter(@Nullable Segmenter s) {
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
        public Builder classifier(@Nullable Classifier c) {
            this.classifier = c;
            return this;
        }

        /**
         * @param trf per-frame fingerprint to compute for every track (with the segmentation when there is
         *     a segmenter), or null for none
         * @return this
         */
        public Builder timeResolved(@Nullable TimeResolvedFingerprint trf) {
            this.timeResolved = trf;
            return this;
        }

        /**
         * @param frames merge segments shorter than this many frames into a neighbour (the paper's
         *     optional post-processing, {@link Segmentation#mergeShortSegments}); 1 (default) keeps all
         * @return this
         */
        public Builder minSegment(int frames) {
            if (frames < 1) {
                throw new IllegalArgumentException("minSegment must be >= 1, got " + frames);
            }
            this.minSegment = frames;
            return this;
        }

        /**
         * @param p applied to every segmentation after {@link #minSegment} (thread-safe; must keep the track's
         *     frames), or null for none
         * @return this
         */
        public Builder postProcessor(@Nullable UnaryOperator<Segmentation> p) {
            this.postProcessor = p;
            return this;
        }

        /**
         * @param d applied to every segmentation after {@link #postProcessor}: its segments are split where D changes
         *     within a class ({@link DiffusivityChangeDetector#split}); null (default) for none
         * @return this
         */
        public Builder diffusivityChanges(@Nullable DiffusivityChangeDetector d) {
            this.diffusivityChanges = d;
            return this;
        }

        /**
         * Segmentation only: no fingerprint (and so no classifier); {@link TrackResult#fingerprint()} is empty.
         *
         * @return this
         */
        public Builder segmentOnly() {
            this.fingerprints = false;
            return this;
        }

        /**
         * @param n tracks per batched {@link Segmenter#segmentEach} call and per unit of work, ≥ 1 (default 32)
         * @return this
         */
        public Builder batchSize(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("batchSize must be >= 1, got " + n);
            }
            this.batchSize = n;
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
         * @param n most tracks submitted but not yet consumed, ≥ 1 (default 2 × threads × batchSize); a
         *     small bound also caps the batch size at {@code n / threads}
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
            if (!fingerprints && classifier != null) {
                throw new IllegalArgumentException("a classifier needs fingerprints; remove segmentOnly()");
            }
            if (!fingerprints && segmenter == null) {
                throw new IllegalArgumentException("segmentOnly() needs a segmenter");
            }
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
