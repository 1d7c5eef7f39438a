package org.deepspt.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.deepspt.api.Abstention;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.Prediction;
import org.junit.jupiter.api.Test;

/**
 * A finite but huge feature value (here 10³⁰⁸ on a feature whose training sd is about 0.02) gives finite
 * probabilities and a prediction: z is clamped to ±{@value Standardizer#Z_LIMIT} (before, (x − mean)/sd overflowed
 * to ∞, the logits to ±∞, and the probabilities to NaN, so the track was rejected with an internal message).
 */
class ExtremeValuePredictionTest {
    @Test
    void finiteButHugeFeatureGivesFiniteProbabilities() {
        Data d = Data.clusters(30, 3, 1.5, 22);
        List<Fingerprint> small = new ArrayList<>();
        for (Fingerprint f0 : d.fingerprints) {
            double[] w = f0.values(Data.NAMES);
            for (int j = 0; j < w.length; j++) {
                w[j] *= 0.01;
            }
            small.add(Fingerprint.of(f0.trackId(), Data.NAMES, w));
        }
        TrackClassifier c = ClassifierTrainer.logistic().features(Data.NAMES).abstentionThreshold(0.6).build()
                .train(small, d.labels);
        for (double huge : new double[] {1e308, -1e308}) {
            Fingerprint f = Fingerprint.of("huge", Data.NAMES, new double[] {huge, 0, 0, 0, 0});
            double[] probs = c.probabilities(f);
            double sum = 0;
            for (double q : probs) {
                assertTrue(q >= 0 && q <= 1, java.util.Arrays.toString(probs));
                sum += q;
            }
            assertEquals(1, sum, 1e-9);
            Prediction p = c.predict(f);
            assertTrue(p.probability() >= 0 && p.probability() <= 1);
        }
        Standardizer s = Standardizer.of(new double[] {0}, new double[] {0.01});
        assertEquals(Standardizer.Z_LIMIT, s.transform(new double[] {1e308})[0]);
        assertEquals(-Standardizer.Z_LIMIT, s.transform(new double[] {-1e308})[0]);
        assertEquals(500, s.transform(new double[] {5})[0], 1e-9);
    }

    /**
     * More than half of the features missing: UNCERTAIN whatever the probabilities, which then only reflect the
     * training mean (review: an all-NaN row got 0.986 and passed a 0.9 threshold). Half missing still predicts.
     */
    @Test
    void mostlyMissingFeaturesAbstain() {
        Data d = Data.clusters(30, 3, 1.5, 22);
        TrackClassifier c = ClassifierTrainer.logistic().features(Data.NAMES).abstentionThreshold(0.0).build()
                .train(d.fingerprints, d.labels);
        double nan = Double.NaN;
        Prediction none = c.predict(Fingerprint.of("none", Data.NAMES, new double[] {nan, nan, nan, nan, nan}));
        assertEquals(Prediction.UNCERTAIN, none.label());
        Prediction three = c.predict(Fingerprint.of("three", Data.NAMES, new double[] {1, 2, nan, nan,
                Double.POSITIVE_INFINITY}));
        assertEquals(Prediction.UNCERTAIN, three.label());
        double[] known = d.fingerprints.get(0).values(Data.NAMES);
        known[0] = nan;
        known[1] = nan;
        Prediction two = c.predict(Fingerprint.of("two", Data.NAMES, known));
        assertTrue(!two.label().equals(Prediction.UNCERTAIN), two.toString());
        // review: the abstention said nothing about why; now each prediction names the rules that held
        assertEquals(List.of(Abstention.missingFeatures(5, 5)), none.abstentions());
        assertEquals(List.of(Abstention.missingFeatures(3, 5)), three.abstentions());
        assertEquals("missing_features (3 of 5 features missing, more than half)",
                three.abstentions().get(0).describe());
        assertEquals(List.of(), two.abstentions());
    }

    /** Below the threshold: the abstention names the top probability and the threshold; both rules can hold. */
    @Test
    void abstentionsNameTheRulesThatHeld() {
        Data d = Data.clusters(30, 3, 1.5, 22);
        TrackClassifier c = ClassifierTrainer.logistic().features(Data.NAMES).abstentionThreshold(0.99).build()
                .train(d.fingerprints, d.labels);
        double nan = Double.NaN;
        Prediction both = c.predict(Fingerprint.of("both", Data.NAMES, new double[] {nan, nan, nan, 0, 0}));
        assertEquals(Prediction.UNCERTAIN, both.label());
        assertEquals(List.of(Abstention.missingFeatures(3, 5), Abstention.belowThreshold(both.probability(), 0.99)),
                both.abstentions());
        Prediction low = c.predict(Fingerprint.of("low", Data.NAMES, new double[] {1, 1, 1, 1, 1}));
        assertEquals(List.of(Abstention.belowThreshold(low.probability(), 0.99)), low.abstentions());
        assertTrue(low.abstentions().get(0).describe().matches("below_threshold \\(top probability 0\\.\\d+ < "
                + "threshold 0\\.99\\)"), low.abstentions().toString());
        // the value type refuses a reason with a class label, and values for which the rule does not hold
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> new Prediction("t", "A",
                0.5, java.util.Map.of("A", 0.5, "B", 0.5), List.of(Abstention.belowThreshold(0.5, 0.6))));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Abstention.missingFeatures(20, 40));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Abstention.belowThreshold(0.6, 0.6));
    }
}
