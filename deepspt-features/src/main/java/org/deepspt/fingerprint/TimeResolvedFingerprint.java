package org.deepspt.fingerprint;

import java.util.List;
import java.util.Objects;
import org.deepspt.api.Segmentation;
import org.deepspt.api.TrackTooShortException;
import org.deepspt.api.Trajectory;
import org.deepspt.msd.LagMoments;
import org.jspecify.annotations.Nullable;

/**
 * Time-resolved diffusional fingerprint: per-frame features from sliding windows.
 *
 * <p>For a track of N points and window parameter w (default 20) every window of K = min(w + 1, N)
 * consecutive points, starting at s = 0..N − K (stride 1), gets the fingerprint of its points
 * ({@link DiffusionalFingerprint#trackFeatures}; with a segmentation also the segmentation features of its
 * slice of states). The value of feature f at point i is the mean of f over all windows that contain i:
 * <pre>
 *   F[i][f] = mean { feature_f(window s) : max(0, i − K + 1) ≤ s ≤ min(i, N − K) }
 * </pre>
 * so windows are never cut at the ends (they are shifted inward), points near the ends are covered by
 * fewer windows, and a track of at most w + 1 points has one window: every row equals the whole-track
 * fingerprint, unless the track has missing frames and no interpolated points (below). Windows where a
 * feature is NaN are left out of that feature's mean; the mean is NaN when every covering window is NaN. The MSD fit
 * features ({@code alpha}, {@code diffusion_coefficient}, {@code msd_fit_p_value}) need windows of at least 16
 * points (4 lags under the ⌊K/4⌋ rule of {@link org.deepspt.msd.Msd#fitMaxLag(int)}); with smaller windows they
 * are NaN.
 *
 * <p>Windows and points are counted over all points of the track, interpolated ones included, so there is one row
 * per point. A window without interpolated points ({@link Trajectory#interpolated(int)}) takes its consecutive
 * points as one frame apart (on a track with missing frames its time-dependent features therefore differ from
 * {@link DiffusionalFingerprint#extract(Trajectory)} of the same points, which measures time in frames). A window
 * holding interpolated points gets the track features of its measured points only, with lags in frames, exactly
 * as {@link DiffusionalFingerprint#extract(Trajectory)} of that window's slice ({@code n_points} is then the
 * number of measured points); such a window with fewer than 2 measured points has NaN track features. The
 * segmentation features use the states of every point of the window.
 *
 * <p>Cost: N − K + 1 window fingerprints (each O(K·L) for the MSD, plus the fit). Immutable and
 * thread-safe.
 */
public final class TimeResolvedFingerprint {
    /** Default window parameter w (windows of w + 1 frames), as in DeepSPT for 2D data. */
    public static final int DEFAULT_WINDOW = 20;

    private final DiffusionalFingerprint extractor;
    private final int window;

    private TimeResolvedFingerprint(DiffusionalFingerprint extractor, int window) {
        this.extractor = extractor;
        this.window = window;
    }

    /** @return w = 20 with {@link DiffusionalFingerprint#defaults()} */
    public static TimeResolvedFingerprint defaults() {
        return of(DiffusionalFingerprint.defaults(), DEFAULT_WINDOW);
    }

    /**
     * @param extractor the per-window fingerprint
     * @param window w ≥ 1: windows have w + 1 frames (DeepSPT: 20, or 30 for slow 3D data)
     * @return the time-resolved fingerprint
     */
    public static TimeResolvedFingerprint of(DiffusionalFingerprint extractor, int window) {
        Objects.requireNonNull(extractor, "extractor");
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1 frame, got " + window);
        }
        return new TimeResolvedFingerprint(extractor, window);
    }

    /** @return w (windows have w + 1 frames) */
    public int window() {
        return window;
    }

    /**
     * @param t the track (≥ 2 measured points)
     * @return N × 31 matrix of the track features ({@link FingerprintFeature#trackNames()})
     */
    public FeatureMatrix compute(Trajectory t) {
        return run(t, null);
    }

    /**
     * @param t the track (≥ 2 measured points)
     * @param s its segmentation (same points and frames)
     * @return N × 43 matrix of all features ({@link FingerprintFeature#allNames()})
     */
    public FeatureMatrix compute(Trajectory t, Segmentation s) {
        Objects.requireNonNull(s, "segmentation");
        DiffusionalFingerprint.checkMatch(t, s);
        return run(t, s.stateIndices());
    }

    private FeatureMatrix run(Trajectory t, int @Nullable [] states) {
        int n = t.size();
        int marked = t.interpolatedCount();
        if (n - marked < 2) {
            throw new TrackTooShortException(t.id(), n - marked, 2, "time-resolved fingerprint"
                    + (marked > 0 ? " (measured points; " + marked + " interpolated)" : ""));
        }
        // measuredBefore[i] = number of measured points before point i; null when none is interpolated
        int @Nullable [] measuredBefore = LagMoments.measuredBefore(t);
        int dim = t.dimension();
        double dt = t.frameInterval();
        double[][] axes = new double[dim][];
        for (int a = 0; a < dim; a++) {
            axes[a] = t.axis(a);
        }
        int f = states == null ? FingerprintFeature.TRACK_FEATURE_COUNT : FingerprintFeature.COUNT;
        List<String> names = states == null ? FingerprintFeature.trackNames() : FingerprintFeature.allNames();
        int k = Math.min(window + 1, n);
        double[] sums = new double[n * f];
        int[] counts = new int[n * f];
        double[] row = new double[f];
        DiffusionalFingerprint.Workspace ws = DiffusionalFingerprint.newWorkspace();
        for (int s = 0; s + k <= n; s++) {
            if (measuredBefore != null && measuredBefore[s + k] - measuredBefore[s] < k) {
                extractor.measuredTrackFeatures(t.slice(s, s + k, t.id()), ws, row, 0);
            } else {
                extractor.trackFeatures(axes, s, k, dt, ws, row, 0);
            }
            if (states != null) {
                DiffusionalFingerprint.segmentationFeatures(states, s, k, ws.msd1(), dim, dt, row,
                        FingerprintFeature.TRACK_FEATURE_COUNT);
            }
            for (int i = s; i < s + k; i++) {
                int base = i * f;
                for (int j = 0; j < f; j++) {
                    double v = row[j];
                    if (!Double.isNaN(v)) {
                        sums[base + j] += v;
                        counts[base + j]++;
                    }
                }
            }
        }
        for (int i = 0; i < sums.length; i++) {
            sums[i] = counts[i] > 0 ? sums[i] / counts[i] : Double.NaN;
        }
        return FeatureMatrix.wrap(t.id(), names, t.frames(), sums);
    }
}
