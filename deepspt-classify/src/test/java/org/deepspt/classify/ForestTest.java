package org.deepspt.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
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

    /**
     * Review: two trainings with the same seed predicted alike but wrote different files (Tribuo stored each tree's
     * training time to the nanosecond, the Java version and the OS); with a fixed clock the files are now the same
     * bytes, and the Tribuo part names no Java version, OS or bootstrap indices.
     */
    @Test
    void sameSeedAndClockGiveTheSameFileBytes() {
        List<Fingerprint> fps = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        xor(200, 4, fps, labels);
        ClassifierTrainer rf = ClassifierTrainer.randomForest().features(List.of("alpha", "kurtosis")).trees(20)
                .seed(7).clock(Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC)).build();
        String a = TrackClassifiers.toJson(rf.train(fps, labels));
        String b = TrackClassifiers.toJson(rf.train(fps, labels));
        assertEquals(a, b);
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"data\" : \"([^\"]+)\"").matcher(a);
        assertTrue(m.find(), a);
        String tribuo = new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.ISO_8859_1);
        for (String leak : List.of(System.getProperty("java.version"), System.getProperty("os.name"),
                System.getProperty("os.arch"), "indices")) {
            assertFalse(tribuo.contains(leak), leak);
        }
        assertTrue(tribuo.contains("2000-01-01T00:00Z"), "the fixed Tribuo provenance time");
    }
}
