package org.deepspt.classify;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.Prediction;

/**
 * Stratified k-fold cross-validation of a {@link ClassifierTrainer}, and the paper's feature ablations.
 *
 * <p>Folds: the indices of each class (classes in label order) are shuffled with the seed and dealt
 * round-robin to folds 0..k−1, the dealing continuing from class to class, so every fold holds
 * ⌊n<sub>c</sub>/k⌋ or ⌈n<sub>c</sub>/k⌉ samples of each class c and fold sizes differ by at most one.
 * For fold f the trainer (with seed {@code seed + 1 + f}) is trained on the other folds — standardisation
 * and over-sampling therefore see training folds only — and predicts fold f. Predictions below the
 * trainer's abstention threshold are counted as abstentions, outside the confusion matrix.
 *
 * <p>Groups: samples that come from one input track (the pieces of a track split at gaps or into branches) must
 * not be split between training and test folds, or the test fold would hold data the model trained on. With
 * groups given ({@link #stratifiedFolds(List, List, int, long)} and the overloads taking {@code groups}), whole
 * groups are dealt to folds as above, stratified by the label of each group's first sample; without them every
 * sample is its own group.
 */
public final class CrossValidation {

    private CrossValidation() {
    }

    /**
     * @param labels class of each sample
     * @param k number of folds, 2 ≤ k ≤ size of the smallest class
     * @param seed shuffling seed
     * @return fold (0..k−1) of each sample
     * @throws IllegalArgumentException when k is out of range (naming the smallest class)
     */
    public static int[] stratifiedFolds(List<String> labels, int k, long seed) {
        return stratifiedFolds(labels, null, k, seed);
    }

