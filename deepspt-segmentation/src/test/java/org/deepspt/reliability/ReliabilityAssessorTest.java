package org.deepspt.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.SplittableRandom;
import org.deepspt.api.Reliability;
import org.deepspt.api.ReliabilityFinding;
import org.deepspt.api.ReliabilityThresholds;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Trajectory;
import org.deepspt.api.UnreliableReason;
import org.junit.jupiter.api.Test;

/** {@link ReliabilityAssessor}: each check on tracks built to pass or fail it. */
class ReliabilityAssessorTest {
    private static final ReliabilityAssessor DEFAULTS = ReliabilityAssessor.of(ReliabilityThresholds.defaults(2));

    /** Brownian motion, D = 0.1 µm²/s, Δt = 1 s, Gaussian localisation noise of σ = √(D·Δt)/q. */
    static Trajectory brownian(String id, int n, double q, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] x = new double[n];
        double[] y = new double[n];
        int[] frames = new int[n];
        double step = Math.sqrt(2 * 0.1);
        double sigma = Double.isInfinite(q) ? 0 : Math.sqrt(0.1) / q;
        double px = 0;
        double py = 0;
        for (int i = 0; i < n; i++) {
            px += step * gauss(r);
            py += step * gauss(r);
            x[i] = px + sigma * gauss(r);
            y[i] = py + sigma * gauss(r);
            frames[i] = i;
        }
        return Trajectory.of(id, 1.0, frames, x, y);
    }

    private static double gauss(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** Every point: probability {@code top} for normal, the rest spread evenly. */
    private static Segmentation confident(Trajectory t, double top) {
        double[] p = new double[4 * t.size()];
        for (int i = 0; i < t.size(); i++) {
            p[4 * i] = top;
            for (int k = 1; k < 4; k++) {
                p[4 * i + k] = (1 - top) / 3;
            }
        }
        return Segmentation.ofFlat(t.id(), t.frames(), p);
    }

    @Test
    void aShortBrownianTrackIsUnreliableBecauseTooShort() {
        Trajectory t = brownian("short", 7, 8, 1);
        Reliability r = DEFAULTS.assess(t, confident(t, 0.95));
        assertFalse(r.reliable());
        assertTrue(r.reasonSet().contains(UnreliableReason.TOO_SHORT), r.describe());
        ReliabilityFinding f = r.reasons().get(0);
        assertEquals(UnreliableReason.TOO_SHORT, f.reason());
        assertEquals(7, f.measured());
        assertEquals(100, f.threshold());
    }

    @Test
    void aLongCleanConfidentTrackIsReliable() {
        Trajectory t = brownian("long", 400, 8, 2);
        Reliability r = DEFAULTS.assess(t, confident(t, 0.9));
        assertTrue(r.reliable(), r.describe());
        assertEquals("", r.codes());
    }

    @Test
    void noiseBelowTheThresholdIsLowSnrWithTheMeasuredValue() {
        Trajectory t = brownian("noisy", 2000, 0.3, 3);
        Reliability r = DEFAULTS.assess(t, confident(t, 0.9));
        assertEquals(Set.of(UnreliableReason.LOW_SNR), r.reasonSet(), r.describe());
        ReliabilityFinding f = r.reasons().get(0);
        assertEquals(SnrEstimate.of(t).snr(), f.measured());
        assertEquals(0.3, f.measured(), 0.1);
        assertEquals(0.7, f.threshold());
    }

    @Test
    void lowMeanConfidenceIsReportedWithTheMeanOfTheRowMaxima() {
        Trajectory t = brownian("unsure", 200, 8, 4);
        double[] p = new double[4 * t.size()];
        for (int i = 0; i < t.size(); i++) {
            // alternate rows with max 0.4 and 0.7: mean of the maxima 0.55
            double top = i % 2 == 0 ? 0.4 : 0.7;
            p[4 * i + (i % 4)] = top;
            for (int k = 0; k < 4; k++) {
                if (k != i % 4) {
                    p[4 * i + k] = (1 - top) / 3;
                }
            }
        }
        Segmentation s = Segmentation.ofFlat(t.id(), t.frames(), p);
        assertEquals(0.55, ReliabilityAssessor.meanConfidence(s), 1e-12);
        Reliability r = DEFAULTS.assess(t, s);
        assertEquals(Set.of(UnreliableReason.LOW_CONFIDENCE), r.reasonSet());
        assertEquals("low_confidence", r.codes());
        assertEquals("unreliable: low_confidence (0.55 < 0.7)", r.describe());
    }

    @Test
    void thresholdsOfZeroTurnTheChecksOffAndMismatchedSizesAreRefused() {
        ReliabilityAssessor lenient = ReliabilityAssessor.of(new ReliabilityThresholds(1, 0, 0));
        Trajectory t = brownian("x", 5, 0.2, 5);
        assertTrue(lenient.assess(t, confident(t, 0.25)).reliable());
        Trajectory other = brownian("y", 6, 1, 6);
        assertThrows(IllegalArgumentException.class, () -> lenient.assess(t, confident(other, 0.9)));
    }
}
