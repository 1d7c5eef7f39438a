package org.deepspt.classify;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealVector;
import org.deepspt.api.DeepSptException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logistic regression, the one implementation of the project: the multinomial model of the track classifiers
 * ({@link #fit}, L-BFGS on the mean cross-entropy, {@link ClassifierTrainer}) and the weighted binary model of the
 * event-timing classifier ({@link #fitBinary}, Newton on the weighted log-likelihood,
 * {@code org.deepspt.event.EventTimingTrainer}), with one {@link #sigmoid}. Two solvers because the two models
 * differ (k classes and thousands of rows against sample weights and a handful of inputs) and each one's
 * coefficients are what the trained files hold. Deterministic: no randomness at all. Internal building block:
 * public only so that the event package reaches it; not API.
 *
 * <p>{@link #fit} minimises the L2-penalised mean cross-entropy
 * <pre>
 *   f(W, b) = −(1/n) Σ_i ln p_{y_i}(x_i) + (λ/2)·Σ_{c,j} W_{cj}²
 * </pre>
 * (intercepts not penalised) with full-batch L-BFGS (memory 10, Armijo backtracking line search), starting
 * from W = 0, b = 0. Stops when the largest gradient component is below {@code tolerance}, when f changes by less
 * than 1e-12·(1 + |f|), or after {@code maxIterations}. Gradient: ∂f/∂W<sub>c</sub> = (1/n) Σ (p<sub>ic</sub> −
 * [y<sub>i</sub> = c])·x<sub>i</sub> + λW<sub>c</sub>.
 */
public final class LogisticRegression {
    private static final Logger LOG = LoggerFactory.getLogger(LogisticRegression.class);
    private static final int MEMORY = 10;
    private static final double ARMIJO = 1e-4;

    private LogisticRegression() {
    }

    /**
     * @param x row-major n × p standardised features (NaN-free)
     * @param y classes 0..k−1, length n
     * @param n rows
     * @param p features
     * @param k classes (≥ 2)
     * @param lambda L2 penalty λ ≥ 0
     * @param maxIterations iteration cap
     * @param tolerance gradient tolerance (max norm)
     * @return the fitted model
     */
    static SoftmaxModel fit(double[] x, int[] y, int n, int p, int k, double lambda, int maxIterations,
            double tolerance) {
        int q = k * (p + 1);
        double[] theta = new double[q];
        double[] grad = new double[q];
        double[] work = new double[k];
        double f = objective(theta, grad, x, y, n, p, k, lambda, work);
        double[][] s = new double[MEMORY][q];
        double[][] t = new double[MEMORY][q];
        double[] rho = new double[MEMORY];
        double[] alpha = new double[MEMORY];
        double[] dir = new double[q];
        double[] next = new double[q];
        double[] nextGrad = new double[q];
        int stored = 0;
        int head = 0;
        int iter = 0;
        for (; iter < maxIterations; iter++) {
            if (maxAbs(grad) < tolerance) {
                break;
            }
            // two-loop recursion: dir = −H·grad
            System.arraycopy(grad, 0, dir, 0, q);
            for (int m = 0; m < stored; m++) {
                int i = Math.floorMod(head - 1 - m, MEMORY);
                alpha[i] = rho[i] * dot(s[i], dir);
                axpy(-alpha[i], t[i], dir);
            }
            double gamma = 1;
            if (stored > 0) {
                int last = Math.floorMod(head - 1, MEMORY);
                gamma = dot(s[last], t[last]) / dot(t[last], t[last]);
            } else {
                gamma = 1 / Math.max(1, Math.sqrt(dot(grad, grad)));
            }
            scale(dir, gamma);
            for (int m = stored - 1; m >= 0; m--) {
                int i = Math.floorMod(head - 1 - m, MEMORY);
                double beta = rho[i] * dot(t[i], dir);
                axpy(alpha[i] - beta, s[i], dir);
            }
            scale(dir, -1);
            double slope = dot(grad, dir);
            if (!(slope < 0)) { // not a descent direction: restart from steepest descent
                for (int j = 0; j < q; j++) {
                    dir[j] = -grad[j];
                }
                slope = dot(grad, dir);
                stored = 0;
            }
            double step = 1;
            double fNext = Double.NaN;
            boolean accepted = false;
            for (int ls = 0; ls < 50; ls++) {
                for (int j = 0; j < q; j++) {
                    next[j] = theta[j] + step * dir[j];
                }
                fNext = objective(next, nextGrad, x, y, n, p, k, lambda, work);
                if (fNext <= f + ARMIJO * step * slope) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) {
                break;
            }
            double[] si = s[head];
            double[] ti = t[head];
            for (int j = 0; j < q; j++) {
                si[j] = next[j] - theta[j];
                ti[j] = nextGrad[j] - grad[j];
            }
            double sy = dot(si, ti);
            if (sy > 1e-12) {
                rho[head] = 1 / sy;
                head = (head + 1) % MEMORY;
                stored = Math.min(stored + 1, MEMORY);
            }
            double change = f - fNext;
            System.arraycopy(next, 0, theta, 0, q);
            System.arraycopy(nextGrad, 0, grad, 0, q);
            f = fNext;
            if (change <= 1e-12 * (1 + Math.abs(f))) {
                iter++;
                break;
            }
        }
        LOG.debug("logistic regression: n={}, p={}, k={}, lambda={}, {} iterations, loss {}, |grad|max {}",
                n, p, k, lambda, iter, f, maxAbs(grad));
        double[][] w = new double[k][p];
        double[] b = new double[k];
        for (int c = 0; c < k; c++) {
            System.arraycopy(theta, c * (p + 1), w[c], 0, p);
            b[c] = theta[c * (p + 1) + p];
        }
        return new SoftmaxModel(w, b);
    }

    /** Objective and gradient at theta (layout: class c's p weights then its intercept). */
    static double objective(double[] theta, double[] grad, double[] x, int[] y, int n, int p, int k,
            double lambda, double[] logits) {
        java.util.Arrays.fill(grad, 0);
        double loss = 0;
        int stride = p + 1;
        for (int i = 0; i < n; i++) {
            int row = i * p;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                int off = c * stride;
                double sum = theta[off + p];
                for (int j = 0; j < p; j++) {
                    sum += theta[off + j] * x[row + j];
                }
                logits[c] = sum;
                max = Math.max(max, sum);
            }
            double z = 0;
            for (int c = 0; c < k; c++) {
                z += Math.exp(logits[c] - max);
            }
            double logZ = max + Math.log(z);
            loss += logZ - logits[y[i]];
            for (int c = 0; c < k; c++) {
                double r = Math.exp(logits[c] - logZ) - (c == y[i] ? 1 : 0);
                int off = c * stride;
                for (int j = 0; j < p; j++) {
                    grad[off + j] += r * x[row + j];
                }
                grad[off + p] += r;
            }
        }
        double penalty = 0;
        for (int c = 0; c < k; c++) {
            int off = c * stride;
            for (int j = 0; j < stride; j++) {
                grad[off + j] /= n;
            }
            for (int j = 0; j < p; j++) {
                double w = theta[off + j];
                penalty += w * w;
                grad[off + j] += lambda * w;
            }
        }
        return loss / n + 0.5 * lambda * penalty;
    }

    /**
     * Binary logistic regression P(y = 1 | x) = σ(b + w·x), σ(z) = 1/(1 + e<sup>−z</sup>), fitted by Newton's
     * method (iteratively reweighted least squares) on the weighted, L2-penalised negative log-likelihood
     * <pre>
     *   J(b, w) = −Σ_i c_i [y_i ln p_i + (1 − y_i) ln(1 − p_i)] + ½ λ |w|²
     * </pre>
     * (the bias b is not penalised). J is strictly convex for λ &gt; 0, so the optimum is unique and the fit is
     * deterministic; iteration stops when the largest Newton step is below 1e-8 or after {@code maxIterations}.
     * Inputs are expected standardised and finite. Newton's exact steps suit the few inputs and the sample
     * weights of the event-timing model ({@code org.deepspt.event.EventTimingTrainer}).
     *
     * @param x n × d inputs (finite)
     * @param y n labels 0/1
     * @param weight n non-negative sample weights c<sub>i</sub>
     * @param lambda L2 penalty λ &gt; 0
     * @param maxIterations Newton iterations ≥ 1
     * @return d + 1 coefficients: b first, then w
     */
    public static double[] fitBinary(double[][] x, int[] y, double[] weight, double lambda, int maxIterations) {
        int n = x.length;
        int d = n == 0 ? 0 : x[0].length;
        int p = d + 1;
        double[] beta = new double[p];
        double[] grad = new double[p];
        double[][] hess = new double[p][p];
        double[] row = new double[p];
        for (int iter = 0; iter < maxIterations; iter++) {
            java.util.Arrays.fill(grad, 0);
            for (double[] h : hess) {
                java.util.Arrays.fill(h, 0);
            }
            for (int i = 0; i < n; i++) {
                row[0] = 1;
                System.arraycopy(x[i], 0, row, 1, d);
                double z = 0;
                for (int j = 0; j < p; j++) {
                    z += beta[j] * row[j];
                }
                double prob = sigmoid(z);
                double c = weight[i];
                double r = c * (prob - y[i]);
                double s = c * prob * (1 - prob);
                for (int j = 0; j < p; j++) {
                    grad[j] += r * row[j];
                    double sj = s * row[j];
                    double[] hj = hess[j];
                    for (int k = 0; k <= j; k++) {
                        hj[k] += sj * row[k];
                    }
                }
            }
            for (int j = 0; j < p; j++) {
                for (int k = 0; k < j; k++) {
                    hess[k][j] = hess[j][k];
                }
                if (j > 0) {
                    grad[j] += lambda * beta[j];
                    hess[j][j] += lambda;
                } else {
                    hess[0][0] += 1e-9;
                }
            }
            RealVector step;
            try {
                step = new CholeskyDecomposition(new Array2DRowRealMatrix(hess, false), 1e-12, 1e-14).getSolver()
                        .solve(new ArrayRealVector(grad, false));
            } catch (NonPositiveDefiniteMatrixException e) {
                throw new DeepSptException("logistic regression: singular Hessian (" + e.getMessage() + ")", e);
            }
            double largest = 0;
            for (int j = 0; j < p; j++) {
                double sj = step.getEntry(j);
                beta[j] -= sj;
                largest = Math.max(largest, Math.abs(sj));
            }
            if (largest < 1e-8) {
                break;
            }
        }
        return beta;
    }

    /** @return σ(z) = 1/(1 + e<sup>−z</sup>), computed without overflow */
    public static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) {
            y[i] += a * x[i];
        }
    }

    private static void scale(double[] x, double a) {
        for (int i = 0; i < x.length; i++) {
            x[i] *= a;
        }
    }

    private static double maxAbs(double[] a) {
        double m = 0;
        for (double v : a) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
