package org.deepspt.msd;

import java.util.Arrays;
import org.deepspt.api.Trajectory;
import org.jspecify.annotations.Nullable;

/**
 * Second and fourth moments of the displacements of one track at lags 1..L: the one scan behind
 * {@link Msd}, {@link MsdFitter#fit(Trajectory)} and the MSD, Gaussianity and trappedness
 * features of the diffusional fingerprint.
 *
 * <p>For lag n the pairs are the points (i, j) with frame<sub>j</sub> − frame<sub>i</sub> = n exactly
 * (for consecutive points, j = i + n), P(n) their number, and
 * <pre>
 *   S₂(n) = Σ |r_j − r_i|²,   S₄(n) = Σ |r_j − r_i|⁴,   MSD(n) = S₂(n) / P(n)   (µm², µm⁴, µm²)
 * </pre>
 * with |r<sub>j</sub> − r<sub>i</sub>|² = Σ<sub>axes</sub> d<sub>a</sub>² summed per pair in axis order, and
 * the pairs summed in increasing i. A lag without pairs has P = 0 and MSD NaN. Tracks with gaps (missing
 * frames) are scanned with two pointers per lag; cost O(N·L·dim) either way.
 *
 * <p>Mutable scratch object, reused between tracks (buffers grow as needed, no allocation once large
 * enough); not thread-safe: one per thread.
 */
public final class LagMoments {
    private double[] sum2 = new double[0];
    private double[] sum4 = new double[0];
    private int[] pairs = new int[0];
    private int maxLag;

    /** An empty accumulator; call a {@code measure} method before reading. */
    public LagMoments() {
    }

    /**
     * Moments of the trajectory's measured points, lags in frames: interpolated points
     * ({@link Trajectory#interpolated(int)}) are skipped, so a pair n frames apart is a pair of localisations.
     *
     * @param t the trajectory
     * @param maxLag largest lag L, frames, ≥ 0 (lags beyond the frame span have no pairs)
     * @return this
     */
    public LagMoments measure(Trajectory t, int maxLag) {
        Trajectory measured = measuredPoints(t);
        if (measured == null) {
            return measure(new double[t.dimension()][0], null, 0, 0, maxLag);
        }
        t = measured;
        int dim = t.dimension();
        double[][] axes = new double[dim][];
        for (int a = 0; a < dim; a++) {
            axes[a] = t.axis(a);
        }
        return measure(axes, t.hasGaps() ? t.frames() : null, 0, t.size(), maxLag);
    }

    /**
     * Moments of points {@code from..from+n−1}.
     *
     * @param axes {@code axes[a][i]}: coordinate a of point i, µm (any number of axes)
     * @param frames frame index of every point, strictly increasing over the points used; {@code null}
     *     when the points are consecutive frames (lags then count points)
     * @param from first point
     * @param n number of points, ≥ 0
     * @param maxLag largest lag L, frames, ≥ 0
     * @return this
     */
    public LagMoments measure(double[][] axes, int @Nullable [] frames, int from, int n, int maxLag) {
        if (maxLag < 0) {
            throw new IllegalArgumentException("maxLag must be >= 0, got " + maxLag);
        }
        ensure(maxLag);
        this.maxLag = maxLag;
        boolean gaps = frames != null && n > 1 && frames[from + n - 1] - frames[from] != n - 1;
        for (int lag = 1; lag <= maxLag; lag++) {
            if (gaps) {
                gapped(axes, frames, from, n, lag);
            } else {
                consecutive(axes, from, n, lag);
            }
        }
        return this;
    }

    /**
     * @param t a trajectory
     * @return its measured points ({@link Trajectory#measured()}: interpolated points removed, their frames left
     *     as gaps), or null when every point is interpolated (a piece that lies inside a gap)
     */
    static @Nullable Trajectory measuredPoints(Trajectory t) {
        return t.interpolatedCount() == t.size() ? null : t.measured();
    }

    /**
     * Maps a track's point indices onto the indices of its measured points.
     *
     * @param t a trajectory
     * @return {@code b} of length {@code t.size() + 1} with b[i] = the number of measured (not interpolated)
     *     points before point i, so that points from..to−1 of the track are measured points b[from]..b[to]−1 of
     *     {@link Trajectory#measured()}, and points from..to−1 include an interpolated one exactly when
     *     b[to] − b[from] &lt; to − from; null when no point is interpolated (the two numberings agree)
     */
    public static int @Nullable [] measuredBefore(Trajectory t) {
        if (t.interpolatedCount() == 0) {
            return null;
        }
        int[] b = new int[t.size() + 1];
        for (int i = 0; i < t.size(); i++) {
            b[i + 1] = b[i] + (t.interpolated(i) ? 0 : 1);
        }
        return b;
    }

