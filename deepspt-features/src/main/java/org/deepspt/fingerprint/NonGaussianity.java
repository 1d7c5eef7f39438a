package org.deepspt.fingerprint;

import org.deepspt.msd.LagMoments;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;

/**
 * Non-Gaussianity family: {@code gaussianity} from the fourth and second moments of the displacements at
 * every lag, and {@code kurtosis} of the positions along the main axis of their covariance (gyration)
 * tensor (definitions on {@link DiffusionalFingerprint}). The 3 × 3 eigen decomposition is EJML's symmetric
 * QR algorithm (kurtosis equal to Commons Math 3.6.1's {@code EigenDecomposition} within 7e-14 relative on
 * 20,000 random 3D walks; why EJML: BENCHMARKS.md). Per-thread scratch object (part of
 * {@link DiffusionalFingerprint.Workspace}); not thread-safe.
 */
final class NonGaussianity {
    private final EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(3, true, true);
    private final DMatrixRMaj gyration = new DMatrixRMaj(3, 3);

    /**
     * Mean over lags n = 1..L with MSD(n) &gt; 0 of ⟨|Δr<sub>n</sub>|⁴⟩ / (2·⟨|Δr<sub>n</sub>|²⟩²).
     *
     * @param moments moments at lags 1..{@code lags}
     * @param lags L
     * @return the Gaussianity; NaN when no lag has MSD &gt; 0
     */
    static double gaussianity(LagMoments moments, int lags) {
        double sum = 0;
        int count = 0;
        for (int lag = 1; lag <= lags; lag++) {
            int pairs = moments.pairs(lag);
            if (pairs > 0) {
                double mean2 = moments.sumOfSquares(lag) / pairs;
                if (mean2 > 0) {
                    sum += (moments.sumOfFourthPowers(lag) / pairs) / (2 * mean2 * mean2);
                    count++;
                }
            }
        }
        return count > 0 ? sum / count : Double.NaN;
    }

    /**
     * Pearson kurtosis m<sub>4</sub>/m<sub>2</sub>² of points {@code from..from+n−1} projected on the
     * eigenvector of the largest eigenvalue of their population covariance (2D: the angle
     * ½·atan2(2c<sub>xy</sub>, c<sub>xx</sub> − c<sub>yy</sub>)).
     *
     * @param axes 2 or 3 per-axis coordinate arrays, µm
     * @param from first point
     * @param n number of points, ≥ 1
     * @return the kurtosis; NaN when all points coincide (or, never seen, the 3 × 3 eigen decomposition
     *     does not converge)
     */
    double kurtosis(double[][] axes, int from, int n) {
        int dim = axes.length;
        double[] mean = new double[dim];
        for (int a = 0; a < dim; a++) {
            double s = 0;
            for (int i = from; i < from + n; i++) {
                s += axes[a][i];
            }
            mean[a] = s / n;
        }
        double[][] cov = new double[dim][dim];
        for (int a = 0; a < dim; a++) {
            for (int b = a; b < dim; b++) {
                double s = 0;
                for (int i = from; i < from + n; i++) {
                    s += (axes[a][i] - mean[a]) * (axes[b][i] - mean[b]);
                }
                cov[a][b] = s / n;
                cov[b][a] = s / n;
            }
        }
        double[] dir = new double[dim];
        if (dim == 2) {
            double theta = 0.5 * Math.atan2(2 * cov[0][1], cov[0][0] - cov[1][1]);
            dir[0] = Math.cos(theta);
            dir[1] = Math.sin(theta);
        } else {
            double trace = cov[0][0] + cov[1][1] + cov[2][2];
            if (!(trace > 0)) {
                return Double.NaN;
            }
            if (!mainAxis3d(cov, dir)) {
                return Double.NaN;
            }
        }
        double m2 = 0;
        double m4 = 0;
        for (int i = from; i < from + n; i++) {
            double p = 0;
            for (int a = 0; a < dim; a++) {
                p += (axes[a][i] - mean[a]) * dir[a];
            }
            double p2 = p * p;
            m2 += p2;
            m4 += p2 * p2;
        }
        m2 /= n;
        m4 /= n;
        return m2 > 0 ? m4 / (m2 * m2) : Double.NaN;
    }

    /** Eigenvector of the largest eigenvalue of a symmetric 3 × 3 matrix, into {@code dir}; false if none. */
    private boolean mainAxis3d(double[][] cov, double[] dir) {
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                gyration.unsafe_set(a, b, cov[a][b]);
            }
        }
        if (!eigen.decompose(gyration)) {
            return false;
        }
        int best = 0;
        for (int i = 1; i < 3; i++) {
            if (eigen.getEigenvalue(i).real > eigen.getEigenvalue(best).real) {
                best = i;
            }
        }
        DMatrixRMaj v = eigen.getEigenVector(best);
        for (int a = 0; a < 3; a++) {
            dir[a] = v.unsafe_get(a, 0);
        }
        return true;
    }
}
