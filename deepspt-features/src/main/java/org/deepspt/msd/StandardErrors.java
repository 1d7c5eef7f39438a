package org.deepspt.msd;

import org.jspecify.annotations.Nullable;

/**
 * Standard errors of the anomalous MSD fit ({@link MsdFitter}): the sandwich covariance of a weighted least
 * squares estimator under the full covariance of the time-averaged MSD. Stateless.
 *
 * <p>Model of the data: a Gaussian process with stationary increments whose per-axis structure function is
 * the fitted model, m(k) = (A·(k·dt)<sup>α</sup> + c)/dim for k ≥ 1 frames and m(0) = 0 (fractional
 * Brownian motion plus static Gaussian localization noise of per-axis variance c/(2·dim); exact for that
 * model at the fitted values, approximate for others). For two displacements of lags n and l whose first
 * points are δ frames apart the per-axis covariance is
 * <pre>
 *   γ(δ) = ½ [ m(|δ + l|) + m(|δ − n|) − m(|δ|) − m(|δ + l − n|) ]
 * </pre>
 * and, with Cov(U², V²) = 2·Cov(U, V)² for jointly Gaussian zero-mean U, V, summed over dim independent
 * axes, the time-averaged MSD of a gap-free track of N points (P<sub>n</sub> = N − n pairs) has
 * <pre>
 *   Cov(MSD(n), MSD(l)) = 2·dim / (P_n·P_l) · Σ_δ count(δ)·γ(δ)²,
 *   count(δ) = min(P_n, P_l − δ) − max(0, −δ)  (pairs of displacements δ apart).
 * </pre>
 * For Brownian motion with localization error this is the covariance Michalet (2010) evaluates. With the
 * Jacobian J of f = A·t<sup>α</sup> + c with respect to the free parameters (those not on a bound) and the
 * fit's final weights W, Cov(θ) = B⁻¹·JᵀWCWJ·B⁻¹, B = JᵀWJ (the weights need not be the inverse covariance:
 * lags are strongly correlated, which the weighted fit ignores and this covariance does not). Then
 * SE(α) = √Cov(α, α) and SE(D) = √Cov(A, A)/(2·dim). Gapped tracks are treated as gap-free with N points.
 *
 * <p>Cost: the sum over δ is exact where the two displacements overlap or lie within n + l frames of each other
 * (|δ| ≤ n + l + 2); beyond, γ(δ) ≈ ½·n·l·m''(δ) is smooth (and 0 for Brownian motion and for the noise) and
 * the sum is taken on blocks of ⌊|δ|/8⌋ frames, each at its midpoint times its width. O(L³ + L²·log N) for L
 * lags; agrees with the exact O(L²·N) sum within 5e-3 relative (checked for α = 0.5, 1, 1.5; about 0.2 % on a
 * standard error, which is itself a model-based approximation good to some 25 %).
 */
final class StandardErrors {
    private StandardErrors() {
    }

