package org.deepspt.event;

import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.CholeskyDecomposition;
import org.apache.commons.math3.linear.NonPositiveDefiniteMatrixException;
import org.apache.commons.math3.linear.RealVector;
import org.deepspt.api.DeepSptException;

/**
 * Binary logistic regression P(y = 1 | x) = σ(b + w·x), σ(z) = 1/(1 + e<sup>−z</sup>), fitted by Newton's
 * method (iteratively reweighted least squares) on the weighted, L2-penalised negative log-likelihood
 * <pre>
 *   J(b, w) = −Σ_i c_i [y_i ln p_i + (1 − y_i) ln(1 − p_i)] + ½ λ |w|²
 * </pre>
 * (the bias b is not penalised). J is strictly convex for λ &gt; 0, so the optimum is unique and the fit is
 * deterministic; iteration stops when the largest Newton step is below 1e-8 or after {@code maxIterations}.
 * Inputs are expected standardised and finite. Package-private building block of
 * {@link EventTimingTrainer}.
 */
final class LogisticRegression {
    private LogisticRegression() {
    }

    /**
     * @param x n × d inputs (finite)
     * @param y n labels 0/1
     * @param weight n non-negative sample weights c<sub>i</sub>
     * @param lambda L2 penalty λ &gt; 0
     * @param maxIterations Newton iterations ≥ 1
     * @return d + 1 coefficients: b first, then w
     */
    static double[] fit(double[][] x, int[] y, double[] weight, double lambda, int maxIterations) {
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
    static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }
}
