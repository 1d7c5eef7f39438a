package org.deepspt.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.deepspt.api.Prediction;
import org.junit.jupiter.api.Test;

class CrossValidationTest {

    @Test
    void stratifiedFoldsKeepClassRatios() {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < 203; i++) {
            labels.add(i % 10 < 7 ? "a" : i % 10 < 9 ? "b" : "c"); // 70 % / 20 % / 10 %
        }
        int k = 5;
        int[] fold = CrossValidation.stratifiedFolds(labels, k, 3);
        for (String c : List.of("a", "b", "c")) {
            long total = labels.stream().filter(c::equals).count();
            for (int f = 0; f < k; f++) {
                int ff = f;
                long inFold = java.util.stream.IntStream.range(0, fold.length)
                        .filter(i -> fold[i] == ff && labels.get(i).equals(c)).count();
                assertTrue(inFold == total / k || inFold == (total + k - 1) / k, c + " in fold " + f + ": " + inFold);
            }
        }
        int[] sizes = new int[k];
        for (int f : fold) {
            sizes[f]++;
        }
        assertTrue(java.util.Arrays.stream(sizes).max().getAsInt() - java.util.Arrays.stream(sizes).min().getAsInt() <= 1);
        assertEquals(java.util.Arrays.toString(fold), java.util.Arrays.toString(CrossValidation.stratifiedFolds(labels, k, 3)));
    }

    @Test
    void tooFewSamplesForTheFoldsIsAClearError() {
        List<String> labels = List.of("a", "a", "a", "b", "b");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CrossValidation.stratifiedFolds(labels, 3, 1));
        assertTrue(e.getMessage().contains("class 'b' has 2 samples"), e.getMessage());
    }

    @Test
    void separableDataScoresPerfectly() {
        Data d = Data.clusters(40, 3, 8, 4);
        CrossValidationReport r = CrossValidation.stratifiedKFold(
                ClassifierTrainer.logistic().features(Data.NAMES).build(), d.fingerprints, d.labels, 4, 9);
        assertEquals(1.0, r.accuracy());
        assertEquals(1.0, r.macroF1());
        assertEquals(0, r.abstentions());
        assertEquals(120, r.confusionMatrix().total());
        assertEquals(1.0, r.metrics().get("cv_macro_f1"));
        assertTrue(r.toText().contains("accuracy 1.000, macro-F1 1.000"), r.toText());
    }

    @Test
    void abstentionsAreCountedSeparately() {
        Data d = Data.clusters(100, 2, 1, 5); // overlapping classes: many probabilities near 0.5
        ClassifierTrainer t = ClassifierTrainer.logistic().features(Data.NAMES).abstentionThreshold(0.8).build();
        CrossValidationReport r = CrossValidation.stratifiedKFold(t, d.fingerprints, d.labels, 5, 1);
        long uncertain = r.predictions().stream().filter(Prediction::isUncertain).count();
        assertTrue(uncertain > 10 && uncertain < 190, "abstentions " + uncertain);
        assertEquals(uncertain, r.abstentions());
        assertEquals(r.abstentions("class0") + r.abstentions("class1"), uncertain);
        assertEquals(200, r.confusionMatrix().total() + uncertain);
        assertEquals(1 - uncertain / 200.0, r.coverage(), 1e-12);
        for (Prediction p : r.predictions()) {
            assertEquals(p.isUncertain(), p.probability() < 0.8);
        }
        // same folds without a threshold: nothing abstains, and the answered tracks are the sure ones
        CrossValidationReport all = CrossValidation.stratifiedKFold(t.toBuilder().abstentionThreshold(0).build(),
                d.fingerprints, d.labels, 5, 1);
        assertEquals(0, all.abstentions());
        assertTrue(r.accuracy() > all.accuracy(), r.accuracy() + " vs " + all.accuracy());
        assertTrue(r.accuracyWithAbstentionsAsErrors() < r.accuracy());
    }

    @Test
    void ablationRunsEverySubset() {
        Data d = Data.clusters(20, 2, 3, 6);
        java.util.List<org.deepspt.api.Fingerprint> fps = new ArrayList<>();
        for (org.deepspt.api.Fingerprint f : d.fingerprints) {
            // give alpha the signal, diffusion_coefficient noise
            fps.add(f);
        }
        AblationTable t = CrossValidation.ablation(ClassifierTrainer.logistic().build(), fps, d.labels, 4, 2,
                List.of(FeatureSets.ALPHA, FeatureSets.DIFFUSION, FeatureSets.ALPHA_D));
        assertEquals(3, t.rows().size());
        assertEquals(List.of("alpha", "diffusion_coefficient"), t.report(FeatureSets.ALPHA_D).features());
        assertTrue(t.toText().startsWith("features"), t.toText());
        assertThrows(IllegalArgumentException.class, () -> t.report(FeatureSets.FULL));
        // FULL needs the 40 fingerprint features: a clear error naming the missing one
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CrossValidation.ablation(
                ClassifierTrainer.logistic().build(), fps, d.labels, 4, 2, List.of(FeatureSets.FULL)));
        assertTrue(e.getMessage().contains("has no feature"), e.getMessage());
    }

    /**
     * Samples of one group (the pieces of one input track) share a fold, groups are stratified by class, and
     * without groups the folds are those of {@link CrossValidation#stratifiedFolds(List, int, long)}.
     */
    @Test
    void groupsStayInOneFold() {
        List<String> labels = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        for (int t = 0; t < 30; t++) {
            int pieces = 1 + t % 3;
            for (int p = 0; p < pieces; p++) {
                labels.add(t % 2 == 0 ? "a" : "b");
                groups.add("track" + t);
            }
        }
        int[] fold = CrossValidation.stratifiedFolds(labels, groups, 5, 9);
        java.util.Map<String, Integer> foldOf = new java.util.HashMap<>();
        int[][] groupsPerFoldAndClass = new int[5][2];
        for (int i = 0; i < fold.length; i++) {
            Integer before = foldOf.putIfAbsent(groups.get(i), fold[i]);
            assertEquals(before == null ? fold[i] : before, fold[i], "group " + groups.get(i) + " split");
            if (before == null) {
                groupsPerFoldAndClass[fold[i]][labels.get(i).equals("a") ? 0 : 1]++;
            }
        }
        for (int[] f : groupsPerFoldAndClass) {
            assertEquals(3, f[0], java.util.Arrays.deepToString(groupsPerFoldAndClass));
            assertEquals(3, f[1], java.util.Arrays.deepToString(groupsPerFoldAndClass));
        }
        assertArrayEquals(CrossValidation.stratifiedFolds(labels, 5, 9),
                CrossValidation.stratifiedFolds(labels, null, 5, 9));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CrossValidation.stratifiedFolds(labels, groups, 16, 9));
        assertTrue(e.getMessage().contains("15 tracks, fewer than the 16 folds"), e.getMessage());
    }
}
