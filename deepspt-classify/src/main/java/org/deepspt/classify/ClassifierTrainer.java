package org.deepspt.classify;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.FingerprintExtractor;
import org.deepspt.api.Segmenter;
import org.deepspt.api.TrackIssue;
import org.deepspt.api.Trajectory;
import org.deepspt.core.Sha256;
import org.deepspt.fingerprint.FingerprintContext;
import org.deepspt.fingerprint.FingerprintFeature;
import org.deepspt.pipeline.Pipeline;
import org.deepspt.pipeline.PipelineResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains {@link TrackClassifier}s on labelled diffusional fingerprints, following the paper's recipe
 * (Kæstel-Hansen et al., Nat. Methods 2025, §5): standardise the features on the training data
 * ({@link Standardizer}; missing values → training mean), balance classes by random over-sampling of the
 * minority classes to the size of the largest (seeded), then fit
 * <ul>
 *   <li>{@link #logistic()}: multinomial logistic regression (one linear layer + softmax) minimising the
 *       mean cross-entropy + (λ/2)·‖W‖² (intercepts not penalised) by deterministic full-batch L-BFGS;
 *       defaults λ = 1e-3, at most 1000 iterations, gradient tolerance 1e-6; or</li>
 *   <li>{@link #randomForest()}: a Tribuo random forest of CART trees (Gini), defaults 200 trees, depth
 *       ≤ 16, √p/p of the features tried per split, minimum child weight 2, probabilities averaged over
 *       trees.</li>
 * </ul>
 * Labels are ordered lexicographically (String order) in the trained model. Same data, same settings
 * and same seed → same model; with a fixed {@link Builder#clock(Clock) clock} (the provenance's training time)
 * also the same model file, byte for byte ({@link TrackClassifiers#toJson}).
 *
 * <p>Immutable and thread-safe; configure with {@link #toBuilder()}.
 */
public final class ClassifierTrainer {
    private static final Logger LOG = LoggerFactory.getLogger(ClassifierTrainer.class);

    private final ClassifierMethod method;
    private final List<String> features;
    private final long seed;
    private final double l2;
    private final int maxIterations;
    private final double tolerance;
    private final int trees;
    private final int maxDepth;
    private final double featureFraction;
    private final double minChildWeight;
    private final boolean balance;
    private final double threshold;
    private final Clock clock;

    private ClassifierTrainer(Builder b) {
        this.method = b.method;
        this.features = List.copyOf(b.features);
        this.seed = b.seed;
        this.l2 = b.l2;
        this.maxIterations = b.maxIterations;
        this.tolerance = b.tolerance;
        this.trees = b.trees;
        this.maxDepth = b.maxDepth;
        this.featureFraction = b.featureFraction;
        this.minChildWeight = b.minChildWeight;
        this.balance = b.balance;
        this.threshold = b.threshold;
        this.clock = b.clock;
    }

    /** @return a builder for multinomial logistic regression on the full 40-feature fingerprint */
    public static Builder logistic() {
        return new Builder(ClassifierMethod.LOGISTIC);
    }

    /** @return a builder for a random forest on the full 40-feature fingerprint */
    public static Builder randomForest() {
        return new Builder(ClassifierMethod.RANDOM_FOREST);
    }

    /**
     * @param method the algorithm
     * @return a builder with that algorithm's defaults
     */
    public static Builder of(ClassifierMethod method) {
        return new Builder(Objects.requireNonNull(method, "method"));
    }

    /** @return a builder holding this trainer's settings */
    public Builder toBuilder() {
        Builder b = new Builder(method);
        b.features = features;
        b.seed = seed;
        b.l2 = l2;
        b.maxIterations = maxIterations;
        b.tolerance = tolerance;
        b.trees = trees;
        b.maxDepth = maxDepth;
        b.featureFraction = featureFraction;
        b.minChildWeight = minChildWeight;
        b.balance = balance;
        b.threshold = threshold;
        b.clock = clock;
        return b;
    }

    /**
     * @param subset features to use
     * @return a copy of this trainer using those features
     */
    public ClassifierTrainer withFeatures(List<String> subset) {
        return toBuilder().features(subset).build();
    }

    /**
     * @param newSeed seed
     * @return a copy of this trainer with that seed
     */
    public ClassifierTrainer withSeed(long newSeed) {
        return toBuilder().seed(newSeed).build();
    }

    /** @return the algorithm */
    public ClassifierMethod method() {
        return method;
    }

    /** @return feature names used, in model order */
    public List<String> features() {
        return features;
    }

    /** @return the seed (over-sampling and forest randomness) */
    public long seed() {
        return seed;
    }

    /** @return the abstention threshold given to trained classifiers */
    public double abstentionThreshold() {
        return threshold;
    }

    /**
     * Trains on fingerprints.
     *
     * @param fingerprints one per training track; each must contain {@link #features()}
     * @param labels class of each fingerprint (same order; non-empty strings, at least 2 distinct)
     * @return the trained classifier
     * @throws IllegalArgumentException when the lists differ in length, a label is empty or
     *     {@link org.deepspt.api.Prediction#UNCERTAIN}, fewer than 2 classes occur, or a fingerprint lacks a
     *     feature (the message names track and feature)
     */
    public TrackClassifier train(List<Fingerprint> fingerprints, List<String> labels) {
        Objects.requireNonNull(fingerprints, "fingerprints");
        Objects.requireNonNull(labels, "labels");
        if (fingerprints.size() != labels.size()) {
            throw new IllegalArgumentException(fingerprints.size() + " fingerprints but " + labels.size()
                    + " labels");
        }
        List<String> classes = classes(labels);
        Map<String, Integer> index = new LinkedHashMap<>();
        for (int c = 0; c < classes.size(); c++) {
            index.put(classes.get(c), c);
        }
        int n = fingerprints.size();
        int p = features.size();
        List<double[]> raw = new ArrayList<>(n);
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            raw.add(fingerprints.get(i).values(features));
            y[i] = index.get(labels.get(i));
        }
        Standardizer scaler = Standardizer.fit(raw);
        int[] rows = balance ? Oversampling.balance(y, classes.size(), seed)
                : java.util.stream.IntStream.range(0, n).toArray();
        double[] z = new double[rows.length * p];
        int[] yy = new int[rows.length];
        double[] buf = new double[p];
        for (int r = 0; r < rows.length; r++) {
            scaler.transform(raw.get(rows[r]), buf);
            System.arraycopy(buf, 0, z, r * p, p);
            yy[r] = y[rows[r]];
        }
        ScoringModel model = switch (method) {
            case LOGISTIC -> LogisticRegression.fit(z, yy, rows.length, p, classes.size(), l2, maxIterations,
                    tolerance);
            case RANDOM_FOREST -> ForestModel.train(z, yy, rows.length, features, classes, trees, maxDepth,
                    featureFraction > 0 ? featureFraction : Math.sqrt(p) / p, minChildWeight, seed);
        };
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String c : classes) {
            counts.put(c, 0);
        }
        for (String l : labels) {
            counts.merge(l, 1, Integer::sum);
        }
        TrainingProvenance prov = new TrainingProvenance(method.id(), dataHash(features, raw, labels), seed,
                clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(), n, counts, parameters(), Map.of(),
                Map.of());
        LOG.debug("trained {} on {} samples ({} after balancing), {} features, classes {}", method.id(), n,
                rows.length, p, counts);
        return new TrackClassifier(features, classes, scaler, model, threshold, prov);
    }

    /**
     * Convenience: segments every track, computes its full fingerprint, and trains on those. The segmentation is the
     * segmenter's own output, with no further post-processing: a neural segmenter opened with
     * {@link org.deepspt.api.SegmenterOptions#defaults()} smooths, refines boundaries and splits at D changes itself,
     * as the CLI's {@code fingerprint} does by default; a segmenter without a model (the rolling-MSD baseline) is not
     * smoothed here, whereas the CLI smooths it. The classifier records the context of its training fingerprints
     * ({@link TrackClassifier#context()}: the tracks' dimension and frame intervals, µm, the segmenter's name and its
     * post-processing, {@link org.deepspt.fingerprint.FingerprintFeature#DEFINITION_VERSION}).
     *
     * @param tracks training tracks (positions in µm)
     * @param labels class of each track (same order)
     * @param segmenter segmentation for the segmentation features (e.g. the rolling-MSD baseline)
     * @param extractor fingerprint extractor (e.g. {@code DiffusionalFingerprint.defaults()})
     * @return the trained classifier; its provenance notes the segmenter's name
     * @throws org.deepspt.api.DeepSptException when a track cannot be segmented or fingerprinted (e.g. too
     *     short); use {@link TrackFingerprints#extract} to collect such tracks as issues instead
     */
    public TrackClassifier trainOnTracks(List<Trajectory> tracks, List<String> labels, Segmenter segmenter,
            FingerprintExtractor extractor) {
        PipelineResult r = Pipeline.builder().segmenter(segmenter).fingerprints(extractor).build().run(tracks);
        if (!r.issues().isEmpty()) {
            TrackIssue first = r.issues().get(0);
            throw new org.deepspt.api.InvalidTrajectoryException(first.trackId(), "cannot be used for training: "
                    + first.detail() + (r.issues().size() > 1 ? " (and " + (r.issues().size() - 1)
                            + " more tracks)" : ""));
        }
        TrackClassifier c = train(r.fingerprints(), labels);
        String post = TrackFingerprints.postProcessing(segmenter);
        // The length unit (the caller's coordinates may be µm or pixels) and the segmenter's name as the CLI records it
        // (the alias a user chose, e.g. unet) are not known here: left unknown, classify says it cannot check them,
        // rather than warning about a difference that is not one.
        FingerprintContext context = tracks.isEmpty() ? FingerprintContext.UNKNOWN
                : FingerprintContext.UNKNOWN.withDimension(tracks.get(0).dimension())
                        .withFrameIntervals(tracks.stream().map(Trajectory::frameInterval).toList())
                        .withPostProcessing(post)
                        .withDefinitionVersion(FingerprintFeature.DEFINITION_VERSION);
        return c.withProvenance(c.provenance().withNote("segmenter", segmenter.name())).withContext(context);
    }

    static List<String> classes(List<String> labels) {
        Set<String> seen = new TreeSet<>();
        for (String l : labels) {
            Objects.requireNonNull(l, "label");
            if (l.isEmpty() || l.equals(org.deepspt.api.Prediction.UNCERTAIN)) {
                throw new IllegalArgumentException("invalid class label '" + l + "' (empty or reserved)");
            }
            seen.add(l);
        }
        if (seen.size() < 2) {
            throw new IllegalArgumentException("need at least 2 classes to train, got " + seen);
        }
        return List.copyOf(seen);
    }

    private Map<String, String> parameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("balance", balance ? "random-oversampling" : "none");
        m.put("standardization", "mean/sd of training data; missing -> training mean");
        if (method == ClassifierMethod.LOGISTIC) {
            m.put("l2", Double.toString(l2));
            m.put("max_iterations", Integer.toString(maxIterations));
            m.put("tolerance", Double.toString(tolerance));
        } else {
            m.put("trees", Integer.toString(trees));
            m.put("max_depth", Integer.toString(maxDepth));
            m.put("feature_fraction", featureFraction > 0 ? Double.toString(featureFraction) : "sqrt(p)/p");
            m.put("min_child_weight", Double.toString(minChildWeight));
            m.put("library", "tribuo " + org.deepspt.core.BuildInfo.tribuoVersion());
        }
        return m;
    }

    static String dataHash(List<String> names, List<double[]> rows, List<String> labels) {
        MessageDigest md = Sha256.newDigest();
        for (String name : names) {
            md.update(name.getBytes(StandardCharsets.UTF_8));
            md.update((byte) '\n');
        }
        ByteBuffer bb = ByteBuffer.allocate(8 * names.size());
        for (int i = 0; i < rows.size(); i++) {
            md.update(labels.get(i).getBytes(StandardCharsets.UTF_8));
            md.update((byte) 0);
            bb.clear();
            for (double v : rows.get(i)) {
                bb.putLong(Double.doubleToLongBits(v));
            }
            md.update(bb.array(), 0, bb.position());
        }
        return Sha256.hex(md);
    }

    @Override
    public String toString() {
        return "ClassifierTrainer[" + method.id() + ", " + features.size() + " features, seed " + seed + ", "
                + parameters() + "]";
    }

    /** Mutable builder of {@link ClassifierTrainer}; defaults documented on the class. */
    public static final class Builder {
        private final ClassifierMethod method;
        private List<String> features = FeatureSets.FULL.features();
        private long seed = 1;
        private double l2 = 1e-3;
        private int maxIterations = 1000;
        private double tolerance = 1e-6;
        private int trees = 200;
        private int maxDepth = 16;
        private double featureFraction = 0;
        private double minChildWeight = 2;
        private boolean balance = true;
        private double threshold = 0;
        private Clock clock = Clock.systemUTC();

        private Builder(ClassifierMethod method) {
            this.method = method;
        }

        /**
         * @param names distinct feature names to use, in model order (default {@link FeatureSets#FULL})
         * @return this
         */
        public Builder features(List<String> names) {
            if (names.isEmpty()) {
                throw new IllegalArgumentException("need at least one feature");
            }
            if (new HashSet<>(names).size() != names.size()) {
                throw new IllegalArgumentException("feature names repeat: " + names);
            }
            this.features = List.copyOf(names);
            return this;
        }

        /**
         * @param set one of the ablation subsets
         * @return this
         */
        public Builder features(FeatureSets set) {
            return features(set.features());
        }

        /**
         * @param s seed of the over-sampling and forest randomness (default 1)
         * @return this
         */
        public Builder seed(long s) {
            this.seed = s;
            return this;
        }

        /**
         * @param lambda L2 penalty λ ≥ 0 on the logistic weights (default 1e-3; ignored by forests)
         * @return this
         */
        public Builder regularization(double lambda) {
            if (!(lambda >= 0) || !Double.isFinite(lambda)) {
                throw new IllegalArgumentException("regularization must be finite and >= 0, got " + lambda);
            }
            this.l2 = lambda;
            return this;
        }

        /**
         * @param iterations L-BFGS iteration cap ≥ 1 (default 1000)
         * @return this
         */
        public Builder maxIterations(int iterations) {
            if (iterations < 1) {
                throw new IllegalArgumentException("maxIterations must be >= 1, got " + iterations);
            }
            this.maxIterations = iterations;
            return this;
        }

        /**
         * @param count number of trees ≥ 1 (default 200)
         * @return this
         */
        public Builder trees(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("trees must be >= 1, got " + count);
            }
            this.trees = count;
            return this;
        }

        /**
         * @param depth maximum tree depth ≥ 1 (default 16)
         * @return this
         */
        public Builder maxDepth(int depth) {
            if (depth < 1) {
                throw new IllegalArgumentException("maxDepth must be >= 1, got " + depth);
            }
            this.maxDepth = depth;
            return this;
        }

        /**
         * @param fraction fraction of features tried at each split, in (0, 1] (default √p/p)
         * @return this
         */
        public Builder featureFraction(double fraction) {
            if (!(fraction > 0 && fraction <= 1)) {
                throw new IllegalArgumentException("featureFraction must be in (0, 1], got " + fraction);
            }
            this.featureFraction = fraction;
            return this;
        }

        /**
         * @param on true (default) to over-sample minority classes to the largest class's size
         * @return this
         */
        public Builder balance(boolean on) {
            this.balance = on;
            return this;
        }

        /**
         * @param p top-probability threshold in [0, 1] below which the classifier abstains (default 0 =
         *     never; the paper uses 0.6 for label-free transfer)
         * @return this
         */
        public Builder abstentionThreshold(double p) {
            this.threshold = TrackClassifier.checkThreshold(p);
            return this;
        }

        /**
         * @param c where the provenance's training time ({@link TrainingProvenance#trainedAt()}, whole seconds)
         *     comes from (default the system clock); a fixed clock makes model files reproducible byte for byte
         * @return this
         */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c, "clock");
            return this;
        }

        /** @return the trainer */
        public ClassifierTrainer build() {
            return new ClassifierTrainer(this);
        }
    }
}
