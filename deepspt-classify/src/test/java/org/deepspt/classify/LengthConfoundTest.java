package org.deepspt.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.deepspt.api.Fingerprint;
import org.junit.jupiter.api.Test;

class LengthConfoundTest {
    private static final List<String> NAMES = List.of("n_points", "alpha");

    /** 150 tracks per class; n_points drawn per class, alpha the same noise for both. */
    private static void data(IntUnaryOperator lengthA, IntUnaryOperator lengthB, List<Fingerprint> fps,
            List<String> labels) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11);
        for (int i = 0; i < 150; i++) {
            fps.add(Fingerprint.of("a" + i, NAMES, new double[] {lengthA.applyAsInt(rng.nextInt(1000)),
                    rng.nextDouble()}));
            labels.add("A");
            fps.add(Fingerprint.of("b" + i, NAMES, new double[] {lengthB.applyAsInt(rng.nextInt(1000)),
                    rng.nextDouble()}));
            labels.add("B");
        }
    }

    @Test
    void classesOfDifferentLengthsAreFlagged() {
        List<Fingerprint> fps = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        data(u -> 40 + u % 51, u -> 150 + u % 51, fps, labels);   // 40–90 vs 150–200 points, as a reviewer tried
        LengthConfound c = LengthConfound.assess(fps, labels, null, 5, 1);
        assertEquals(1.0, c.balancedAccuracy(), 1e-12, "disjoint length ranges: length alone is always right");
        assertEquals(0.5, c.chance(), 0);
        assertTrue(c.separable());
        String w = c.warning().orElseThrow();
        assertTrue(w.startsWith("warning: track length alone tells the classes apart (cross-validated balanced "
                + "accuracy 1.000 from n_points only, chance 0.500; median points: A "), w);
        assertEquals(65, c.medianPoints().get("A"), 3);
        assertEquals(175, c.medianPoints().get("B"), 3);
    }

    @Test
    void aDependenceThatIsNotMonotoneIsFound() {
        List<Fingerprint> fps = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        // A: short or long; B: in between. No single threshold separates them, a tree does.
        data(u -> u % 2 == 0 ? 40 + u % 21 : 180 + u % 21, u -> 100 + u % 41, fps, labels);
        assertTrue(LengthConfound.assess(fps, labels, null, 5, 1).balancedAccuracy() > 0.95);
    }

    @Test
    void classesOfTheSameLengthsAreNotFlagged() {
        List<Fingerprint> fps = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        data(u -> 40 + u % 161, u -> 40 + u % 161, fps, labels);
        LengthConfound c = LengthConfound.assess(fps, labels, null, 5, 1);
        assertEquals(0.5, c.balancedAccuracy(), 0.1);
        assertFalse(c.separable());
        assertTrue(c.warning().isEmpty());
    }

    @Test
    void aFingerprintWithoutLengthIsRefused() {
        List<Fingerprint> fps = List.of(Fingerprint.of("a", List.of("alpha"), new double[] {1}),
                Fingerprint.of("b", List.of("alpha"), new double[] {2}));
        assertThrows(IllegalArgumentException.class, () -> LengthConfound.assess(fps, List.of("A", "B"), null, 2,
                1));
    }
}