    /**
     * @param lnT ln(lag·dt) of the k fitted lags
     * @param lag the k fitted lags, frames
     * @param k number of fitted lags
     * @param a fitted A = 2·dim·D, µm²/s^α
     * @param alpha fitted α
     * @param c fitted offset, µm²
     * @param w final weights of the fit ({@code null}: uniform)
     * @param points N, number of points of the track
     * @param dt frame interval, s
     * @param dim 2 or 3
     * @param aFree A not on its bound
     * @param alphaFree α not on a bound
     * @param cFree offset not on its bound
     * @return {SE(D) in µm²/s^α, SE(α)}; NaN for a parameter on a bound or when the covariance is not
     *     positive (e.g. α &gt; 2, where the model is not a valid structure function)
     */
    static double[] anomalous(double[] lnT, int[] lag, int k, double a, double alpha, double c, double @Nullable [] w,
            int points, double dt, int dim, boolean aFree, boolean alphaFree, boolean cFree) {
        double[] out = {Double.NaN, Double.NaN};
        int p = (aFree ? 1 : 0) + (alphaFree ? 1 : 0) + (cFree ? 1 : 0);
        if (p == 0 || k < p || points < 2) {
            return out;
        }
        double[][] j = new double[k][p];
        for (int i = 0; i < k; i++) {
            double x = Math.exp(alpha * lnT[i]);
            int col = 0;
            if (aFree) {
                j[i][col++] = x;
            }
            if (alphaFree) {
                j[i][col++] = a * x * lnT[i];
            }
            if (cFree) {
                j[i][col] = 1;
            }
        }
        double[][] cov = msdCovariance(lag, k, points, a, alpha, c, dt, dim);
        double[][] b = new double[p][p];
        double[][] wj = new double[k][p];
        for (int i = 0; i < k; i++) {
            double wi = w == null ? 1 : w[i];
            for (int r = 0; r < p; r++) {
                wj[i][r] = wi * j[i][r];
            }
        }
        for (int r = 0; r < p; r++) {
            for (int s = 0; s < p; s++) {
                double sum = 0;
                for (int i = 0; i < k; i++) {
                    sum += j[i][r] * wj[i][s];
                }
                b[r][s] = sum;
            }
        }
        double[][] m = new double[p][p];
        for (int r = 0; r < p; r++) {
            for (int s = r; s < p; s++) {
                double sum = 0;
                for (int i = 0; i < k; i++) {
                    double row = 0;
                    for (int l = 0; l < k; l++) {
                        row += cov[i][l] * wj[l][s];
                    }
                    sum += wj[i][r] * row;
                }
                m[r][s] = sum;
                m[s][r] = sum;
            }
        }
        // Jacobi scaling: A and c are in µm² and α is dimensionless, so B's diagonal spans the square of the track's
        // coordinate scale; inverting S·B·S (unit diagonal) instead of B keeps the pivots comparable at any scale,
        // and Cov(θ) = S·(SBS)⁻¹·(SMS)·(SBS)⁻¹·S is the same matrix.
        double[] scale = new double[p];
        for (int r = 0; r < p; r++) {
            if (!(b[r][r] > 0) || !Double.isFinite(b[r][r])) {
                return out;
            }
            scale[r] = 1 / Math.sqrt(b[r][r]);
        }
        for (int r = 0; r < p; r++) {
            for (int q = 0; q < p; q++) {
                b[r][q] *= scale[r] * scale[q];
                m[r][q] *= scale[r] * scale[q];
            }
        }
        double[][] bi = invert(b);
        if (bi == null) {
            return out;
        }
        double[][] v = multiply(multiply(bi, m), bi);
        for (int r = 0; r < p; r++) {
            for (int q = 0; q < p; q++) {
                v[r][q] *= scale[r] * scale[q];
            }
        }
        int col = 0;
        if (aFree) {
            out[0] = sqrtOrNaN(v[col][col]) / (2.0 * dim);
            col++;
        }
        if (alphaFree) {
            out[1] = sqrtOrNaN(v[col][col]);
        }
        return out;
    }

    /** Cov(MSD(lag[r]), MSD(lag[s])) of a gap-free track of N points under the fitted model; see the class. */
    static double[][] msdCovariance(int[] lag, int k, int points, double a, double alpha, double c, double dt,
            int dim) {
        return covariance(lag, k, points, a, alpha, c, dt, dim, false);
    }

    /** The same with every δ summed exactly, O(L²·N) (for tests). */
    static double[][] msdCovarianceExact(int[] lag, int k, int points, double a, double alpha, double c, double dt,
            int dim) {
        return covariance(lag, k, points, a, alpha, c, dt, dim, true);
    }

