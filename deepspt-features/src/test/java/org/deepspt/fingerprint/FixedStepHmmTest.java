package org.deepspt.fingerprint;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class FixedStepHmmTest {
    private static final FixedStepHmm HMM = FixedStepHmm.deepSpt();

    @Test
    void viterbiEqualsBruteForceOverAllPaths() {
        Random rnd = new Random(42);
        for (int trial = 0; trial < 30; trial++) {
            int len = 1 + trial % 7;
            double[] obs = new double[len];
            for (int i = 0; i < len; i++) {
                obs[i] = 0.1 + 2.0 * rnd.nextDouble();
            }
            int[] best = null;
            double bestLp = Double.NEGATIVE_INFINITY;
            int[] path = new int[len];
            int total = 1 << (2 * len);
            for (int code = 0; code < total; code++) {
                for (int i = 0; i < len; i++) {
                    path[i] = (code >> (2 * i)) & 3;
                }
                double lp = HMM.logJoint(obs, path);
                if (lp > bestLp) {
                    bestLp = lp;
                    best = path.clone();
                }
            }
            int[] v = HMM.viterbi(obs);
            assertEquals(bestLp, HMM.logJoint(obs, v), 1e-9, "trial " + trial);
            assertArrayEquals(best, v, "trial " + trial);
        }
    }

    @Test
    void impossibleTransitionsAreNeverUsed() {
        // s3 is sticky (0.9737) and s3 → s0, s2 are impossible; long-step runs must not jump s3 → s0
        double[] obs = {3.0, 3.2, 2.9, 1.4, 1.43, 0.4, 0.41, 3.5};
        int[] path = HMM.viterbi(obs);
        assertTrue(Double.isFinite(HMM.logJoint(obs, path)));
        for (int i = 1; i < path.length; i++) {
            assertTrue(!(path[i - 1] == 3 && (path[i] == 0 || path[i] == 2)), "s3 -> " + path[i]);
        }
    }

    @Test
    void longSequencesDoNotUnderflow() {
        double[] obs = new double[20_000];
        Random rnd = new Random(1);
        for (int i = 0; i < obs.length; i++) {
            obs[i] = Math.abs(rnd.nextGaussian());
        }
        int[] path = new int[obs.length];
        double lp = HMM.viterbi(obs, 0, obs.length, path, new double[HMM.scratchSize(obs.length)]);
        assertTrue(Double.isFinite(lp) && lp < 0);
        assertEquals(lp, HMM.logJoint(obs, path), 1e-6 * Math.abs(lp));
    }

    @Test
    void statesRankByEmissionMean() {
        // means s0 1.4368, s1 0.8936, s2 0.4122, s3 1.4465
        assertEquals(2, HMM.rankByMean(0));
        assertEquals(1, HMM.rankByMean(1));
        assertEquals(0, HMM.rankByMean(2));
        assertEquals(3, HMM.rankByMean(3));
    }

    @Test
    void rejectsInvalidModels() {
        assertThrows(IllegalArgumentException.class, () -> FixedStepHmm.of(new double[] {0}, new double[] {0},
                new double[] {1}, new double[][] {{1}}));
        assertThrows(IllegalArgumentException.class, () -> FixedStepHmm.of(new double[] {0, 1},
                new double[] {1, 1}, new double[] {0.5, 0.4}, new double[][] {{1, 0}, {0, 1}}));
    }
}
