package org.deepspt.sim;

import java.util.Objects;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.deepspt.api.DiffusionState;

/**
 * Low-level generators of true (noise-free) paths for each diffusion state, writing into caller-supplied
 * arrays (no allocation per point). Building blocks for {@link Simulator} and for custom populations.
 *
 * <p>Common contract: a path starts at {@code origin} = p<sub>0</sub> (not written) and the generator
 * writes the next {@code count} positions p<sub>1</sub>..p<sub>count</sub> to
 * {@code out[axis][offset .. offset+count)}, µm. {@code origin.length} = {@code out.length} = dimension
 * (2 or 3). Each frame lasts {@code frameInterval} dt, s. Per-axis displacement laws per frame:
 * <ul>
 *   <li>normal: Δ ~ N(0, 2·D·dt);</li>
 *   <li>directed: Δ = v·dt + N(0, 2·D·dt), v the drift velocity, µm/s;</li>
 *   <li>confined: Brownian motion with {@code subSteps} sub-steps per frame, each N(0, 2·D·dt/subSteps)
 *       per axis, inside the ellipse/ellipsoid centred at the origin; a sub-step that would leave the
 *       region (Σ (b<sub>j</sub>/s<sub>j</sub>)² &gt; 1 in body coordinates b, semi-axes s) is rejected and
 *       the particle stays. Because isotropic Gaussian steps are rotation invariant the walk is done in
 *       body coordinates and rotated once per frame: p = origin + R·b;</li>
 *   <li>subdiffusive: fractional Brownian motion, Δ = √(2·D·dt)·fGn<sub>H</sub>, independent per axis,
 *       exact ({@link FractionalGaussianNoise}); MSD(t) = 2·dim·D·dt·(t/dt)<sup>2H</sup>.</li>
 * </ul>
 * Thread-safety: stateless; do not share a random provider between threads.
 */
public final class SegmentGenerator {
    private SegmentGenerator() {
    }

    /**
     * Dispatches to the generator of a state using a track's parameters.
     *
     * @param state the state
     * @param params the track's parameters (D, v, confinement, α)
     * @param subSteps confinement sub-steps per frame
     * @param origin start point p<sub>0</sub>, µm
     * @param rng random stream
     * @param out destination, {@code out[axis][i]}, µm
     * @param offset first index written
     * @param count number of positions written
     */
    public static void generate(DiffusionState state, TrackParameters params, int subSteps, double[] origin,
            UniformRandomProvider rng, double[][] out, int offset, int count) {
        double d = params.diffusion();
        double dt = params.frameInterval();
        switch (state) {
            case NORMAL -> normal(d, dt, origin, rng, out, offset, count);
            case DIRECTED -> directed(d, params.velocity(), dt, origin, rng, out, offset, count);
            case CONFINED -> confined(d, params.confinementSemiAxes(), params.confinementRotation(), dt,
                    subSteps, origin, rng, out, offset, count);
            case SUBDIFFUSIVE -> subdiffusive(d, params.hurst(), dt, origin, rng, out, offset, count);
            default -> throw new IllegalArgumentException("unknown state " + state);
        }
    }

    /**
     * Brownian motion: Gaussian steps with standard deviation √(2·D·dt) per axis.
     *
     * @param diffusion D, µm²/s (≥ 0)
     * @param frameInterval dt, s
     * @param origin p<sub>0</sub>, µm
     * @param rng random stream
     * @param out destination
     * @param offset first index written
     * @param count positions written
     */
    public static void normal(double diffusion, double frameInterval, double[] origin, UniformRandomProvider rng,
            double[][] out, int offset, int count) {
        directed(diffusion, new double[origin.length], frameInterval, origin, rng, out, offset, count);
    }