    /**
     * Stratified folds of whole groups (see the class documentation).
     *
     * @param labels class of each sample
     * @param groups group of each sample (e.g. its input track's id), or null: every sample its own group
     * @param k number of folds, 2 ≤ k ≤ number of groups of the smallest class
     * @param seed shuffling seed
     * @return fold (0..k−1) of each sample; the samples of one group share a fold
     * @throws IllegalArgumentException when k is out of range (naming the smallest class) or the lists differ in
     *     length
     */
    public static int[] stratifiedFolds(List<String> labels, @org.jspecify.annotations.Nullable List<String> groups,
            int k, long seed) {
        if (groups != null && groups.size() != labels.size()) {
            throw new IllegalArgumentException(labels.size() + " labels but " + groups.size() + " groups");
        }
        List<String> classes = ClassifierTrainer.classes(labels);
        if (k < 2) {
            throw new IllegalArgumentException("need at least 2 folds, got " + k);
        }
        // The groups in order of first appearance, each with its samples; a group's class is its first sample's.
        Map<String, List<Integer>> groupMembers = new LinkedHashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            String g = groups == null ? Integer.toString(i) : groups.get(i);
            groupMembers.computeIfAbsent(g, x -> new ArrayList<>()).add(i);
        }
        Map<String, List<List<Integer>>> members = new LinkedHashMap<>();
        for (String c : classes) {
            members.put(c, new ArrayList<>());
        }
        for (List<Integer> g : groupMembers.values()) {
            members.get(labels.get(g.get(0))).add(g);
        }
        for (Map.Entry<String, List<List<Integer>>> e : members.entrySet()) {
            if (e.getValue().size() < k) {
                throw new IllegalArgumentException("class '" + e.getKey() + "' has " + e.getValue().size()
                        + (groups == null ? " samples" : " tracks") + ", fewer than the " + k + " folds");
            }
        }
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        int[] fold = new int[labels.size()];
        int next = 0;
        for (List<List<Integer>> idx : members.values()) {
            int[] perm = PermutationSampler.natural(idx.size());
            PermutationSampler.shuffle(rng, perm);
            for (int j : perm) {
                for (int i : idx.get(j)) {
                    fold[i] = next;
                }
                next = (next + 1) % k;
            }
        }
        return fold;
    }

    /**
     * Stratified k-fold cross-validation (the paper uses k = 10).
     *
     * @param trainer the trainer to assess (its features, method, threshold)
     * @param fingerprints samples
     * @param labels class of each sample
     * @param k folds
     * @param seed fold-shuffling seed; fold f trains with seed {@code seed + 1 + f}
     * @return the report of out-of-fold predictions
     */
    public static CrossValidationReport stratifiedKFold(ClassifierTrainer trainer, List<Fingerprint> fingerprints,
            List<String> labels, int k, long seed) {
        return stratifiedKFold(trainer, fingerprints, labels, null, k, seed);
    }

    /**
     * Stratified k-fold cross-validation over whole groups: the samples of one input track stay in one fold.
     *
     * @param trainer the trainer to assess (its features, method, threshold)
     * @param fingerprints samples
     * @param labels class of each sample
     * @param groups group of each sample (its input track), or null: every sample its own group
     * @param k folds
     * @param seed fold-shuffling seed; fold f trains with seed {@code seed + 1 + f}
     * @return the report of out-of-fold predictions
     */
    public static CrossValidationReport stratifiedKFold(ClassifierTrainer trainer, List<Fingerprint> fingerprints,
            List<String> labels, @org.jspecify.annotations.Nullable List<String> groups, int k, long seed) {
        Objects.requireNonNull(trainer, "trainer");
        if (fingerprints.size() != labels.size()) {
            throw new IllegalArgumentException(fingerprints.size() + " fingerprints but " + labels.size()
                    + " labels");
        }
        List<String> classes = ClassifierTrainer.classes(labels);
        int[] fold = stratifiedFolds(labels, groups, k, seed);
        Prediction[] out = new Prediction[fingerprints.size()];
        for (int f = 0; f < k; f++) {
            List<Fingerprint> trainX = new ArrayList<>();
            List<String> trainY = new ArrayList<>();
            for (int i = 0; i < fold.length; i++) {
                if (fold[i] != f) {
                    trainX.add(fingerprints.get(i));
                    trainY.add(labels.get(i));
                }
            }
            TrackClassifier c = trainer.withSeed(seed + 1 + f).train(trainX, trainY);
            for (int i = 0; i < fold.length; i++) {
                if (fold[i] == f) {
                    out[i] = c.predict(fingerprints.get(i));
                }
            }
        }
        return CrossValidationReport.of(trainer.method(), trainer.features(), k, seed, classes, labels,
                Arrays.asList(out));
    }

    /**
     * The feature ablation of the paper: the same cross-validation for each feature subset.
     *
     * @param trainer the trainer (its feature list is replaced per subset)
     * @param fingerprints samples (must contain every feature of every subset)
     * @param labels class of each sample
     * @param k folds
     * @param seed fold seed (same folds for every subset)
     * @param sets the subsets, in table order
     * @return one row per subset
     */
    public static AblationTable ablation(ClassifierTrainer trainer, List<Fingerprint> fingerprints,
            List<String> labels, int k, long seed, List<FeatureSets> sets) {
        return ablation(trainer, fingerprints, labels, null, k, seed, sets);
    }

    /**
     * {@link #ablation(ClassifierTrainer, List, List, int, long, List)} with folds of whole groups.
     *
     * @param trainer the trainer (its feature list is replaced per subset)
     * @param fingerprints samples
     * @param labels class of each sample
     * @param groups group of each sample (its input track), or null
     * @param k folds
     * @param seed fold seed
     * @param sets the subsets, in table order
     * @return one row per subset
     */
    public static AblationTable ablation(ClassifierTrainer trainer, List<Fingerprint> fingerprints,
            List<String> labels, @org.jspecify.annotations.Nullable List<String> groups, int k, long seed,
            List<FeatureSets> sets) {
        List<AblationTable.Row> rows = new ArrayList<>();
        for (FeatureSets s : sets) {
            rows.add(new AblationTable.Row(s, stratifiedKFold(trainer.withFeatures(s.features()), fingerprints,
                    labels, groups, k, seed)));
        }
        return new AblationTable(rows);
    }

    /**
     * {@link #ablation(ClassifierTrainer, List, List, int, long, List)} over FULL, ALPHA_D, ALPHA, DIFFUSION.
     *
     * @param trainer the trainer
     * @param fingerprints samples
     * @param labels classes
     * @param k folds
     * @param seed fold seed
     * @return the table
     */
    public static AblationTable ablation(ClassifierTrainer trainer, List<Fingerprint> fingerprints,
            List<String> labels, int k, long seed) {
        return ablation(trainer, fingerprints, labels, k, seed,
                List.of(FeatureSets.FULL, FeatureSets.ALPHA_D, FeatureSets.ALPHA, FeatureSets.DIFFUSION));
    }
}
