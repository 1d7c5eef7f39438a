package org.deepspt.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * The AnDi-2 challenge scores states over paired segments (one (true, predicted) state per pair of its segment
 * pairing), not over frames; hand cases (found by review: the per-frame score gave 0.1 and 0.9).
 */
class Andi2StateF1ChallengeTest {
    private static double[] ones(int n) {
        double[] a = new double[n];
        Arrays.fill(a, 1.0);
        return a;
    }

    /** One true segment (state 0) pairs with the predicted segment of best Jaccard (90/100, state 2): F1 0. */
    @Test
    void oneTrueSegmentPairsWithTheLongerWrongPrediction() {
        int n = 100;
        int[] trueStates = new int[n];
        int[] pred = new int[n];
        Arrays.fill(pred, 10, n, 2);
        Andi2Metrics m = Andi2Metrics.create().addFrames(trueStates, ones(n), ones(n), pred,
                new double[] {1, 1}, new double[] {1, 1});
        assertEquals(0.0, m.stateF1Segments(), 1e-12);
        assertEquals(0.1, m.stateF1Micro(), 1e-12); // the per-frame companion
    }

    /** True 90 × state 0 then 10 × state 1, predicted all 0: one pair (the long true segment), states agree: F1 1. */
    @Test
    void shortWrongTailIsNotAPairedSegment() {
        int n = 100;
        int[] trueStates = new int[n];
        Arrays.fill(trueStates, 90, n, 1);
        int[] pred = new int[n];
        Andi2Metrics m = Andi2Metrics.create().addFrames(trueStates, ones(n), ones(n), pred, new double[] {1},
                new double[] {1});
        assertEquals(1.0, m.stateF1Segments(), 1e-12);
        assertEquals(0.9, m.stateF1Micro(), 1e-12);
    }
}
