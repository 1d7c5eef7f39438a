package org.deepspt.online;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.deepspt.smoothing.ViterbiSmoother;
import org.junit.jupiter.api.Test;

class FixedLagViterbiTest {

    /** Random probability rows, n × 4, row-major. */
    private static double[] randomRows(int n, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] p = new double[4 * n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int k = 0; k < 4; k++) {
                // Skewed draws so that some rows are confident and switches happen.
                double v = Math.pow(r.nextDouble(), 3);
                p[4 * i + k] = v;
                sum += v;
            }
            for (int k = 0; k < 4; k++) {
                p[4 * i + k] /= sum;
            }
        }
        return p;
    }

    /** Heads as a step sees them when all n points are known: head a is about point n − 1 − a. */
    private static float[] headsOf(double[] p, int n) {
        float[] h = new float[4 * n];
        for (int a = 0; a < n; a++) {
            for (int k = 0; k < 4; k++) {
                h[4 * a + k] = (float) p[4 * (n - 1 - a) + k];
            }
        }
        return h;
    }

    @Test
    void withTheWholeRestOfTheTrackInViewItIsTheOfflineViterbiPath() {
        for (long seed = 1; seed <= 50; seed++) {
            int n = 25;
            double[] p = randomRows(n, seed);
            float[] heads = headsOf(p, n);
            double[] rounded = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                rounded[i] = (float) p[i];
            }
            for (double penalty : new double[] {0.5, 2, 6}) {
                int[] offline = ViterbiSmoother.of(penalty).decode(rounded, n, null, null);
                FixedLagViterbi fixed = new FixedLagViterbi(penalty);
                double[] carried = new double[4];
                int[] online = new int[n];
                for (int g = 0; g < n; g++) {
                    online[g] = fixed.decide(carried, g == 0, heads, 0, n - g);
                }
                assertArrayEquals(offline, online, "seed " + seed + ", penalty " + penalty);
            }
        }
    }

    @Test
    void aSwitchNeedsMoreEvidenceThanThePenalty() {
        // Two states seen: A (state 0) for 3 points, then B (state 2) for 2 points at p = 0.9 vs 0.1 (ln 9 = 2.197
        // nats per point). Deciding point 3 with the two B points in view: switching gains 2 × 2.197 = 4.39 nats
        // over staying in A; with λ = 4 the path switches, with λ = 5 it stays.
        double[] p = new double[4 * 5];
        for (int i = 0; i < 5; i++) {
            int s = i < 3 ? 0 : 2;
            int other = i < 3 ? 2 : 0;
            p[4 * i + s] = 0.9;
            p[4 * i + other] = 0.1;
        }
        for (double[] c : new double[][] {{4, 2}, {5, 0}}) {
            FixedLagViterbi fixed = new FixedLagViterbi(c[0]);
            double[] carried = new double[4];
            int last = -1;
            for (int g = 0; g < 4; g++) {
                float[] heads = headsOf(java.util.Arrays.copyOf(p, 4 * 5), 5);
                last = fixed.decide(carried, g == 0, heads, 0, 5 - g);
            }
            assertEquals((int) c[1], last, "penalty " + c[0]);
        }
    }

    @Test
    void carriedScoresStayBounded() {
        FixedLagViterbi fixed = new FixedLagViterbi(6);
        double[] carried = new double[4];
        float[] heads = {0.97f, 0.01f, 0.01f, 0.01f};
        for (int g = 0; g < 100_000; g++) {
            assertEquals(0, fixed.decide(carried, g == 0, heads, 0, 1));
        }
        for (double c : carried) {
            assertEquals(true, c <= 0 && c > -1e3, "carried " + c);
        }
    }
}
