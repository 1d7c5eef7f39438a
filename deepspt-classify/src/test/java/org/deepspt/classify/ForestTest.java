package org.deepspt.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.deepspt.api.Fingerprint;
import org.junit.jupiter.api.Test;

class ForestTest {

    /** XOR-like classes: not linearly separable, easy for trees. */
    private static void xor(int n, long seed, List<Fingerprint> fps, List<String> labels) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        for (int i = 0; i < n; i++) {
            double a = rng.nextDouble() * 2 - 1;
            double b = rng.nextDouble() * 2 - 1;
            fps.add(Fingerprint.of("t" + i, List.of("alpha", "kurtosis"), new double[] {a, b}));
            labels.add(a * b > 0 ? "same" : "opposite");
        }
    }

    @Test
    void forestLearnsWhatALinearModelCannot() {
        List<Fingerprint> fps = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        xor(400, 1, fps, labels);
        ClassifierTrainer rf = ClassifierTrainer.randomForest().features(List.of("alpha", "kurtosis")).trees(30).build();
        ClassifierTrainer lr = ClassifierTrainer.logistic().features(List.of("alpha", "kurtosis")).build();
        double rfAcc = CrossValidation.stratifiedKFold(rf, fps, labels, 4, 1).accuracy();
        double lrAcc = CrossValidation.stratifiedKFold(lr, fps, labels, 4, 1).accuracy();
        assertTrue(rfAcc > 0.9, "forest " + rfAcc);
        assertTrue(lrAcc < 0.7, "logistic " + lrAcc);
    }

    @Test
    void singleFeatureForestAndDeterminism() {
        List<Fingerprint> fps = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        xor(200, 2, fps, labels);
        ClassifierTrainer rf = ClassifierTrainer.randomForest().features(List.of("alpha")).trees(10).seed(3).build();
        TrackClassifier a = rf.train(fps, labels);
        TrackClassifier b = rf.train(fps, labels);
        for (Fingerprint f : fps) {
            assertEquals(a.predict(f), b.predict(f));
        }
    }
}
