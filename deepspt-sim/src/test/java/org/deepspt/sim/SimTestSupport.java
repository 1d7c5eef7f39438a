package org.deepspt.sim;

import java.util.List;
import org.deepspt.api.Trajectory;

/** Shared helpers of the simulator tests. */
final class SimTestSupport {
    private SimTestSupport() {
    }

    /**
     * Time-averaged MSD summed over axes, pooled over tracks: Σ over tracks and pairs of |r(i+lag) − r(i)|²
     * divided by the number of pairs.
     */
    static double[] pooledMsd(List<Trajectory> tracks, int maxLag) {
        double[] sum = new double[maxLag + 1];
        long[] cnt = new long[maxLag + 1];
        for (Trajectory t : tracks) {
            int dim = t.dimension();
            double[][] ax = new double[dim][];
            for (int a = 0; a < dim; a++) {
                ax[a] = t.axis(a);
            }
            for (int lag = 1; lag <= maxLag; lag++) {
                for (int i = 0; i + lag < t.size(); i++) {
                    double d2 = 0;
                    for (int a = 0; a < dim; a++) {
                        double d = ax[a][i + lag] - ax[a][i];
                        d2 += d * d;
                    }
                    sum[lag] += d2;
                    cnt[lag]++;
                }
            }
        }
        double[] msd = new double[maxLag + 1];
        for (int lag = 1; lag <= maxLag; lag++) {
            msd[lag] = sum[lag] / cnt[lag];
        }
        return msd;
    }
}
