package org.deepspt.sim;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.UnitSphereSampler;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.deepspt.api.DiffusionState;

/**
 * The physical parameters of one simulated track, drawn once per track and shared by all of its segments
 * (the published protocol lists them under "per track, draw once"):
 * <ul>
 *   <li>D ~ log-uniform, µm²/s; Q ~ uniform;</li>
 *   <li>directed: R ~ U[R<sub>min</sub>, R<sub>max</sub>], N<sub>v</sub> ~ uniform integer, speed
 *       v = √(4·R·D/(N<sub>v</sub>·dt)) µm/s, direction uniform on the circle/sphere;</li>
 *   <li>confined: full axis lengths each ~ U[a<sub>min</sub>, a<sub>max</sub>] µm and a uniformly random
 *       orientation (2D: angle ~ U[0, 2π); 3D: rotation from a uniformly random unit quaternion, i.e.
 *       Haar-distributed on SO(3)); the centre is not a track parameter, it is each confined segment's
 *       start point;</li>
 *   <li>subdiffusive: α ~ U[α<sub>min</sub>, α<sub>max</sub>], H = α/2 (raised to
 *       {@link FractionalGaussianNoise#MIN_HURST} when smaller).</li>
 * </ul>
 * All parameters are drawn in a fixed order whatever states the track uses, so the random stream of a
 * track does not depend on its composition. Immutable; array accessors return copies.
 */
public final class TrackParameters {
    private final int dimension;
    private final double frameInterval;
    private final double diffusion;
    private final double snr;
    private final boolean noise;
    private final double directedR;
    private final int directedNv;
    private final double speed;
    private final double[] direction;
    private final double[] confinementAxes;
    private final double[][] rotation;
    private final double alpha;

    private TrackParameters(SimulationConfig c, double diffusion, double snr, double directedR, int directedNv,
            double[] direction, double[] confinementAxes, double[][] rotation, double alpha) {
        this.dimension = c.dimension();
        this.frameInterval = c.frameInterval();
        this.noise = c.noise();
        this.diffusion = diffusion;
        this.snr = snr;
        this.directedR = directedR;
        this.directedNv = directedNv;
        this.speed = Math.sqrt(4 * directedR * diffusion / (directedNv * frameInterval));
        this.direction = direction;
        this.confinementAxes = confinementAxes;
        this.rotation = rotation;
        this.alpha = alpha;
    }

    /**
     * Draws a track's parameters from the configuration's ranges.
     *
     * @param config the population
     * @param rng the track's random stream (advanced by the draws)
     * @return the parameters
     */
    public static TrackParameters draw(SimulationConfig config, UniformRandomProvider rng) {
        int dim = config.dimension();
        // StrictMath: bit-reproducible across JVMs and platforms.
        double d = StrictMath.exp(uniform(rng, StrictMath.log(config.diffusionMin()),
                StrictMath.log(config.diffusionMax())));
        if (config.diffusionMin() == config.diffusionMax()) {
            d = config.diffusionMin();
        }
        double q = uniform(rng, config.snrMin(), config.snrMax());
        double r = uniform(rng, config.directedRMin(), config.directedRMax());
        int nv = config.directedNvMin() + rng.nextInt(config.directedNvMax() - config.directedNvMin() + 1);
        double[] dir = UnitSphereSampler.of(rng, dim).sample();
        double[] axes = new double[dim];
        for (int a = 0; a < dim; a++) {
            axes[a] = uniform(rng, config.confinementAxisMin(), config.confinementAxisMax());
        }
        double[][] rot = dim == 2 ? rotation2d(rng.nextDouble() * 2 * Math.PI)
                : rotation3d(ZigguratSampler.NormalizedGaussian.of(rng));
        double alpha = uniform(rng, config.alphaMin(), config.alphaMax());
        return new TrackParameters(config, d, q, r, nv, dir, axes, rot, alpha);
    }

    private static double uniform(UniformRandomProvider rng, double min, double max) {
        return min == max ? min : min + (max - min) * rng.nextDouble();
    }

