package org.deepspt.smoothing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.deepspt.api.Segmentation;
import org.junit.jupiter.api.Test;

class ViterbiSmootherTest {

    private static double[] rows(double[]... r) {
        double[] flat = new double[4 * r.length];
        for (int i = 0; i < r.length; i++) {
            System.arraycopy(r[i], 0, flat, 4 * i, 4);
        }
        return flat;
    }

    private static Segmentation seg(double[] flat) {
        int[] frames = new int[flat.length / 4];
        for (int i = 0; i < frames.length; i++) {
            frames[i] = 10 + i;
        }
        return Segmentation.ofFlat("t", frames, flat);
    }

    /**
     * Rows (0.6, 0.4), (0.3, 0.7), (0.6, 0.4) over states 0 and 1 (states 2, 3 have probability 0 and are
     * clamped to 1e-12). Path scores: 010 = ln(0.6·0.7·0.6) − 2λ = ln 0.252 − 2λ; 011 and 110 = ln 0.168 − λ;
     * 111 = ln 0.112; 000 = ln 0.108; the rest are lower. 010 beats 111 iff 2λ < ln(0.252/0.112) = 2 ln 1.5
     * and beats 011 iff λ < ln 1.5 = 0.405: so 010 below λ = 0.405, 111 above.
     */
    @Test
    void threePointGolden() {
        double[] p = rows(new double[] {0.6, 0.4, 0, 0}, new double[] {0.3, 0.7, 0, 0},
                new double[] {0.6, 0.4, 0, 0});
        assertArrayEquals(new int[] {0, 1, 0}, ViterbiSmoother.of(0).decode(p, 3, null, null));
        assertArrayEquals(new int[] {0, 1, 0}, ViterbiSmoother.of(0.40).decode(p, 3, null, null));
        assertArrayEquals(new int[] {1, 1, 1}, ViterbiSmoother.of(0.41).decode(p, 3, null, null));
        assertArrayEquals(new int[] {1, 1, 1}, ViterbiSmoother.of(5).decode(p, 3, null, null));
    }

    /**
     * Ten points: 0.7 on state 0 for points 0–4 and 0.7 on state 2 for points 5–9 (0.1 elsewhere), except
     * point 2 = (0.3, 0.5, 0.1, 0.1). Keeping the blip at point 2 gains ln(0.5/0.3) = 0.511 for two
     * switches (2λ); the change at point 5 gains 5·ln 7 = 9.73 for one switch.
     */
    @Test
    void shortBlipRemovedRealChangeKept() {
        double[][] r = new double[10][];
        for (int i = 0; i < 10; i++) {
            r[i] = i < 5 ? new double[] {0.7, 0.1, 0.1, 0.1} : new double[] {0.1, 0.1, 0.7, 0.1};
        }
        r[2] = new double[] {0.3, 0.5, 0.1, 0.1};
        double[] p = rows(r);
        assertArrayEquals(new int[] {0, 0, 1, 0, 0, 2, 2, 2, 2, 2}, ViterbiSmoother.of(0.2).decode(p, 10, null, null));
        assertArrayEquals(new int[] {0, 0, 0, 0, 0, 2, 2, 2, 2, 2}, ViterbiSmoother.of(1).decode(p, 10, null, null));
        // λ = 10 > 5 ln 7 = 9.73: one state for the whole track. State 0 scores ln 0.3 + 4 ln 0.7 + 5 ln 0.1,
        // state 2 scores 5 ln 0.1 + 5 ln 0.7: state 2 wins by ln(0.7/0.3) = 0.85 (and any switch costs 10).
        double s0 = Math.log(0.3) + 4 * Math.log(0.7) + 5 * Math.log(0.1);
        double s2 = 5 * Math.log(0.1) + 5 * Math.log(0.7);
        int expected = s2 > s0 ? 2 : 0;
        int[] flat = ViterbiSmoother.of(10).decode(p, 10, null, null);
        for (int s : flat) {
            assertEquals(expected, s);
        }
        assertEquals(2, expected);
    }

    @Test
    void tiesStayThenLowerIndex() {
        double[] p = new double[4 * 5];
        java.util.Arrays.fill(p, 0.25);
        assertArrayEquals(new int[5], ViterbiSmoother.of(0).decode(p, 5, null, null));
        assertArrayEquals(new int[5], ViterbiSmoother.of(1).decode(p, 5, null, null));
        // A single point: the argmax, ties to the lower index.
        assertArrayEquals(new int[] {1}, ViterbiSmoother.of(3).decode(new double[] {0.1, 0.4, 0.4, 0.1}, 1,
                null, null));
        assertArrayEquals(new int[0], ViterbiSmoother.of(3).decode(new double[0], 0, null, null));
    }

