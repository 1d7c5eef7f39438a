package org.deepspt.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.deepspt.api.Fingerprint;
import org.deepspt.fingerprint.FingerprintFeature;
import org.jspecify.annotations.Nullable;

/**
 * Whether the classes of a training set can be told apart by how long their tracks are, the commonest confound of
 * fingerprint classifiers: a classifier then learns the recording rather than the motion.
 *
 * <p>Many fingerprint features depend on a track's length N by construction, not only through their noise: for a
 * random walk the efficiency falls like 1/(N − 1), the Katz fractal dimension has ln(N − 1) in it, the convex hull
 * grows like N, the number of segments and the segment codes grow with N, and the HMM's mean dwell time equals the
 * track's duration whenever its path has a single run. Leaving n_points out of the feature set (as
 * {@link FeatureSets#FULL} does) therefore does not keep length out of the classifier.
 *
 * <p>Test: the same stratified, grouped cross-validation as the classifier's ({@link CrossValidation}), of a random
 * forest of {@value #TREES} trees that sees n_points only (any monotone or non-monotone dependence on length), scored
 * by the balanced accuracy B = mean over classes of their recall. Chance is 1/K for K classes. The classes
 * are <em>separable by length</em> when B ≥ 1/K + {@value #MARGIN}: on two populations of the same motion whose
 * lengths do not differ, B stays within about ±0.05 of 0.5 for 300 tracks (cross-validation noise), and a margin of
 * {@value #MARGIN} flags length differences that a classifier can exploit. Deterministic for a given seed.
 *
 * @param balancedAccuracy B of the length-only classifier (NaN when it could not be assessed)
 * @param chance 1/K
 * @param medianPoints median n_points of each class, in label order (unmodifiable)
 */
public record LengthConfound(double balancedAccuracy, double chance, Map<String, Double> medianPoints) {

    /** Balanced accuracy above chance from which the classes count as separable by length. */
    public static final double MARGIN = 0.15;
    /** Trees of the length-only forest. */
    public static final int TREES = 50;

    /** Freezes the map. */
    public LengthConfound {
        medianPoints = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(medianPoints));
    }

    /**
     * @param fingerprints the training samples; each must hold n_points
     * @param labels class of each sample
     * @param groups input track of each sample (its pieces stay in one fold), or null: each sample its own group
     * @param folds cross-validation folds, ≥ 2 and at most the groups of the smallest class
     * @param seed fold-shuffling seed (as for the classifier's cross-validation)
     * @return the assessment
     * @throws IllegalArgumentException when a fingerprint lacks n_points, the lists differ in length, or the folds
     *     are out of range
     */
    public static LengthConfound assess(List<Fingerprint> fingerprints, List<String> labels,
            @Nullable List<String> groups, int folds, long seed) {
        Objects.requireNonNull(fingerprints, "fingerprints");
        String n = FingerprintFeature.N_POINTS.featureName();
        ClassifierTrainer lengthOnly = ClassifierTrainer.randomForest().features(List.of(n)).trees(TREES)
                .seed(seed).build();
        CrossValidationReport cv = CrossValidation.stratifiedKFold(lengthOnly, fingerprints, labels, groups, folds,
                seed);
        double b = cv.perClassRecall().values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        Map<String, List<Double>> byClass = new LinkedHashMap<>();
        for (String c : cv.labels()) {
            byClass.put(c, new ArrayList<>());
        }
        for (int i = 0; i < fingerprints.size(); i++) {
            byClass.get(labels.get(i)).add(fingerprints.get(i).value(n));
        }
        Map<String, Double> medians = new LinkedHashMap<>();
        byClass.forEach((c, v) -> medians.put(c, median(v)));
        return new LengthConfound(b, 1.0 / cv.labels().size(), medians);
    }

    /** @return whether B ≥ chance + {@value #MARGIN} */
    public boolean separable() {
        return balancedAccuracy >= chance + MARGIN;
    }

    /** @return one {@code warning:} line when the classes are {@link #separable()} by length, else empty */
    public Optional<String> warning() {
        if (!separable()) {
            return Optional.empty();
        }
        StringBuilder m = new StringBuilder();
        medianPoints.forEach((c, v) -> m.append(m.length() == 0 ? "" : ", ").append(c).append(' ')
                .append(String.format(Locale.ROOT, "%.0f", v)));
        return Optional.of(String.format(Locale.ROOT, "warning: track length alone tells the classes apart "
                + "(cross-validated balanced accuracy %.3f from n_points only, chance %.3f; median points: %s); "
                + "features such as efficiency, fractal dimension, convex hull and segment counts depend on length, "
                + "so the classifier may learn how long tracks were recorded rather than how they move: compare "
                + "classes with similar track lengths", balancedAccuracy, chance, m));
    }

    private static double median(List<Double> values) {
        double[] v = values.stream().mapToDouble(Double::doubleValue).filter(Double::isFinite).toArray();
        if (v.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(v);
        int k = v.length;
        return k % 2 == 1 ? v[k / 2] : 0.5 * (v[k / 2 - 1] + v[k / 2]);
    }
}
