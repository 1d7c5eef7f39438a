package org.deepspt.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.deepspt.api.Fingerprint;
import org.deepspt.classify.ClassifierTrainer;
import org.deepspt.classify.TrackClassifier;
import org.deepspt.fingerprint.DiffusionalFingerprint;

/**
 * Logistic classifiers trained on random fingerprints, for tests that need a classifier file whose labels mean
 * nothing (what Spark checks or does with it, not what it says).
 */
final class RandomClassifiers {
    private RandomClassifiers() {
    }

    /**
     * @param tracks number of random fingerprints (the default feature names, values uniform in [0, 1) from
     *     {@code new Random(3)}, one fingerprint after the other)
     * @param classes labels "a", "b", "c", … in turn (track i gets class i mod classes)
     * @return the trained classifier, without context
     */
    static TrackClassifier logistic(int tracks, int classes) {
        List<String> names = DiffusionalFingerprint.defaults().featureNames();
        Random rng = new Random(3);
        List<Fingerprint> fps = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < tracks; i++) {
            fps.add(Fingerprint.of("t" + i, names, rng.doubles(names.size()).toArray()));
            labels.add(String.valueOf((char) ('a' + i % classes)));
        }
        return ClassifierTrainer.logistic().build().train(fps, labels);
    }
}