    @Test
    void zeroPenaltyIsArgmax() {
        Random rnd = new Random(7);
        double[] p = random(rnd, 200);
        Segmentation s = seg(p);
        assertArrayEquals(s.stateIndices(), ViterbiSmoother.of(0).path(s));
        assertSame(s, ViterbiSmoother.of(0).smooth(s));
    }

    /** Viterbi score equals the best score over all 4^n paths (brute force), for random small tracks. */
    @Test
    void matchesBruteForce() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 300; trial++) {
            int n = 1 + rnd.nextInt(6);
            double[] p = random(rnd, n);
            double lambda = new double[] {0, 0.3, 1, 2.5}[trial % 4];
            int[] path = ViterbiSmoother.of(lambda).decode(p, n, null, null);
            double best = Double.NEGATIVE_INFINITY;
            int[] cand = new int[n];
            for (int code = 0; code < 1 << (2 * n); code++) {
                for (int i = 0; i < n; i++) {
                    cand[i] = (code >> (2 * i)) & 3;
                }
                best = Math.max(best, score(p, cand, lambda));
            }
            assertEquals(best, score(p, path, lambda), 1e-12, "trial " + trial);
        }
    }

    @Test
    void smoothPermutesRowsOnlyWhereThePathDiffers() {
        double[] p = rows(new double[] {0.6, 0.4, 0, 0}, new double[] {0.3, 0.7, 0, 0},
                new double[] {0.6, 0.4, 0, 0});
        Segmentation s = seg(p);
        Segmentation out = ViterbiSmoother.of(1).smooth(s);
        assertArrayEquals(new int[] {1, 1, 1}, out.stateIndices());
        assertArrayEquals(new double[] {0.4, 0.6, 0, 0}, out.probabilities(0));
        assertArrayEquals(new double[] {0.3, 0.7, 0, 0}, out.probabilities(1));
        assertArrayEquals(new double[] {0.4, 0.6, 0, 0}, out.probabilities(2));
        assertArrayEquals(s.frames(), out.frames());
        assertEquals("t", out.trackId());
        assertEquals(1, out.segments().size());
    }

    @Test
    void callerArraysAndValidation() {
        double[] p = rows(new double[] {0.6, 0.4, 0, 0}, new double[] {0.3, 0.7, 0, 0});
        int[] out = new int[5];
        double[] work = new double[8 + 8];
        assertSame(out, ViterbiSmoother.of(0).decode(p, 2, out, work));
        assertArrayEquals(new int[] {0, 1, 0, 0, 0}, out);
        assertThrows(IllegalArgumentException.class, () -> ViterbiSmoother.of(-1));
        assertThrows(IllegalArgumentException.class, () -> ViterbiSmoother.of(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> ViterbiSmoother.of(Double.POSITIVE_INFINITY));
        assertThrows(IllegalArgumentException.class, () -> ViterbiSmoother.of(1).decode(p, 3, null, null));
        assertThrows(IllegalArgumentException.class, () -> ViterbiSmoother.of(1).decode(p, 2, new int[1], null));
        assertThrows(IllegalArgumentException.class, () -> ViterbiSmoother.of(1).decode(p, 2, null, new double[15]));
        assertThrows(IllegalArgumentException.class,
                () -> ViterbiSmoother.of(1).decode(new double[] {Double.NaN, 1, 0, 0}, 1, null, null));
        assertEquals(ViterbiSmoother.DEFAULT_PENALTY, ViterbiSmoother.defaults().penalty());
        assertEquals(ViterbiSmoother.of(2), ViterbiSmoother.of(2));
    }

    private static double score(double[] p, int[] path, double lambda) {
        double s = 0;
        for (int i = 0; i < path.length; i++) {
            s += Math.log(Math.max(p[4 * i + path[i]], ViterbiSmoother.MIN_PROBABILITY));
            if (i > 0 && path[i] != path[i - 1]) {
                s -= lambda;
            }
        }
        return s;
    }

    private static double[] random(Random rnd, int n) {
        double[] p = new double[4 * n];
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (int k = 0; k < 4; k++) {
                p[4 * i + k] = -Math.log(1 - rnd.nextDouble());
                sum += p[4 * i + k];
            }
            for (int k = 0; k < 4; k++) {
                p[4 * i + k] /= sum;
            }
        }
        return p;
    }
}
