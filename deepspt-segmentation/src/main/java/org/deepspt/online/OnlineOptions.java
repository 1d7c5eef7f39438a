package org.deepspt.online;

/**
 * How an {@link OnlineSegmenter} windows, delays, ends idle particles, filters state changes and delivers.
 *
 * <p>Defaults ({@link #defaults()}): window 160 points, lag 20 frames, no provisional estimates, an update
 * of every particle at every frame, frame interval 1 s, 65 536 queued events, a particle ends after 20
 * frames without a point, a state change needs 20 final frames in the new state, a streaming model's final
 * states are decoded with a switch penalty of 6 nats. The window and lag were
 * chosen by the measurement in the README's "Online segmentation" section (bundled 2D U-Net, 100 tracks of
 * 100–300 points simulated with the paper's protocol): per-frame agreement with offline segmentation of the
 * whole track at L = 20 rises from 0.61 (W = 40) to 0.68 (W = 80) and 0.78 (W = 160), then only to 0.81
 * (W = 320, twice the points per window); at W = 160 it is 0.75 at L = 10 and 0.84 at L = 50. L = 20 is
 * 0.2 s at 100 frames/s.
 *
 * <p>Upper bounds ({@link #MAX_WINDOW}, {@link #MAX_LAG}) keep the per-particle buffers small; a buffer grows
 * with its track up to max(W, L + 1) points and is never reserved up front.
 *
 * @param window W: most recent points of a particle that are segmented together, points, 1..{@link #MAX_WINDOW}
 *     (and at least the segmenter's {@link org.deepspt.api.Segmenter#minimumLength() minimumLength}); unused by
 *     a streaming model
 * @param lag L: frame t − L of a particle becomes final when frame t is completed, frames, 0..{@link #MAX_LAG}
 *     (a streaming model serves 0..its maximum lag)
 * @param provisional whether every update also emits a provisional estimate of the particle's newest frame
 * @param updateInterval S: a particle's window is segmented every S-th point of that particle (1 = every
 *     point); between updates a frame keeps its latest estimate. S &gt; 1 divides the work by S at the cost
 *     of context; a frame that falls due without any estimate forces an update. 1 ≤ S ≤ W. Unused by a
 *     streaming model (it steps every point once)
 * @param frameInterval time between frames, s, finite and &gt; 0 (recorded in the segmented windows; the
 *     bundled segmenters' states do not depend on it)
 * @param eventQueueCapacity events that may wait for the listeners, 16..2<sup>24</sup>; see
 *     {@link OnlineSegmenter} for the back-pressure policy
 * @param idleFrames a live particle without a point in the last {@code idleFrames} completed frames (frame t
 *     completed, t − its last frame ≥ idleFrames) ends as if {@link OnlineSegmenter#particleLost} had been
 *     called: its pending frames become final and its memory is freed; frames, ≥ 1 ({@link Integer#MAX_VALUE}:
 *     never)
 * @param minDwell hysteresis of {@link StateChange} events: a change to state s is reported (with the first
 *     frame of s as its frame) once {@code minDwell} consecutive final frames of the particle are in s; shorter
 *     excursions are not reported. 1 reports every change of the final state; 1..{@link #MAX_LAG}
 * @param switchPenalty λ of the fixed-lag Viterbi decoding of a streaming model's final states, nats, finite,
 *     ≥ 0: the final state of a point is its state on the best path over it and the L points after it, a path
 *     paying λ per change of state and ln p for each point (p from the newest head about that point); 0 takes
 *     each point's own head-L argmax. Unused in window mode (the segmenter smooths its windows itself)
 */
