package org.deepspt.fingerprint;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.deepspt.api.Trajectory;
import org.deepspt.sim.SegmentGenerator;

/** Seeded test tracks built on {@link SegmentGenerator} of the simulator. */
final class FingerprintTracks {
    private FingerprintTracks() {
    }

    /** Brownian motion from the origin, no noise. */
    static Trajectory brownian(String id, int n, double d, double dt, int dim, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[][] out = new double[dim][n];
        SegmentGenerator.normal(d, dt, new double[dim], rng, out, 1, n - 1);
        return Trajectory.ofAxes(id, dt, out);
    }

    /** Fractional Brownian motion with Hurst index H = α/2, no noise. */
    static Trajectory fbm(String id, int n, double d, double alpha, double dt, int dim, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[][] out = new double[dim][n];
        SegmentGenerator.subdiffusive(d, alpha / 2, dt, new double[dim], rng, out, 1, n - 1);
        return Trajectory.ofAxes(id, dt, out);
    }

    /** 2D track from coordinate pairs, frames 0.., dt = 1 s. */
    static Trajectory of2d(String id, double... xy) {
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