    /**
     * Brownian motion with constant drift: Δ = v·dt + N(0, 2·D·dt) per axis.
     *
     * @param diffusion D, µm²/s (≥ 0)
     * @param velocity drift v, µm/s, one entry per axis
     * @param frameInterval dt, s
     * @param origin p<sub>0</sub>, µm
     * @param rng random stream
     * @param out destination
     * @param offset first index written
     * @param count positions written
     */
    public static void directed(double diffusion, double[] velocity, double frameInterval, double[] origin,
            UniformRandomProvider rng, double[][] out, int offset, int count) {
        int dim = check(origin, out, offset, count);
        if (velocity.length != dim) {
            throw new IllegalArgumentException("velocity has " + velocity.length + " axes, expected " + dim);
        }
        NormalizedGaussianSampler g = ZigguratSampler.NormalizedGaussian.of(rng);
        double sd = Math.sqrt(2 * diffusion * frameInterval);
        // Point-major order so the random stream does not depend on array layout.
        double[] p = origin.clone();
        for (int i = 0; i < count; i++) {
            for (int a = 0; a < dim; a++) {
                p[a] += velocity[a] * frameInterval + sd * g.sample();
                out[a][offset + i] = p[a];
            }
        }
    }

    /**
     * Brownian motion confined to an ellipse (2D) or ellipsoid (3D) centred at the origin, with rejected
     * sub-steps (see class doc).
     *
     * @param diffusion D, µm²/s (≥ 0)
     * @param semiAxes half axis lengths s<sub>j</sub>, µm (&gt; 0)
     * @param rotation dim×dim rotation; column j is body axis j in lab coordinates
     * @param frameInterval dt, s
     * @param subSteps sub-steps per frame (≥ 1)
     * @param origin p<sub>0</sub> = centre of the region, µm
     * @param rng random stream
     * @param out destination
     * @param offset first index written
     * @param count positions written
     */
    public static void confined(double diffusion, double[] semiAxes, double[][] rotation, double frameInterval,
            int subSteps, double[] origin, UniformRandomProvider rng, double[][] out, int offset, int count) {
        confined(diffusion, semiAxes, rotation, frameInterval, subSteps, origin, new double[origin.length], rng,
                out, offset, count);
    }

    /**
     * Brownian motion confined to an ellipse/ellipsoid whose centre is {@code centre}, starting from the body
     * position {@code start} (a point inside the region, in body coordinates, µm) instead of the centre: a
     * particle that enters a compartment somewhere other than its middle.
     *
     * @param diffusion D, µm²/s (≥ 0)
     * @param semiAxes half axis lengths, µm (&gt; 0)
     * @param rotation dim×dim rotation; column j is body axis j in lab coordinates
     * @param frameInterval dt, s
     * @param subSteps sub-steps per frame (≥ 1)
     * @param centre centre of the region in lab coordinates, µm
     * @param start start position in body coordinates (Σ (b<sub>j</sub>/s<sub>j</sub>)² ≤ 1), µm
     * @param rng random stream
     * @param out destination
     * @param offset first index written
     * @param count positions written
     */
    public static void confined(double diffusion, double[] semiAxes, double[][] rotation, double frameInterval,
            int subSteps, double[] centre, double[] start, UniformRandomProvider rng, double[][] out, int offset,
            int count) {
        double[] origin = centre;
        int dim = check(origin, out, offset, count);
        if (start.length != dim) {
            throw new IllegalArgumentException("start must have " + dim + " axes");
        }
        if (semiAxes.length != dim || rotation.length != dim) {
            throw new IllegalArgumentException("semiAxes and rotation must have " + dim + " axes");
        }
        if (subSteps < 1) {
            throw new IllegalArgumentException("subSteps must be >= 1, got " + subSteps);
        }
        NormalizedGaussianSampler g = ZigguratSampler.NormalizedGaussian.of(rng);
        double sd = Math.sqrt(2 * diffusion * frameInterval / subSteps);
        if (dim == 2) {
            confined2d(sd, semiAxes, rotation, subSteps, origin, start, g, out, offset, count);
        } else {
            confined3d(sd, semiAxes, rotation, subSteps, origin, start, g, out, offset, count);
        }
    }