    /** @return L of the last {@code measure} */
    public int maxLag() {
        return maxLag;
    }

    /**
     * @param lag 1..{@link #maxLag()}
     * @return P(lag), the number of pairs
     */
    public int pairs(int lag) {
        return pairs[check(lag)];
    }

    /**
     * @param lag 1..{@link #maxLag()}
     * @return S₂(lag) = Σ |Δr|², µm²
     */
    public double sumOfSquares(int lag) {
        return sum2[check(lag)];
    }

    /**
     * @param lag 1..{@link #maxLag()}
     * @return S₄(lag) = Σ |Δr|⁴, µm⁴
     */
    public double sumOfFourthPowers(int lag) {
        return sum4[check(lag)];
    }

    /**
     * @param lag 1..{@link #maxLag()}
     * @return MSD(lag) = S₂/P, µm²; NaN when P = 0
     */
    public double msd(int lag) {
        int k = check(lag);
        return pairs[k] == 0 ? Double.NaN : sum2[k] / pairs[k];
    }

    /**
     * Writes MSD(1..count) into a caller-supplied array.
     *
     * @param out receives MSD(n) at {@code out[n−1]}, µm²
     * @param count number of lags, ≤ {@link #maxLag()}
     */
    public void msd(double[] out, int count) {
        for (int lag = 1; lag <= count; lag++) {
            out[lag - 1] = msd(lag);
        }
    }

    /**
     * Writes P(1..count) into a caller-supplied array.
     *
     * @param out receives P(n) at {@code out[n−1]}
     * @param count number of lags, ≤ {@link #maxLag()}
     */
    public void pairs(int[] out, int count) {
        for (int lag = 1; lag <= count; lag++) {
            out[lag - 1] = pairs(lag);
        }
    }

    private int check(int lag) {
        if (lag < 1 || lag > maxLag) {
            throw new IndexOutOfBoundsException("lag must be in 1.." + maxLag + ", got " + lag);
        }
        return lag - 1;
    }

    private void ensure(int lags) {
        if (sum2.length < lags) {
            int c = Math.max(lags, 2 * sum2.length);
            sum2 = new double[c];
            sum4 = new double[c];
            pairs = new int[c];
        }
    }

    private void consecutive(double[][] axes, int from, int n, int lag) {
        double s2 = 0;
        double s4 = 0;
        int end = from + n - lag;
        int dim = axes.length;
        if (dim == 2) {
            double[] x = axes[0];
            double[] y = axes[1];
            for (int i = from; i < end; i++) {
                double dx = x[i + lag] - x[i];
                double dy = y[i + lag] - y[i];
                double r2 = dx * dx + dy * dy;
                s2 += r2;
                s4 += r2 * r2;
            }
        } else if (dim == 3) {
            double[] x = axes[0];
            double[] y = axes[1];
            double[] z = axes[2];
            for (int i = from; i < end; i++) {
                double dx = x[i + lag] - x[i];
                double dy = y[i + lag] - y[i];
                double dz = z[i + lag] - z[i];
                double r2 = dx * dx + dy * dy + dz * dz;
                s2 += r2;
                s4 += r2 * r2;
            }
        } else {
            for (int i = from; i < end; i++) {
                double r2 = squaredDistance(axes, i, i + lag);
                s2 += r2;
                s4 += r2 * r2;
            }
        }
        store(lag, s2, s4, Math.max(0, n - lag));
    }

    private void gapped(double[][] axes, int[] frames, int from, int n, int lag) {
        double s2 = 0;
        double s4 = 0;
        int count = 0;
        int end = from + n;
        int j = from;
        for (int i = from; i < end; i++) {
            int target = frames[i] + lag;
            j = Math.max(j, i + 1);
            while (j < end && frames[j] < target) {
                j++;
            }
            if (j == end) {
                break;
            }
            if (frames[j] == target) {
                double r2 = squaredDistance(axes, i, j);
                s2 += r2;
                s4 += r2 * r2;
                count++;
            }
        }
        store(lag, s2, s4, count);
    }

    private static double squaredDistance(double[][] axes, int i, int j) {
        double r2 = 0;
        for (double[] c : axes) {
            double d = c[j] - c[i];
            r2 += d * d;
        }
        return r2;
    }

    private void store(int lag, double s2, double s4, int count) {
        sum2[lag - 1] = s2;
        sum4[lag - 1] = s4;
        pairs[lag - 1] = count;
    }

    @Override
    public String toString() {
        return "LagMoments[maxLag=" + maxLag + ", pairs=" + Arrays.toString(Arrays.copyOf(pairs, maxLag)) + "]";
    }
}
