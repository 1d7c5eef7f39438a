package org.deepspt.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FractionalGaussianNoiseTest {

    @Test
    void autocovarianceMatchesClosedForms() {
        // H = 1/2: white noise.
        assertEquals(1.0, FractionalGaussianNoise.autocovariance(0, 0.5), 0);
        for (int k = 1; k < 10; k++) {
            assertEquals(0.0, FractionalGaussianNoise.autocovariance(k, 0.5), 1e-15);
        }
        // gamma(1) = 2^(2H-1) - 1, symmetric in k.
        for (double h : new double[] {0.05, 0.2, 0.35, 0.7, 0.9}) {
            assertEquals(Math.pow(2, 2 * h - 1) - 1, FractionalGaussianNoise.autocovariance(1, h), 1e-14);
            assertEquals(FractionalGaussianNoise.autocovariance(3, h), FractionalGaussianNoise.autocovariance(-3, h),
                    0);
            // Large-lag asymptote H(2H-1) k^(2H-2).
            double k = 1000;
            assertEquals(h * (2 * h - 1) * Math.pow(k, 2 * h - 2),
                    FractionalGaussianNoise.autocovariance(1000, h), Math.abs(h * (2 * h - 1)) * 1e-3 * Math.pow(k,
                            2 * h - 2) + 1e-15);
        }
        assertThrows(IllegalArgumentException.class, () -> FractionalGaussianNoise.autocovariance(1, 0));
        assertThrows(IllegalArgumentException.class, () -> FractionalGaussianNoise.autocovariance(1, 1));
    }

    @ParameterizedTest
    @ValueSource(doubles = {0.2, 0.35})
    void sampleAutocovarianceMatchesTheory(double h) {
        int n = 100; // not a power of two on purpose
        int samples = 4000;
        int maxLag = 5;
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(12345L + (long) (h * 100));
        double[][] perSample = new double[maxLag + 1][samples];
        double[] sumVar = new double[samples];
        for (int s = 0; s < samples; s++) {
            double[] x = FractionalGaussianNoise.sample(n, h, rng);
            assertEquals(n, x.length);
            for (int k = 0; k <= maxLag; k++) {
                double acc = 0;
                for (int t = 0; t + k < n; t++) {
                    acc += x[t] * x[t + k];
                }
                perSample[k][s] = acc / (n - k);
            }
            double sum = 0;
            for (double v : x) {
                sum += v;
            }
            sumVar[s] = sum * sum;
        }
        for (int k = 0; k <= maxLag; k++) {
            double mean = mean(perSample[k]);
            double se = Math.sqrt(variance(perSample[k], mean) / samples);
            double expected = FractionalGaussianNoise.autocovariance(k, h);
            assertEquals(expected, mean, 4 * se, "lag " + k + " H " + h + " se " + se);
            assertTrue(se < 0.01, "standard error too large to be meaningful: " + se);
        }
        // fBm variance after n steps: n^(2H), tests the long-range structure of the whole sequence.
        double mv = mean(sumVar);
        double seV = Math.sqrt(variance(sumVar, mv) / samples);
        assertEquals(Math.pow(n, 2 * h), mv, 4 * seV);
    }

    @Test
    void whiteNoiseAtHalfAndEdgeCases() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
        assertEquals(0, FractionalGaussianNoise.sample(0, 0.3, rng).length);
        assertEquals(1, FractionalGaussianNoise.sample(1, 0.3, rng).length);
        assertThrows(IllegalArgumentException.class, () -> FractionalGaussianNoise.sample(-1, 0.3, rng));
        assertThrows(IllegalArgumentException.class, () -> FractionalGaussianNoise.sample(5, 1.0, rng));
        assertThrows(IllegalArgumentException.class, () -> FractionalGaussianNoise.sample(5, -0.1, rng));
        assertThrows(IllegalArgumentException.class, () -> FractionalGaussianNoise.sample(5, Double.NaN, rng));
        assertEquals(FractionalGaussianNoise.MIN_HURST, FractionalGaussianNoise.effectiveHurst(0), 0);
        assertEquals(0.3, FractionalGaussianNoise.effectiveHurst(0.3), 0);

        // H = 0 is clamped to 1e-3: strongly anti-persistent, lag-1 correlation close to -1/2.
        int n = 256;
        int samples = 500;
        double lag0 = 0;
        double lag1 = 0;
        for (int s = 0; s < samples; s++) {
            double[] x = FractionalGaussianNoise.sample(n, 0.0, rng);
            for (int t = 0; t < n; t++) {
                assertTrue(Double.isFinite(x[t]));
                lag0 += x[t] * x[t];
                if (t + 1 < n) {
                    lag1 += x[t] * x[t + 1];
                }
            }
        }
        lag0 /= (double) samples * n;
        lag1 /= (double) samples * (n - 1);
        assertEquals(1.0, lag0, 0.02);
        assertEquals(FractionalGaussianNoise.autocovariance(1, FractionalGaussianNoise.MIN_HURST), lag1, 0.02);
    }

    @Test
    void deterministicForSameSeed() {
        double[] a = FractionalGaussianNoise.sample(300, 0.25, RandomSource.XO_RO_SHI_RO_128_PP.create(99L));
        double[] b = FractionalGaussianNoise.sample(300, 0.25, RandomSource.XO_RO_SHI_RO_128_PP.create(99L));
        assertArrayEquals(a, b, 0);
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) {
            s += x;
        }
        return s / v.length;
    }

    static double variance(double[] v, double mean) {
        double s = 0;
        for (double x : v) {
            s += (x - mean) * (x - mean);
        }
        return s / (v.length - 1);
    }
}
