package org.deepspt.classify;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.ArrayList;
import java.util.List;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.Prediction;
import org.junit.jupiter.api.Test;

class StandardizerTest {

    @Test
    void meanSdConstantColumnsAndMissingValues() {
        Standardizer s = Standardizer.fit(List.of(new double[] {1, 5, Double.NaN}, new double[] {3, 5, Double.NaN},
                new double[] {Double.NaN, 5, Double.NaN}, new double[] {2, 5, Double.POSITIVE_INFINITY}));
        assertArrayEquals(new double[] {2, 5, 0}, s.mean(), 1e-15);
        assertArrayEquals(new double[] {Math.sqrt(2.0 / 3), 1, 1}, s.sd(), 1e-15);
        double[] z = s.transform(new double[] {3, 5, 7});
        assertArrayEquals(new double[] {1 / Math.sqrt(2.0 / 3), 0, 7}, z, 1e-12);
        // missing → 0 = the training mean
        assertArrayEquals(new double[] {0, 0, 0},
                s.transform(new double[] {Double.NaN, Double.NEGATIVE_INFINITY, Double.NaN}), 0);
    }

    @Test
    void classifierScalerIsFittedOnItsTrainingDataOnly() {
        Data d = Data.clusters(20, 2, 2, 11);
        List<double[]> rows = new ArrayList<>();
        for (Fingerprint f : d.fingerprints) {
            rows.add(f.values(Data.NAMES));
        }
        TrackClassifier c = ClassifierTrainer.logistic().features(Data.NAMES).build().train(d.fingerprints, d.labels);
        assertEquals(Standardizer.fit(rows), c.standardizer());
    }

    @Test
    void testFoldOutlierDoesNotChangeTheScalerOfItsFold() {
        Data d = Data.clusters(30, 2, 1, 12);
        int[] folds = CrossValidation.stratifiedFolds(d.labels, 5, 77);
        int outlier = 0;
        List<Fingerprint> altered = new ArrayList<>(d.fingerprints);
        double[] v = d.fingerprints.get(outlier).values();
        java.util.Arrays.fill(v, 1e9);
        altered.set(outlier, Fingerprint.of(d.fingerprints.get(outlier).trackId(), Data.NAMES, v));
        ClassifierTrainer t = ClassifierTrainer.logistic().features(Data.NAMES).build();
        List<Prediction> base = CrossValidation.stratifiedKFold(t, d.fingerprints, d.labels, 5, 77).predictions();
        List<Prediction> out = CrossValidation.stratifiedKFold(t, altered, d.labels, 5, 77).predictions();
        int checked = 0;
        for (int i = 0; i < folds.length; i++) {
            if (folds[i] == folds[outlier] && i != outlier) {
                // same training folds → same scaler and weights → identical probabilities
                assertEquals(base.get(i), out.get(i));
                checked++;
            }
        }
        assertEquals(11, checked);
        // whereas a model that saw the outlier in training changes (sanity check that the test can fail)
        int other = -1;
        for (int i = 0; i < folds.length; i++) {
            if (folds[i] != folds[outlier]) {
                other = i;
                break;
            }
        }
        assertNotEquals(base.get(other).probability(), out.get(other).probability());
    }
}
