package org.deepspt;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.deepspt.api.Trajectory;
import org.deepspt.sim.SegmentGenerator;

/**
 * The one generator of synthetic tracks for the tests of deepspt-features and the modules above it (test-only, shared as its test-jar). Motion comes from the
 * simulator's {@link SegmentGenerator}, so the tests exercise the same displacement laws as the
 * {@link org.deepspt.sim.Simulator}; every track starts at the origin, frames 0..n−1.
 *
 * <p>A generator is one seeded random stream ({@code XO_RO_SHI_RO_128_PP}); consecutive calls draw
 * different tracks, and the same seed and the same calls give the same tracks. Not thread-safe.
 */
public final class TestTracks {
    private final UniformRandomProvider rng;
    private final ZigguratSampler.NormalizedGaussian gauss;

    private TestTracks(long seed) {
        this.rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        this.gauss = ZigguratSampler.NormalizedGaussian.of(rng);
    }

    /**
     * @param seed the seed of the stream
     * @return a generator
     */
    public static TestTracks seeded(long seed) {
        return new TestTracks(seed);
    }

    /**
     * Brownian motion, Δ ~ N(0, 2·D·dt) per axis, plus Gaussian localization noise.
     *
     * @param id track id
     * @param n points
     * @param d D, µm²/s
     * @param dt frame interval, s
     * @param dim 2 or 3
     * @param sigma noise σ per axis, µm (0: none, and no random draw)
     * @return the track
     */
    public Trajectory brownian(String id, int n, double d, double dt, int dim, double sigma) {
        double[][] axes = new double[dim][n];
        SegmentGenerator.normal(d, dt, new double[dim], rng, axes, 1, n - 1);
        SegmentGenerator.addNoise(sigma, rng, axes, 0, n);
        return Trajectory.ofAxes(id, dt, axes);
    }

    /**
     * Brownian motion whose D switches from {@code d1} to {@code d2} at point {@code n/2} (steps 1..n/2−1
     * with d1, the rest with d2): displacements are a mixture of two Gaussians.
     *
     * @param id track id
     * @param n points
     * @param d1 D of the first half, µm²/s
     * @param d2 D of the second half, µm²/s
     * @param dt frame interval, s
     * @param dim 2 or 3
     * @return the track
     */
    public Trajectory switchingBrownian(String id, int n, double d1, double d2, double dt, int dim) {
        double[][] axes = new double[dim][n];
        int half = n / 2;
        SegmentGenerator.normal(d1, dt, new double[dim], rng, axes, 1, half - 1);
        double[] middle = new double[dim];
        for (int a = 0; a < dim; a++) {
            middle[a] = axes[a][half - 1];
        }
        SegmentGenerator.normal(d2, dt, middle, rng, axes, half, n - half);
        return Trajectory.ofAxes(id, dt, axes);
    }

    /**
     * Brownian motion with a constant drift of speed v in a random direction, plus localization noise.
     *
     * @param id track id
     * @param n points
     * @param d D, µm²/s
     * @param v drift speed, µm/s
     * @param dt frame interval, s
     * @param dim 2 or 3
     * @param sigma noise σ per axis, µm
     * @return the track
     */
    public Trajectory directed(String id, int n, double d, double v, double dt, int dim, double sigma) {
        double[] velocity = new double[dim];
        double norm = 0;
        for (int a = 0; a < dim; a++) {
            velocity[a] = gauss.sample();
            norm += velocity[a] * velocity[a];
        }
        norm = Math.sqrt(norm);
        for (int a = 0; a < dim; a++) {
            velocity[a] *= v / norm;
        }
        double[][] axes = new double[dim][n];
        SegmentGenerator.directed(d, velocity, dt, new double[dim], rng, axes, 1, n - 1);
        SegmentGenerator.addNoise(sigma, rng, axes, 0, n);
        return Trajectory.ofAxes(id, dt, axes);
    }

    /**
     * Fractional Brownian motion (exact fractional Gaussian noise), MSD(t) = 2·dim·D·dt·(t/dt)<sup>2H</sup>,
     * no noise.
     *
     * @param id track id
     * @param n points
     * @param d D, µm²/s
     * @param dt frame interval, s
     * @param dim 2 or 3
     * @param hurst H = α/2
     * @return the track
     */
    public Trajectory fbm(String id, int n, double d, double dt, int dim, double hurst) {
        double[][] axes = new double[dim][n];
        SegmentGenerator.subdiffusive(d, hurst, dt, new double[dim], rng, axes, 1, n - 1);
        return Trajectory.ofAxes(id, dt, axes);
    }

    /**
     * Brownian motion confined to a disc (2D) or ball (3D) of radius r centred at the origin (20 rejected
     * sub-steps per frame), no noise: the MSD reaches its plateau within a few frames when r² ≪ D·dt.
     *
     * @param id track id
     * @param n points
     * @param d D, µm²/s
     * @param radius r, µm
     * @param dt frame interval, s
     * @param dim 2 or 3
     * @return the track
     */
    public Trajectory confined(String id, int n, double d, double radius, double dt, int dim) {
        double[][] axes = new double[dim][n];
        double[] semiAxes = new double[dim];
        double[][] rotation = new double[dim][dim];
        for (int a = 0; a < dim; a++) {
            semiAxes[a] = radius;
            rotation[a][a] = 1;
        }
        SegmentGenerator.confined(d, semiAxes, rotation, dt, 20, new double[dim], rng, axes, 0, n);
        return Trajectory.ofAxes(id, dt, axes);
    }

    /**
     * Gaussian jitter of σ per axis around the origin (a particle that does not move, seen with noise).
     *
     * @param id track id
     * @param n points
     * @param sigma σ per axis, µm
     * @param dt frame interval, s
     * @param dim 2 or 3
     * @return the track
     */
    public Trajectory jitter(String id, int n, double sigma, double dt, int dim) {
        double[][] axes = new double[dim][n];
        SegmentGenerator.addNoise(sigma, rng, axes, 0, n);
        return Trajectory.ofAxes(id, dt, axes);
    }

    /**
     * A 2D track from coordinate pairs, frames 0.., dt = 1 s.
     *
     * @param id track id
     * @param xy x0, y0, x1, y1, … µm
     * @return the track
     */
    public static Trajectory of2d(String id, double... xy) {
        int n = xy.length / 2;
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = xy[2 * i];
            y[i] = xy[2 * i + 1];
        }
        return Trajectory.ofAxes(id, 1.0, x, y);
    }
}
