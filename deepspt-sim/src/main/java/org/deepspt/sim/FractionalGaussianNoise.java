package org.deepspt.sim;

import org.apache.commons.math3.transform.DftNormalization;
import org.apache.commons.math3.transform.FastFourierTransformer;
import org.apache.commons.math3.transform.TransformType;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.NormalizedGaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;

/**
 * Exact sampling of unit-variance fractional Gaussian noise (fGn), the increments of fractional Brownian
 * motion, by the Davies–Harte circulant-embedding method.
 *
 * <p>fGn with Hurst exponent H is the stationary Gaussian sequence X<sub>0</sub>, X<sub>1</sub>, … with
 * mean 0 and autocovariance
 * <p style="margin-left: 2em">γ(k) = ½ (|k+1|<sup>2H</sup> − 2|k|<sup>2H</sup> + |k−1|<sup>2H</sup>),
 * γ(0) = 1.</p>
 * Its cumulative sum is fractional Brownian motion with Var B(t) = t<sup>2H</sup> (t in steps), i.e. MSD
 * exponent α = 2H.
 *
 * <p>Algorithm (Davies &amp; Harte, Biometrika 74, 95–101 (1987), doi:10.1093/biomet/74.1.95; in the
 * complex form of Wood &amp; Chan, J. Comput. Graph. Stat. 3, 409–432 (1994),
 * doi:10.1080/10618600.1994.10474655): the n×n Toeplitz covariance is embedded in a symmetric circulant
 * of size m = 2M, M the smallest power of two ≥ n, with first row
 * c = (γ(0), γ(1), …, γ(M), γ(M−1), …, γ(1)). Its eigenvalues are λ = FFT(c) (real). With complex
 * standard Gaussians Z<sub>k</sub> = A<sub>k</sub> + iB<sub>k</sub>, the vector w = FFT(√(λ/m)·Z) has
 * real and imaginary parts that are two independent exact samples with covariance c; their first n
 * entries are the fGn. The FFT is commons-math3 {@link FastFourierTransformer} (power-of-two lengths).
 * Cost O(m log m) per pair of sequences.
 *
 * <p>Edge cases, documented choices:
 * <ul>
 *   <li>For fGn the circulant embedding is known to be non-negative definite (for H ≤ ½, the range
 *       this protocol uses, because γ(k) ≤ 0 for k ≥ 1: Craigmile, J. Time Ser. Anal. 24, 505–511
 *       (2003), doi:10.1111/1467-9892.00318), but rounding can make eigenvalues that
 *       should be 0 slightly negative (about −1e−16·m); those are clamped to 0, which changes the
 *       covariance by a negligible amount. Should a larger negative eigenvalue ever occur, clamping makes the
 *       sample approximate rather than exact.</li>
 *   <li>H = 0 is not a valid fGn (0<sup>0</sup> is ambiguous in γ); the simulation protocol draws
 *       α ~ U[0, 0.7] and H = α/2, so α = 0 is possible: H in [0, {@link #MIN_HURST}) is raised to
 *       {@link #MIN_HURST} = 1e−3 (γ(1) ≈ −0.5: nearly anti-persistent white-noise increments).</li>
 *   <li>n = 0 gives an empty array; H = ½ gives white noise (γ(k) = 0 for k ≠ 0).</li>
 * </ul>
 *
 * <p>Thread-safety: stateless; the caller's random provider must not be shared between threads.
 */
public final class FractionalGaussianNoise {
    /** Smallest Hurst exponent used; smaller non-negative values are raised to it (see class doc). */
    public static final double MIN_HURST = 1e-3;

    private FractionalGaussianNoise() {
    }