public record OnlineOptions(int window, int lag, boolean provisional, int updateInterval, double frameInterval,
        int eventQueueCapacity, int idleFrames, int minDwell, double switchPenalty) {

    /** Default window W, points. */
    public static final int DEFAULT_WINDOW = 160;
    /** Default lag L, frames. */
    public static final int DEFAULT_LAG = 20;
    /** Default {@link #idleFrames()}, frames. */
    public static final int DEFAULT_IDLE_FRAMES = 20;
    /** Default {@link #minDwell()}, frames. */
    public static final int DEFAULT_MIN_DWELL = 20;
    /** Default {@link #switchPenalty()}, nats. */
    public static final double DEFAULT_SWITCH_PENALTY = 6.0;
    /** Largest window, points (10 000 points of a 3D particle are 0.6 MB of buffers). */
    public static final int MAX_WINDOW = 10_000;
    /** Largest lag, frames (and largest {@link #minDwell()}). */
    public static final int MAX_LAG = 10_000;
    /** Largest event queue. */
    public static final int MAX_EVENT_QUEUE = 1 << 24;

    /** Validates ranges. */
    public OnlineOptions {
        if (window < 1 || window > MAX_WINDOW) {
            throw new IllegalArgumentException("window must be 1.." + MAX_WINDOW + " points, got " + window);
        }
        if (lag < 0 || lag > MAX_LAG) {
            throw new IllegalArgumentException("lag must be 0.." + MAX_LAG + " frames, got " + lag);
        }
        if (updateInterval < 1 || updateInterval > window) {
            throw new IllegalArgumentException("updateInterval must be 1.." + window + " (the window), got "
                    + updateInterval);
        }
        if (!(frameInterval > 0) || Double.isInfinite(frameInterval)) {
            throw new IllegalArgumentException("frameInterval must be finite and > 0 s, got " + frameInterval);
        }
        if (eventQueueCapacity < 16 || eventQueueCapacity > MAX_EVENT_QUEUE) {
            throw new IllegalArgumentException("eventQueueCapacity must be 16.." + MAX_EVENT_QUEUE + ", got "
                    + eventQueueCapacity);
        }
        if (idleFrames < 1) {
            throw new IllegalArgumentException("idleFrames must be >= 1 frame, got " + idleFrames);
        }
        if (minDwell < 1 || minDwell > MAX_LAG) {
            throw new IllegalArgumentException("minDwell must be 1.." + MAX_LAG + " frames, got " + minDwell);
        }
        if (!(switchPenalty >= 0) || Double.isInfinite(switchPenalty)) {
            throw new IllegalArgumentException("switchPenalty must be finite and >= 0 nats, got " + switchPenalty);
        }
    }

    /**
     * The options without a switch penalty of their own: {@link #DEFAULT_SWITCH_PENALTY}.
     *
     * @param window see the record
     * @param lag see the record
     * @param provisional see the record
     * @param updateInterval see the record
     * @param frameInterval see the record
     * @param eventQueueCapacity see the record
     * @param idleFrames see the record
     * @param minDwell see the record
     */
    public OnlineOptions(int window, int lag, boolean provisional, int updateInterval, double frameInterval,
            int eventQueueCapacity, int idleFrames, int minDwell) {
        this(window, lag, provisional, updateInterval, frameInterval, eventQueueCapacity, idleFrames, minDwell,
                DEFAULT_SWITCH_PENALTY);
    }

    /**
     * @return window 160, lag 20, no provisional, update interval 1, frame interval 1 s, queue 65 536, idle 20,
     *     dwell 20, switch penalty 6 nats
     */
    public static OnlineOptions defaults() {
        return new OnlineOptions(DEFAULT_WINDOW, DEFAULT_LAG, false, 1, 1.0, 1 << 16, DEFAULT_IDLE_FRAMES,
                DEFAULT_MIN_DWELL, DEFAULT_SWITCH_PENALTY);
    }

    /** @param w points @return a copy with that window (update interval clamped to it) */
    public OnlineOptions withWindow(int w) {
        return new OnlineOptions(w, lag, provisional, Math.min(updateInterval, Math.max(1, w)), frameInterval,
                eventQueueCapacity, idleFrames, minDwell, switchPenalty);
    }

    /** @param l frames @return a copy with that lag */
    public OnlineOptions withLag(int l) {
        return new OnlineOptions(window, l, provisional, updateInterval, frameInterval, eventQueueCapacity,
                idleFrames, minDwell, switchPenalty);
    }

    /** @param on whether to emit provisional estimates @return a copy */
    public OnlineOptions withProvisional(boolean on) {
        return new OnlineOptions(window, lag, on, updateInterval, frameInterval, eventQueueCapacity, idleFrames,
                minDwell, switchPenalty);
    }

    /** @param s points between updates of a particle @return a copy */
    public OnlineOptions withUpdateInterval(int s) {
        return new OnlineOptions(window, lag, provisional, s, frameInterval, eventQueueCapacity, idleFrames,
                minDwell, switchPenalty);
    }

    /** @param seconds frame interval, s @return a copy */
    public OnlineOptions withFrameInterval(double seconds) {
        return new OnlineOptions(window, lag, provisional, updateInterval, seconds, eventQueueCapacity, idleFrames,
                minDwell, switchPenalty);
    }

    /** @param n events @return a copy with that queue capacity */
    public OnlineOptions withEventQueueCapacity(int n) {
        return new OnlineOptions(window, lag, provisional, updateInterval, frameInterval, n, idleFrames, minDwell,
                switchPenalty);
    }

    /** @param frames frames without a point after which a particle ends @return a copy */
    public OnlineOptions withIdleFrames(int frames) {
        return new OnlineOptions(window, lag, provisional, updateInterval, frameInterval, eventQueueCapacity,
                frames, minDwell, switchPenalty);
    }

    /** @param frames final frames a new state must last before its change is reported @return a copy */
    public OnlineOptions withMinDwell(int frames) {
        return new OnlineOptions(window, lag, provisional, updateInterval, frameInterval, eventQueueCapacity,
                idleFrames, frames, switchPenalty);
    }

    /** @param nats switch penalty of the streaming model's fixed-lag decoding (0: none) @return a copy */
    public OnlineOptions withSwitchPenalty(double nats) {
        return new OnlineOptions(window, lag, provisional, updateInterval, frameInterval, eventQueueCapacity,
                idleFrames, minDwell, nats);
    }
}
