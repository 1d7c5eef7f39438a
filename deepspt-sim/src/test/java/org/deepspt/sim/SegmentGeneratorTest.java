package org.deepspt.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SegmentGeneratorTest {

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void confinedPathNeverLeavesTheRotatedEllipsoid(int dim) {
        SimulationConfig config = SimulationConfig.paper(dim);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(2024L + dim);
        double maxReach = 0;
        for (int trial = 0; trial < 20; trial++) {
            TrackParameters p = TrackParameters.draw(config, rng);
            double[][] r = p.confinementRotation();
            assertOrthonormal(r);
            double[] s = p.confinementSemiAxes();
            double[] origin = new double[dim];
            for (int a = 0; a < dim; a++) {
                origin[a] = rng.nextDouble() * 10 - 5;
            }
            // Fast diffusion (many rejections) and slow diffusion.
            double d = trial % 2 == 0 ? 0.5 : 1e-3;
            int n = 300;
            double[][] out = new double[dim][n + 1];
            SegmentGenerator.confined(d, s, r, 1.0, 100, origin, rng, out, 1, n);
            for (int i = 1; i <= n; i++) {
                double q = 0;
                for (int j = 0; j < dim; j++) {
                    double b = 0; // body coordinate j = column j of R dotted with (p - origin)
                    for (int a = 0; a < dim; a++) {
                        b += r[a][j] * (out[a][i] - origin[a]);
                    }
                    q += b * b / (s[j] * s[j]);
                }
                assertTrue(q <= 1 + 1e-9, "point " + i + " outside the region: " + q);
                if (d == 0.5) {
                    maxReach = Math.max(maxReach, q);
                }
            }
        }
        // The walk explores the region, it is not stuck at the centre.
        assertTrue(maxReach > 0.8, "max normalised radius² " + maxReach);
    }

    @Test
    void normalAndDirectedStepStatistics() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5L);
        int n = 200_000;
        double d = 0.1;
        double dt = 0.5;
        double[] v = {0.3, -0.2};
        double[][] out = new double[2][n];
        SegmentGenerator.directed(d, v, dt, new double[] {1, 2}, rng, out, 0, n);
        for (int a = 0; a < 2; a++) {
            double prev = a == 0 ? 1 : 2;
            double sum = 0;
            double sum2 = 0;
            for (int i = 0; i < n; i++) {
                double step = out[a][i] - prev;
                prev = out[a][i];
                sum += step;
                sum2 += step * step;
            }
            double mean = sum / n;
            double var = sum2 / n - mean * mean;
            double sd = Math.sqrt(2 * d * dt);
            assertEquals(v[a] * dt, mean, 5 * sd / Math.sqrt(n));
            assertEquals(2 * d * dt, var, 5 * 2 * d * dt * Math.sqrt(2.0 / n));
        }
        double[][] free = new double[3][10];
        SegmentGenerator.normal(0, 1, new double[] {1, 2, 3}, rng, free, 0, 10);
        assertEquals(3, free[2][9], 0); // D = 0: the particle does not move
    }

    @Test
    void noiseAndArgumentChecks() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(6L);
        double[][] out = new double[2][5];
        SegmentGenerator.addNoise(0, rng, out, 0, 5);
        assertEquals(0, out[0][4], 0);
        assertThrows(IllegalArgumentException.class, () -> SegmentGenerator.addNoise(-1, rng, out, 0, 5));
        assertThrows(IndexOutOfBoundsException.class,
                () -> SegmentGenerator.normal(1, 1, new double[2], rng, out, 3, 3));
        assertThrows(IllegalArgumentException.class,
                () -> SegmentGenerator.normal(1, 1, new double[3], rng, out, 0, 3));
        assertThrows(IllegalArgumentException.class, () -> SegmentGenerator.confined(1, new double[] {1, 1},
                new double[][] {{1, 0}, {0, 1}}, 1, 0, new double[2], rng, out, 0, 3));
    }

    private static void assertOrthonormal(double[][] r) {
        int n = r.length;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double dot = 0;
                for (int k = 0; k < n; k++) {
                    dot += r[k][i] * r[k][j];
                }
                assertEquals(i == j ? 1 : 0, dot, 1e-12);
            }
        }
        double det = n == 2 ? r[0][0] * r[1][1] - r[0][1] * r[1][0]
                : r[0][0] * (r[1][1] * r[2][2] - r[1][2] * r[2][1]) - r[0][1] * (r[1][0] * r[2][2] - r[1][2] * r[2][0])
                        + r[0][2] * (r[1][0] * r[2][1] - r[1][1] * r[2][0]);
        assertEquals(1, det, 1e-12);
    }
}
