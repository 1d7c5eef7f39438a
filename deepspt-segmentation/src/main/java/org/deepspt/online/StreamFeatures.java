package org.deepspt.online;

/**
 * The input features of the streaming models, computed online from the points of one particle (the
 * Python twin is {@code models/training/stream_model.py#features}; they must stay identical).
 *
 * <p>For point i (0-based) of a track with positions r: step d<sub>i</sub> = r<sub>i</sub> − r<sub>i−1</sub>
 * (d<sub>0</sub> = 0), step length l<sub>i</sub> = |d<sub>i</sub>|, running scale s<sub>i</sub> = (l<sub>1</sub> + … +
 * l<sub>i</sub>) / i, the mean step length so far (s = 1 at i = 0 and while every step is 0). Features, D + 4
 * values for a D-dimensional track:
 * <ul>
 *   <li>d<sub>i</sub> / s<sub>i</sub> (D values);</li>
 *   <li>log(max(l<sub>i</sub> / s<sub>i</sub>, 10<sup>−3</sup>)) (0 at i = 0);</li>
 *   <li>1 / √max(i, 1);</li>
 *   <li>for w in {@link #WINDOWS} = 4, 16: log(|r<sub>i</sub> − r<sub>i−m</sub>|² / (m s<sub>i</sub>²) + 10<sup>−2</sup>)
 *       with m = min(w, i): the squared displacement over the last m steps per step, in units of the scale
 *       (0 at i = 0).</li>
 * </ul>
 * Dimensionless: any length unit and frame rate. O(1) time per point; memory: the last 17 positions.
 */
final class StreamFeatures {
    /** Floor of l / s inside the logarithm. */
    static final double MIN_RATIO = 1e-3;
    /** Displacement windows, steps. */
    static final int[] WINDOWS = {4, 16};
    /** Added inside the logarithm of the displacement features. */
    static final double EPS = 1e-2;
    /** Positions kept: the largest window + 1. */
    static final int RING = 17;

    private StreamFeatures() {
    }

    /** @param dim 2 or 3 @return features per point, dim + 4 */
    static int count(int dim) {
        return dim + 2 + WINDOWS.length;
    }

    /**
     * Computes the features of the next point of a particle into {@code s.features} and advances its
     * running statistics.
     *
     * @param s the particle's state; {@code index} points came before this one
     * @param index 0-based index of this point in its track
     * @param x µm
     * @param y µm
     * @param z µm (ignored in 2D)
     */
    static void next(StreamState s, long index, double x, double y, double z) {
        float[] f = s.features;
        int dim = s.dim;
        double[] ring = s.positions;
        int slot = (int) (index % RING) * dim;
        ring[slot] = x;
        ring[slot + 1] = y;
        if (dim == 3) {
            ring[slot + 2] = z;
        }
        if (index == 0) {
            java.util.Arrays.fill(f, 0f);
            f[dim + 1] = 1f;
            return;
        }
        int prev = (int) ((index - 1) % RING) * dim;
        double dx = x - ring[prev];
        double dy = y - ring[prev + 1];
        double dz = dim == 3 ? z - ring[prev + 2] : 0.0;
        double l = Math.sqrt(dx * dx + dy * dy + dz * dz);
        s.stepSum += l;
        double scale = s.stepSum / index;
        if (!(scale > 0)) {
            scale = 1.0;
        }
        f[0] = (float) (dx / scale);
        f[1] = (float) (dy / scale);
        if (dim == 3) {
            f[2] = (float) (dz / scale);
        }
        f[dim] = (float) Math.log(Math.max(l / scale, MIN_RATIO));
        f[dim + 1] = (float) (1.0 / Math.sqrt(index));
        for (int k = 0; k < WINDOWS.length; k++) {
            long m = Math.min(WINDOWS[k], index);
            int back = (int) ((index - m) % RING) * dim;
            double sq = 0;
            for (int a = 0; a < dim; a++) {
                double v = ring[slot + a] - ring[back + a];
                sq += v * v;
            }
            f[dim + 2 + k] = (float) Math.log(sq / (m * scale * scale) + EPS);
        }
    }
}
