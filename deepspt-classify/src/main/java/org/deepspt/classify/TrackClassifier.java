package org.deepspt.classify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deepspt.api.Abstention;
import org.deepspt.api.Classifier;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.Prediction;
import org.deepspt.fingerprint.FingerprintContext;
import org.jspecify.annotations.Nullable;

/**
 * A trained track classifier: standardisation ({@link Standardizer}, fitted on the training data), then
 * a logistic-regression or random-forest model, then abstention.
 *
 * <p>Prediction for a fingerprint: read the model's features by name (a missing feature is an
 * {@link IllegalArgumentException} naming track and feature), standardise (missing values → the
 * training mean), compute class probabilities; the label is the most probable class (the first in label
 * order on ties) unless its probability is below {@link #abstentionThreshold()}, in which case it is
 * {@link Prediction#UNCERTAIN}. A fingerprint with more than half of the model's features missing (NaN or infinite) is
 * {@link Prediction#UNCERTAIN} whatever its probabilities: imputed at the training mean, those features say nothing
 * about the track, so a confident probability would describe the training set, not the track (review: a row of
 * all-missing features got 0.986); exactly half missing still gets a class label. {@link Prediction#abstentions()}
 * names each rule that held ({@link Abstention#missingFeatures}, {@link Abstention#belowThreshold}).
 * {@link Prediction#probability()} is always the top probability.
 *
 * <p>Immutable and thread-safe. Save and load with {@link TrackClassifiers}.
 */
public final class TrackClassifier implements Classifier {
    private final List<String> featureNames;
    private final List<String> labels;
    private final Standardizer standardizer;
    private final ScoringModel model;
    private final double threshold;
    private final TrainingProvenance provenance;
    private final FingerprintContext context;

    TrackClassifier(List<String> featureNames, List<String> labels, Standardizer standardizer, ScoringModel model,
            double threshold, TrainingProvenance provenance) {
        this(featureNames, labels, standardizer, model, threshold, provenance, FingerprintContext.UNKNOWN);
    }

    TrackClassifier(List<String> featureNames, List<String> labels, Standardizer standardizer, ScoringModel model,
            double threshold, TrainingProvenance provenance, FingerprintContext context) {
        this.context = Objects.requireNonNull(context, "context");
        this.featureNames = List.copyOf(featureNames);
        this.labels = List.copyOf(labels);
        this.standardizer = Objects.requireNonNull(standardizer, "standardizer");
        this.model = Objects.requireNonNull(model, "model");
        this.threshold = checkThreshold(threshold);
        this.provenance = Objects.requireNonNull(provenance, "provenance");
        if (standardizer.size() != featureNames.size()) {
            throw new IllegalArgumentException(featureNames.size() + " features but a standardiser of "
                    + standardizer.size());
        }
    }

    static double checkThreshold(double t) {
        if (!(t >= 0 && t <= 1)) {
            throw new IllegalArgumentException("abstention threshold must be in [0, 1], got " + t);
        }
        return t;
    }

    /** Largest share of the model's features that may be missing (non-finite) for a prediction other than UNCERTAIN. */
    static final double MAX_MISSING_SHARE = 0.5;

    @Override
    public Prediction predict(Fingerprint fingerprint) {
        double[] values = fingerprint.values(featureNames);
        double[] p = probabilities(values);
        int missing = 0;
        for (double v : values) {
            if (!Double.isFinite(v)) {
                missing++;
            }
        }
        int best = 0;
        for (int c = 1; c < p.length; c++) {
            if (p[c] > p[best]) {
                best = c;
            }
        }
        Map<String, Double> map = new LinkedHashMap<>();
        for (int c = 0; c < p.length; c++) {
            map.put(labels.get(c), p[c]);
        }
        double top = Math.min(1, p[best]);
        List<Abstention> why = new ArrayList<>(2);
        if (missing > MAX_MISSING_SHARE * featureNames.size()) {
            why.add(Abstention.missingFeatures(missing, featureNames.size()));
        }
        if (top < threshold) {
            why.add(Abstention.belowThreshold(top, threshold));
        }
        return new Prediction(fingerprint.trackId(), why.isEmpty() ? labels.get(best) : Prediction.UNCERTAIN, top, map,
                why);
    }

