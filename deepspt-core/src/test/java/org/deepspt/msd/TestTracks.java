package org.deepspt.msd;

import java.util.HashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.deepspt.api.Trajectory;

/** Test-local track generators (the real simulator lives elsewhere). Every generator takes a seed. */
public final class TestTracks {
    private static final Map<String, double[][]> CHOLESKY = new HashMap<>();

    private final UniformRandomProvider rng;
    private final ZigguratSampler.NormalizedGaussian gauss;

    private TestTracks(long seed) {
        this.rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        this.gauss = ZigguratSampler.NormalizedGaussian.of(rng);
    }

    /** @param seed the seed @return a generator */
    public static TestTracks seeded(long seed) {
        return new TestTracks(seed);
    }

    /** Brownian motion (std sqrt(2·D·dt) per axis per step) plus Gaussian localization noise sigma. */
    public Trajectory brownian(String id, int n, double d, double dt, int dim, double sigma) {
        return directed(id, n, d, 0, dt, dim, sigma);
    }

    /** Brownian motion plus constant drift of speed v (µm/s) in a random direction, plus noise. */
    public Trajectory directed(String id, int n, double d, double v, double dt, int dim, double sigma) {
        double[] dir = new double[dim];
        double norm = 0;
        for (int a = 0; a < dim; a++) {
            dir[a] = gauss.sample();
            norm += dir[a] * dir[a];
        }
        norm = Math.sqrt(norm);
        double step = Math.sqrt(2 * d * dt);
        double[][] axes = new double[dim][n];
        for (int a = 0; a < dim; a++) {
            double pos = 0;
            for (int i = 1; i < n; i++) {
                pos += step * gauss.sample() + v * dt * dir[a] / norm;
                axes[a][i] = pos;
            }
            for (int i = 0; i < n; i++) {
                axes[a][i] += sigma * gauss.sample();
            }
        }
        return Trajectory.ofAxes(id, dt, axes);
    }

    /**
     * Fractional Brownian motion with Hurst exponent h (α = 2h): steps = sqrt(2·D·dt) × unit fractional
     * Gaussian noise, generated exactly via the Cholesky factor of the fGn covariance (cached per n, h).
     */
    public Trajectory fbm(String id, int n, double d, double dt, int dim, double h) {
        double[][] l = cholesky(n - 1, h);
        double step = Math.sqrt(2 * d * dt);
        double[][] axes = new double[dim][n];
        double[] z = new double[n - 1];
        for (int a = 0; a < dim; a++) {
            for (int i = 0; i < n - 1; i++) {
                z[i] = gauss.sample();
            }
            double pos = 0;
            for (int i = 0; i < n - 1; i++) {
                double s = 0;
                for (int j = 0; j <= i; j++) {
                    s += l[i][j] * z[j];
                }
                pos += step * s;
                axes[a][i + 1] = pos;
            }
        }
        return Trajectory.ofAxes(id, dt, axes);
    }

    /** @return a standard normal variate */
    public double gaussian() {
        return gauss.sample();
    }

    /** @return a uniform double in [0, 1) */
    public double uniform() {
        return rng.nextDouble();
    }

    private static synchronized double[][] cholesky(int m, double h) {
        return CHOLESKY.computeIfAbsent(m + ":" + h, k -> {
            double[][] c = new double[m][m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < m; j++) {
                    double k2 = Math.abs(i - j);
                    c[i][j] = 0.5 * (Math.pow(k2 + 1, 2 * h) - 2 * Math.pow(k2, 2 * h)
                            + Math.pow(Math.abs(k2 - 1), 2 * h));
                }
            }
            double[][] l = new double[m][m];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j <= i; j++) {
                    double s = c[i][j];
                    for (int q = 0; q < j; q++) {
                        s -= l[i][q] * l[j][q];
                    }
                    l[i][j] = i == j ? Math.sqrt(s) : s / l[j][j];
                }
            }
            return l;
        });
    }
}