    private static void confined2d(double sd, double[] s, double[][] r, int subSteps, double[] origin,
            double[] start, NormalizedGaussianSampler g, double[][] out, int offset, int count) {
        double ia = 1 / (s[0] * s[0]);
        double ib = 1 / (s[1] * s[1]);
        double bx = start[0];
        double by = start[1];
        double[] ox = out[0];
        double[] oy = out[1];
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < subSteps; k++) {
                double nx = bx + sd * g.sample();
                double ny = by + sd * g.sample();
                if (nx * nx * ia + ny * ny * ib <= 1) {
                    bx = nx;
                    by = ny;
                }
            }
            ox[offset + i] = origin[0] + r[0][0] * bx + r[0][1] * by;
            oy[offset + i] = origin[1] + r[1][0] * bx + r[1][1] * by;
        }
    }

    private static void confined3d(double sd, double[] s, double[][] r, int subSteps, double[] origin,
            double[] start, NormalizedGaussianSampler g, double[][] out, int offset, int count) {
        double ia = 1 / (s[0] * s[0]);
        double ib = 1 / (s[1] * s[1]);
        double ic = 1 / (s[2] * s[2]);
        double bx = start[0];
        double by = start[1];
        double bz = start[2];
        for (int i = 0; i < count; i++) {
            for (int k = 0; k < subSteps; k++) {
                double nx = bx + sd * g.sample();
                double ny = by + sd * g.sample();
                double nz = bz + sd * g.sample();
                if (nx * nx * ia + ny * ny * ib + nz * nz * ic <= 1) {
                    bx = nx;
                    by = ny;
                    bz = nz;
                }
            }
            for (int a = 0; a < 3; a++) {
                out[a][offset + i] = origin[a] + r[a][0] * bx + r[a][1] * by + r[a][2] * bz;
            }
        }
    }

    /**
     * Fractional Brownian motion: cumulative sum of √(2·D·dt) × unit fGn, independent per axis.
     *
     * @param diffusion D, µm²/s (generalised: MSD(t) = 2·dim·D·dt·(t/dt)<sup>2H</sup>)
     * @param hurst H, 0 ≤ H &lt; 1 (raised to {@link FractionalGaussianNoise#MIN_HURST} when smaller)
     * @param frameInterval dt, s
     * @param origin p<sub>0</sub>, µm
     * @param rng random stream
     * @param out destination
     * @param offset first index written
     * @param count positions written
     */
    public static void subdiffusive(double diffusion, double hurst, double frameInterval, double[] origin,
            UniformRandomProvider rng, double[][] out, int offset, int count) {
        int dim = check(origin, out, offset, count);
        double[][] steps = new double[dim][count];
        FractionalGaussianNoise.fill(steps, count, hurst, ZigguratSampler.NormalizedGaussian.of(rng));
        double scale = Math.sqrt(2 * diffusion * frameInterval);
        for (int a = 0; a < dim; a++) {
            double p = origin[a];
            double[] st = steps[a];
            double[] o = out[a];
            for (int i = 0; i < count; i++) {
                p += scale * st[i];
                o[offset + i] = p;
            }
        }
    }

    /**
     * Adds independent Gaussian localisation noise N(0, σ²) to every coordinate of
     * {@code out[axis][offset .. offset+count)}; nothing (and no random draw) when σ = 0.
     *
     * @param sigma σ per axis, µm (≥ 0)
     * @param rng random stream
     * @param out positions, µm
     * @param offset first index
     * @param count number of points
     */
    public static void addNoise(double sigma, UniformRandomProvider rng, double[][] out, int offset, int count) {
        if (!(sigma >= 0)) {
            throw new IllegalArgumentException("noise sigma must be >= 0 µm, got " + sigma);
        }
        if (sigma == 0 || count == 0) {
            return;
        }
        NormalizedGaussianSampler g = ZigguratSampler.NormalizedGaussian.of(rng);
        int dim = out.length;
        for (int i = offset; i < offset + count; i++) {
            for (int a = 0; a < dim; a++) {
                out[a][i] += sigma * g.sample();
            }
        }
    }

    private static int check(double[] origin, double[][] out, int offset, int count) {
        Objects.requireNonNull(origin, "origin");
        Objects.requireNonNull(out, "out");
        int dim = origin.length;
        if ((dim != 2 && dim != 3) || out.length != dim) {
            throw new IllegalArgumentException("origin and out must both have 2 or 3 axes, got " + dim + " and "
                    + out.length);
        }
        for (double[] row : out) {
            Objects.checkFromIndexSize(offset, count, row.length);
        }
        return dim;
    }
}