    private static double[][] covariance(int[] lag, int k, int points, double a, double alpha, double c, double dt,
            int dim, boolean exact) {
        double[] m = new double[points + 1];
        for (int q = 1; q <= points; q++) {
            m[q] = (a * Math.pow(q * dt, alpha) + c) / dim;
        }
        double[][] cov = new double[k][k];
        for (int r = 0; r < k; r++) {
            int n = lag[r];
            int pn = points - n;
            for (int s = r; s < k; s++) {
                int l = lag[s];
                int pl = points - l;
                double sum = 0;
                if (pn > 0 && pl > 0) {
                    int lo = -(pn - 1);
                    int hi = pl - 1;
                    int near = exact ? Integer.MAX_VALUE : n + l + 2;
                    int from = Math.max(lo, -near);
                    int to = Math.min(hi, near);
                    for (int delta = from; delta <= to; delta++) {
                        sum += term(m, pn, pl, n, l, delta);
                    }
                    // far field, right: blocks [d, d + w − 1] evaluated at their midpoint
                    for (int d = to + 1; d <= hi; ) {
                        int w = Math.max(1, d / 8);
                        int end = Math.min(hi, d + w - 1);
                        sum += (end - d + 1) * term(m, pn, pl, n, l, (d + end) >>> 1);
                        d = end + 1;
                    }
                    for (int d = from - 1; d >= lo; ) {
                        int w = Math.max(1, -d / 8);
                        int end = Math.max(lo, d - w + 1);
                        sum += (d - end + 1) * term(m, pn, pl, n, l, (end + d) >> 1);
                        d = end - 1;
                    }
                    sum *= 2.0 * dim / ((double) pn * pl);
                }
                cov[r][s] = sum;
                cov[s][r] = sum;
            }
        }
        return cov;
    }

    /** count(δ)·γ(δ)² for displacements of lags n, l whose first points are δ frames apart. */
    private static double term(double[] m, int pn, int pl, int n, int l, int delta) {
        int count = Math.min(pn, pl - delta) - Math.max(0, -delta);
        if (count <= 0) {
            return 0;
        }
        double g = 0.5 * (m[Math.abs(delta + l)] + m[Math.abs(delta - n)] - m[Math.abs(delta)]
                - m[Math.abs(delta + l - n)]);
        return count * g * g;
    }

    private static double sqrtOrNaN(double v) {
        return v > 0 && Double.isFinite(v) ? Math.sqrt(v) : Double.NaN;
    }

    private static double[][] multiply(double[][] x, double[][] y) {
        int n = x.length;
        double[][] z = new double[n][n];
        for (int r = 0; r < n; r++) {
            for (int s = 0; s < n; s++) {
                double sum = 0;
                for (int q = 0; q < n; q++) {
                    sum += x[r][q] * y[q][s];
                }
                z[r][s] = sum;
            }
        }
        return z;
    }

    /** Gauss–Jordan inverse with partial pivoting of a small matrix; null when singular. */
    private static double @Nullable [][] invert(double[][] x) {
        int n = x.length;
        double[][] a = new double[n][2 * n];
        for (int r = 0; r < n; r++) {
            System.arraycopy(x[r], 0, a[r], 0, n);
            a[r][n + r] = 1;
        }
        for (int col = 0; col < n; col++) {
            int piv = col;
            for (int r = col + 1; r < n; r++) {
                if (Math.abs(a[r][col]) > Math.abs(a[piv][col])) {
                    piv = r;
                }
            }
            double scale = 0;
            for (int r = 0; r < n; r++) {
                scale = Math.max(scale, Math.abs(x[r][col]));
            }
            if (!(Math.abs(a[piv][col]) > 1e-14 * scale)) {
                return null;
            }
            double[] tmp = a[col];
            a[col] = a[piv];
            a[piv] = tmp;
            double d = a[col][col];
            for (int q = 0; q < 2 * n; q++) {
                a[col][q] /= d;
            }
            for (int r = 0; r < n; r++) {
                if (r != col) {
                    double f = a[r][col];
                    for (int q = 0; q < 2 * n; q++) {
                        a[r][q] -= f * a[col][q];
                    }
                }
            }
        }
        double[][] inv = new double[n][n];
        for (int r = 0; r < n; r++) {
            System.arraycopy(a[r], n, inv[r], 0, n);
        }
        return inv;
    }
}