    static double[][] rotation2d(double theta) {
        double c = StrictMath.cos(theta);
        double s = StrictMath.sin(theta);
        return new double[][] {{c, -s}, {s, c}};
    }

    static double[][] rotation3d(NormalizedGaussianSampler g) {
        double w;
        double x;
        double y;
        double z;
        double norm;
        do {
            w = g.sample();
            x = g.sample();
            y = g.sample();
            z = g.sample();
            norm = Math.sqrt(w * w + x * x + y * y + z * z);
        } while (norm < 1e-12);
        w /= norm;
        x /= norm;
        y /= norm;
        z /= norm;
        return new double[][] {
            {1 - 2 * (y * y + z * z), 2 * (x * y - z * w), 2 * (x * z + y * w)},
            {2 * (x * y + z * w), 1 - 2 * (x * x + z * z), 2 * (y * z - x * w)},
            {2 * (x * z - y * w), 2 * (y * z + x * w), 1 - 2 * (x * x + y * y)}};
    }

    /** @return 2 or 3 */
    public int dimension() {
        return dimension;
    }

    /** @return frame interval dt, s */
    public double frameInterval() {
        return frameInterval;
    }

    /** @return diffusion coefficient D, µm²/s */
    public double diffusion() {
        return diffusion;
    }

    /** @return signal-to-noise ratio Q */
    public double snr() {
        return snr;
    }

    /** @return R of the directed speed formula */
    public double directedR() {
        return directedR;
    }

    /** @return N<sub>v</sub> of the directed speed formula, frames */
    public int directedNv() {
        return directedNv;
    }

    /** @return directed speed v = √(4·R·D/(N<sub>v</sub>·dt)), µm/s */
    public double speed() {
        return speed;
    }

    /** @return unit direction of directed motion (copy) */
    public double[] direction() {
        return direction.clone();
    }

    /** @return drift velocity v·direction, µm/s (copy) */
    public double[] velocity() {
        double[] v = new double[dimension];
        for (int a = 0; a < dimension; a++) {
            v[a] = speed * direction[a];
        }
        return v;
    }

    /** @return full axis lengths of the confinement ellipse/ellipsoid in its own frame, µm (copy) */
    public double[] confinementAxes() {
        return confinementAxes.clone();
    }

    /** @return half axis lengths, µm (copy) */
    public double[] confinementSemiAxes() {
        double[] s = new double[dimension];
        for (int a = 0; a < dimension; a++) {
            s[a] = confinementAxes[a] / 2;
        }
        return s;
    }

    /**
     * @return orientation of the confinement: a rotation matrix whose column j is body axis j in lab
     *         coordinates, so lab = centre + R·body (deep copy)
     */
    public double[][] confinementRotation() {
        double[][] r = new double[dimension][];
        for (int a = 0; a < dimension; a++) {
            r[a] = rotation[a].clone();
        }
        return r;
    }

    /** @return anomalous exponent α of subdiffusion as drawn (may be 0) */
    public double alpha() {
        return alpha;
    }

    /** @return Hurst exponent used, max(α/2, {@link FractionalGaussianNoise#MIN_HURST}) */
    public double hurst() {
        return FractionalGaussianNoise.effectiveHurst(alpha / 2);
    }

    /**
     * Localisation noise of a segment: σ = √(D·dt)/Q per axis, for directed motion √(D·dt + v²dt²)/Q;
     * 0 when the configuration disables noise.
     *
     * @param state the segment's state
     * @return σ, µm
     */
    public double noiseSigma(DiffusionState state) {
        if (!noise) {
            return 0;
        }
        double var = diffusion * frameInterval;
        if (state == DiffusionState.DIRECTED) {
            var += speed * speed * frameInterval * frameInterval;
        }
        return Math.sqrt(var) / snr;
    }

    @Override
    public String toString() {
        return "TrackParameters[D=" + diffusion + " µm²/s, Q=" + snr + ", v=" + speed + " µm/s, alpha=" + alpha
                + "]";
    }
}
