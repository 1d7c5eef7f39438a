package org.deepspt.online;

/**
 * How an {@link OnlineSegmenter} windows, delays and delivers.
 *
 * <p>Defaults ({@link #defaults()}): window 160 points, lag 20 frames, no provisional estimates, an update
 * of every particle at every frame, frame interval 1 s, 65 536 queued events. The window and lag were chosen
 * by the measurement in the README's "Online segmentation" section (bundled 2D U-Net, 100 tracks of
 * 100–300 points simulated with the paper's protocol): per-frame agreement with offline segmentation of the
 * whole track at L = 20 rises from 0.61 (W = 40) to 0.68 (W = 80) and 0.78 (W = 160), then only to 0.81
 * (W = 320, twice the points per window); at W = 160 it is 0.75 at L = 10 and 0.84 at L = 50. L = 20 is
 * 0.2 s at 100 frames/s.
 *
 * @param window W: most recent points of a particle that are segmented together, points, ≥ 1 (and at least
 *     the segmenter's {@link org.deepspt.api.Segmenter#minimumLength() minimumLength})
 * @param lag L: frame t − L of a particle becomes final when frame t is completed, frames, ≥ 0
 * @param provisional whether every update also emits a provisional estimate of the particle's newest frame
 * @param updateInterval S: a particle's window is segmented every S-th point of that particle (1 = every
 *     point); between updates a frame keeps its latest estimate. S &gt; 1 divides the work by S at the cost
 *     of context; a frame that falls due without any estimate forces an update. 1 ≤ S ≤ W
 * @param frameInterval time between frames, s, finite and &gt; 0 (recorded in the segmented windows; the
 *     bundled segmenters' states do not depend on it)
 * @param eventQueueCapacity events that may wait for the listeners, ≥ 16; see
 *     {@link OnlineSegmenter} for the back-pressure policy
 */
public record OnlineOptions(int window, int lag, boolean provisional, int updateInterval, double frameInterval,
        int eventQueueCapacity) {

    /** Default window W, points. */
    public static final int DEFAULT_WINDOW = 160;
    /** Default lag L, frames. */
    public static final int DEFAULT_LAG = 20;

    /** Validates ranges. */
    public OnlineOptions {
        if (window < 1) {
            throw new IllegalArgumentException("window must be >= 1 point, got " + window);
        }
        if (lag < 0) {
            throw new IllegalArgumentException("lag must be >= 0 frames, got " + lag);
        }
        if (updateInterval < 1 || updateInterval > window) {
            throw new IllegalArgumentException("updateInterval must be 1.." + window + " (the window), got "
                    + updateInterval);
        }
        if (!(frameInterval > 0) || Double.isInfinite(frameInterval)) {
            throw new IllegalArgumentException("frameInterval must be finite and > 0 s, got " + frameInterval);
        }
        if (eventQueueCapacity < 16) {
            throw new IllegalArgumentException("eventQueueCapacity must be >= 16, got " + eventQueueCapacity);
        }
    }

    /** @return window 160, lag 20, no provisional, update interval 1, frame interval 1 s, queue 65 536 */
    public static OnlineOptions defaults() {
        return new OnlineOptions(DEFAULT_WINDOW, DEFAULT_LAG, false, 1, 1.0, 1 << 16);
    }

    /** @param w points @return a copy with that window (update interval clamped to it) */
    public OnlineOptions withWindow(int w) {
        return new OnlineOptions(w, lag, provisional, Math.min(updateInterval, Math.max(1, w)), frameInterval,
                eventQueueCapacity);
    }

    /** @param l frames @return a copy with that lag */
    public OnlineOptions withLag(int l) {
        return new OnlineOptions(window, l, provisional, updateInterval, frameInterval, eventQueueCapacity);
    }

    /** @param on whether to emit provisional estimates @return a copy */
    public OnlineOptions withProvisional(boolean on) {
        return new OnlineOptions(window, lag, on, updateInterval, frameInterval, eventQueueCapacity);
    }

    /** @param s points between updates of a particle @return a copy */
    public OnlineOptions withUpdateInterval(int s) {
        return new OnlineOptions(window, lag, provisional, s, frameInterval, eventQueueCapacity);
    }

    /** @param seconds frame interval, s @return a copy */
    public OnlineOptions withFrameInterval(double seconds) {
        return new OnlineOptions(window, lag, provisional, updateInterval, seconds, eventQueueCapacity);
    }

    /** @param n events @return a copy with that queue capacity */
    public OnlineOptions withEventQueueCapacity(int n) {
        return new OnlineOptions(window, lag, provisional, updateInterval, frameInterval, n);
    }
}