    /**
     * Autocovariance of unit-variance fGn, γ(k) = ½(|k+1|<sup>2H</sup> − 2|k|<sup>2H</sup> +
     * |k−1|<sup>2H</sup>); symmetric in k, γ(0) = 1.
     *
     * @param k lag, steps (any sign)
     * @param hurst Hurst exponent H, 0 &lt; H &lt; 1 (not clamped here)
     * @return γ(k), dimensionless
     * @throws IllegalArgumentException if H is not in (0, 1)
     */
    public static double autocovariance(int k, double hurst) {
        if (!(hurst > 0 && hurst < 1)) {
            throw new IllegalArgumentException("hurst must be in (0, 1), got " + hurst);
        }
        return gamma(Math.abs((long) k), 2 * hurst);
    }

    private static double gamma(long k, double twoH) {
        if (k == 0) {
            return 1.0;
        }
        return 0.5 * (StrictMath.pow(k + 1, twoH) - 2 * StrictMath.pow(k, twoH) + StrictMath.pow(k - 1, twoH));
    }

    /**
     * The Hurst exponent actually used for a requested one: values in [0, {@link #MIN_HURST}) become
     * {@link #MIN_HURST}.
     *
     * @param hurst requested H, 0 ≤ H &lt; 1
     * @return max(H, MIN_HURST)
     * @throws IllegalArgumentException if H is NaN, negative or ≥ 1
     */
    public static double effectiveHurst(double hurst) {
        if (!(hurst >= 0 && hurst < 1)) {
            throw new IllegalArgumentException("hurst must be in [0, 1), got " + hurst);
        }
        return Math.max(hurst, MIN_HURST);
    }

    /**
     * One exact sample of unit-variance fGn.
     *
     * @param n number of values (≥ 0)
     * @param hurst Hurst exponent, 0 ≤ H &lt; 1 (values below {@link #MIN_HURST} are raised to it)
     * @param rng source of randomness
     * @return n values with autocovariance γ(k)
     * @throws IllegalArgumentException if n &lt; 0 or H is outside [0, 1)
     */
    public static double[] sample(int n, double hurst, UniformRandomProvider rng) {
        if (n < 0) {
            throw new IllegalArgumentException("n must be >= 0, got " + n);
        }
        double[][] out = new double[1][n];
        fill(out, n, hurst, ZigguratSampler.NormalizedGaussian.of(rng));
        return out[0];
    }

    /**
     * Fills {@code out[j][0..n)} for every j with independent unit fGn sequences, using one FFT for the
     * eigenvalues and one FFT per pair of sequences.
     *
     * @param out destination rows, each of length ≥ n
     * @param n sequence length
     * @param hurst 0 ≤ H &lt; 1
     * @param gauss standard normal sampler
     */
    static void fill(double[][] out, int n, double hurst, NormalizedGaussianSampler gauss) {
        double h = effectiveHurst(hurst);
        if (n == 0) {
            return;
        }
        if (n == 1) {
            for (double[] row : out) {
                row[0] = gauss.sample();
            }
            return;
        }
        int half = Integer.highestOneBit(n - 1) << 1; // smallest power of two >= n (n >= 2)
        int m = 2 * half;
        double twoH = 2 * h;
        double[] re = new double[m];
        double[] im = new double[m];
        for (int j = 0; j <= half; j++) {
            re[j] = gamma(j, twoH);
        }
        for (int j = 1; j < half; j++) {
            re[m - j] = re[j];
        }
        double[][] data = {re, im};
        FastFourierTransformer.transformInPlace(data, DftNormalization.STANDARD, TransformType.FORWARD);
        double[] scale = new double[m];
        for (int k = 0; k < m; k++) {
            // Eigenvalues of a real symmetric circulant are real; clamp rounding-level negatives at 0.
            scale[k] = Math.sqrt(Math.max(re[k], 0.0) / m);
        }
        for (int row = 0; row < out.length; row += 2) {
            for (int k = 0; k < m; k++) {
                re[k] = scale[k] * gauss.sample();
                im[k] = scale[k] * gauss.sample();
            }
            FastFourierTransformer.transformInPlace(data, DftNormalization.STANDARD, TransformType.FORWARD);
            System.arraycopy(re, 0, out[row], 0, n);
            if (row + 1 < out.length) {
                System.arraycopy(im, 0, out[row + 1], 0, n);
            }
        }
    }
}