    /**
     * @param fingerprint features of one track (must contain {@link #featureNames()})
     * @return class probabilities in {@link #labels()} order, summing to 1
     */
    /**
     * Checks that the model gives finite probabilities summing to 1 at the training mean and at ±3 standard
     * deviations along every feature and all together (standardised inputs 0, ±3·e_j, ±3·1): finite but
     * absurd weights (e.g. 1e308) fail here, at load time, instead of on the first track.
     *
     * @return null when the probes pass, else what failed
     */
    @Nullable String probeProblem() {
        int n = featureNames.size();
        double[] p = new double[labels.size()];
        double[] z = new double[n];
        for (int probe = -2; probe < 2 * n; probe++) {
            java.util.Arrays.fill(z, probe == -2 ? 3 : probe == -1 ? -3 : 0);
            if (probe >= 0) {
                z[probe / 2] = probe % 2 == 0 ? 3 : -3;
            }
            model.probabilities(z, p);
            double sum = 0;
            for (double v : p) {
                if (!(v >= 0 && v <= 1 + 1e-9)) {
                    return "probabilities are not finite or out of [0, 1] (" + v + ") for a probe input"
                            + (probe >= 0 ? " at feature '" + featureNames.get(probe / 2) + "'" : "");
                }
                sum += v;
            }
            if (Math.abs(sum - 1) > 1e-6) {
                return "probabilities sum to " + sum + " for a probe input";
            }
        }
        return null;
    }

    public double[] probabilities(Fingerprint fingerprint) {
        return probabilities(fingerprint.values(featureNames));
    }

    /** @param values the model's features of one track, in {@link #featureNames()} order */
    private double[] probabilities(double[] values) {
        double[] z = standardizer.transform(values);
        double[] p = new double[labels.size()];
        model.probabilities(z, p);
        return p;
    }

    @Override
    public List<String> labels() {
        return labels;
    }

    @Override
    public List<String> featureNames() {
        return featureNames;
    }

    @Override
    public double abstentionThreshold() {
        return threshold;
    }

    /** @return the learning algorithm */
    public ClassifierMethod method() {
        return model.method();
    }

    /** @return the standardisation fitted on the training data */
    public Standardizer standardizer() {
        return standardizer;
    }

    /** @return training provenance */
    public TrainingProvenance provenance() {
        return provenance;
    }

    /**
     * @param newThreshold top-probability threshold in [0, 1] below which to abstain (0 = never)
     * @return a copy with that threshold
     */
    public TrackClassifier withAbstentionThreshold(double newThreshold) {
        return new TrackClassifier(featureNames, labels, standardizer, model, newThreshold, provenance, context);
    }

    /**
     * @param newProvenance provenance to carry (e.g. with cross-validation metrics or notes added)
     * @return a copy with that provenance
     */
    public TrackClassifier withProvenance(TrainingProvenance newProvenance) {
        return new TrackClassifier(featureNames, labels, standardizer, model, threshold, newProvenance, context);
    }

    /**
     * @return what the training fingerprints were computed with (dimension, frame intervals, length unit, segmenter,
     *     post-processing, feature definition version); parts not recorded are unknown; {@link ContextCheck}
     *     compares it with the fingerprints to classify
     */
    public FingerprintContext context() {
        return context;
    }

    /**
     * @param trainedOn what the training fingerprints were computed with
     * @return a copy that records it (saved in the model file)
     */
    public TrackClassifier withContext(FingerprintContext trainedOn) {
        return new TrackClassifier(featureNames, labels, standardizer, model, threshold, provenance, trainedOn);
    }

    /**
     * @param report cross-validation of the same trainer on the same data
     * @return a copy whose provenance carries the report's {@link CrossValidationReport#metrics()}
     */
    public TrackClassifier withCrossValidation(CrossValidationReport report) {
        return withProvenance(provenance.withMetrics(report.metrics()));
    }

    ScoringModel model() {
        return model;
    }

    @Override
    public String toString() {
        return "TrackClassifier[" + model.method().id() + ", " + featureNames.size() + " features, labels "
                + labels + ", threshold " + threshold + "]";
    }
}
