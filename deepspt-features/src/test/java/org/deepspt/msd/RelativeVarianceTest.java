package org.deepspt.msd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The closed form of {@link MsdFitter#relativeVariance} against the direct sum it replaces. */
class RelativeVarianceTest {

    private static double direct(int n, int pairs, int dim) {
        double p = pairs;
        double nn = (double) n * n;
        double sum = p * nn;
        for (int d = 1; d <= Math.min(n, pairs) - 1; d++) {
            double o = n - d;
            sum += 2.0 * (p - d) * o * o;
        }
        return 2.0 * sum / (dim * p * p * nn);
    }

    @Test
    void closedFormEqualsDirectSum() {
        for (int dim = 2; dim <= 3; dim++) {
            for (int n = 1; n <= 320; n += 7) {
                for (int pairs = 1; pairs <= 1200; pairs += 13) {
                    double want = direct(n, pairs, dim);
                    assertEquals(want, MsdFitter.relativeVariance(n, pairs, dim), 1e-11 * want,
                            "n=" + n + " pairs=" + pairs);
                }
            }
        }
        // Qian et al. large-P limit: 2(2n² + 1)/(3n·dim·P) for P >> n.
        assertEquals(2 * (2.0 * 25 + 1) / (3.0 * 5 * 2 * 1e6), MsdFitter.relativeVariance(5, 1_000_000, 2), 1e-11);
    }
}
