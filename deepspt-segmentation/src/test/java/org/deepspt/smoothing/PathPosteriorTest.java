package org.deepspt.smoothing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Forward–backward marginals against values computed independently: by hand for a 3-point, 2-state track, and by
 * brute-force enumeration of every path in numpy ({@code path_posterior_golden.py} beside the golden file).
 */
class PathPosteriorTest {

    static JsonNode golden() throws Exception {
        try (InputStream in = PathPosteriorTest.class.getResourceAsStream("path-posterior-golden.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    private static double[] flat(JsonNode rows) {
        double[] out = new double[4 * rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            for (int k = 0; k < 4; k++) {
                out[4 * i + k] = rows.get(i).get(k).asDouble();
            }
        }
        return out;
    }

    /**
     * p = (0.8, 0.2), (0.4, 0.6), (0.3, 0.7) over states A, B (C, D have probability 0), λ = ln 4 (switch weight
     * 1/4), T = 1. Path weights: AAA .096, AAB .056, ABA .009, ABB .084, BAA .006, BAB .0035, BBA .009, BBB .084;
     * Z = .3475. So P(s0 = A) = .245/Z, P(s1 = A) = .1615/Z, P(s2 = A) = .12/Z. The Viterbi path is AAA, although
     * at the last point B has the larger marginal.
     */
    @Test
    void threePointTwoStateExampleByHand() {
        double[] p = {0.8, 0.2, 0, 0, 0.4, 0.6, 0, 0, 0.3, 0.7, 0, 0};
        double[] g = PathPosterior.of(Math.log(4)).marginals(p, 3, 1.0, null, null);
        double z = 0.3475;
        double[] a = {0.245 / z, 0.1615 / z, 0.12 / z};
        for (int i = 0; i < 3; i++) {
            assertEquals(a[i], g[4 * i], 1e-9, "P(A) at " + i);
            assertEquals(1 - a[i], g[4 * i + 1], 1e-9, "P(B) at " + i);
            assertEquals(0, g[4 * i + 2] + g[4 * i + 3], 1e-9);
        }
        assertArrayEquals(new int[] {0, 0, 0}, ViterbiSmoother.of(Math.log(4)).decode(p, 3, null, null));
    }

    @Test
    void marginalsMatchBruteForceEnumeration() throws Exception {
        for (JsonNode c : golden().get("path_cases")) {
            double[] p = flat(c.get("p"));
            int n = c.get("p").size();
            PathPosterior post = PathPosterior.of(c.get("penalty").asDouble());
            double[] out = new double[4 * n];
            double[] work = new double[4 * n];
            assertTrue(out == post.marginals(p, n, c.get("temperature").asDouble(), out, work));
            assertArrayEquals(flat(c.get("marginals")), out, 1e-9, c.get("name").asText());
            int[] path = ViterbiSmoother.of(c.get("penalty").asDouble()).decode(p, n, null, null);
            for (int i = 0; i < n; i++) {
                assertEquals(c.get("viterbi").get(i).asInt(), path[i], c.get("name").asText() + " path at " + i);
            }
        }
    }

    /** Without a penalty the marginals are each row's temperature scaling p^(1/T) / Σ p^(1/T). */
    @Test
    void zeroPenaltyIsRowTemperatureScaling() {
        double[] p = {0.5, 0.25, 0.125, 0.125, 0.1, 0.2, 0.3, 0.4};
        double[] g = PathPosterior.of(0).marginals(p, 2, 0.5, null, null);
        double z0 = 0.25 + 0.0625 + 2 * 0.015625;
        assertEquals(0.25 / z0, g[0], 1e-12);
        assertEquals(0.015625 / z0, g[3], 1e-12);
        double z1 = 0.01 + 0.04 + 0.09 + 0.16;
        assertEquals(0.16 / z1, g[7], 1e-12);
    }

    /** Extreme inputs (one-hot rows that disagree, the largest penalty and the smallest temperature) give no NaN. */
    @Test
    void extremeInputsGiveFiniteNormalisedRows() {
        int n = 2000;
        double[] p = new double[4 * n];
        Random r = new Random(7);
        for (int i = 0; i < n; i++) {
            p[4 * i + r.nextInt(4)] = 1;
        }
        for (double lambda : new double[] {0, 9, 1e6}) {
            for (double t : new double[] {PathPosterior.MIN_TEMPERATURE, 1, PathPosterior.MAX_TEMPERATURE}) {
                double[] g = PathPosterior.of(lambda).marginals(p, n, t, null, null);
                for (int i = 0; i < n; i++) {
                    double s = g[4 * i] + g[4 * i + 1] + g[4 * i + 2] + g[4 * i + 3];
                    assertEquals(1, s, 1e-9, "row " + i + " at penalty " + lambda + ", T " + t);
                }
            }
        }
    }

    @Test
    void badArgumentsAreRefused() {
        PathPosterior post = PathPosterior.of(9);
        double[] p = {0.25, 0.25, 0.25, 0.25};
        assertThrows(IllegalArgumentException.class, () -> PathPosterior.of(-1));
        assertThrows(IllegalArgumentException.class, () -> PathPosterior.of(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> post.marginals(p, 1, 0.1, null, null));
        assertThrows(IllegalArgumentException.class, () -> post.marginals(p, 1, Double.NaN, null, null));
        assertThrows(IllegalArgumentException.class, () -> post.marginals(p, 2, 1, null, null));
        assertThrows(IllegalArgumentException.class, () -> post.marginals(p, 1, 1, p, null));
        assertThrows(IllegalArgumentException.class,
                () -> post.marginals(new double[] {Double.NaN, 0, 0, 1}, 1, 1, null, null));
    }
}
