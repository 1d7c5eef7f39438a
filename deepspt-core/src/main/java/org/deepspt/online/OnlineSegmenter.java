package org.deepspt.online;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.deepspt.api.DiffusionState;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Segmenter;
import org.deepspt.api.Trajectory;
import org.deepspt.api.inference.InferenceException;

/**
 * Segments tracks while they are recorded: localisations are pushed frame by frame, and the state
 * probabilities of every particle's frames are reported once they are final, a fixed lag after they were
 * pushed.
 *
 * <pre>{@code
 * try (Segmenter unet = Segmenters.open("unet", 2, SegmenterOptions.defaults());
 *         OnlineSegmenter online = OnlineSegmenter.of(unet, 2, OnlineOptions.defaults().withLag(20))) {
 *     online.addListener(OnlineListener.changes(c -> trigger(c.particleId(), c.to())));
 *     online.push(frame, "p7", x, y);   // every localisation of the frame ...
 *     online.completeFrame();           // ... then process it (or just push the next frame)
 *     online.particleLost("p7");        // the tracker lost it: its pending frames become final
 * }                                     // close(): every pending frame becomes final, listeners drained
 * }</pre>
 *
 * <h2>Method</h2>
 * Each live particle keeps its last {@link #bufferCapacity()} = max(W, L + 1) points in a ring buffer
 * (W = {@link OnlineOptions#window()}, L = {@link OnlineOptions#lag()}). When frame t is completed, the
 * particles that need an update (a new point at an update step, see {@link OnlineOptions#updateInterval()},
 * or a frame falling due without an estimate) are segmented together: their windows of the last min(W, n)
 * points go to the wrapped segmenter in <em>one</em> {@link Segmenter#segmentAll} call, which batches
 * windows of equal length. Every point keeps the estimate of the window where it has the most context:
 * the largest min(before, after), then the largest before + after (points before and after it in the
 * window). Then every pending point with frame ≤ t − L becomes final and is reported in frame order, each
 * (particle, frame) exactly once. So L = 0 reports the newest frame at once from the end of its window,
 * L ≥ (W − 1)/2 reports every frame from a window centred on it, and with W and L at least a track's length
 * the result equals {@link Segmenter#segment} of the whole track.
 *
 * <h2>Ends of tracks and short tracks</h2>
 * {@link #particleLost} (or {@link #flush()}/{@link #close()}) ends a particle: at the next completed frame
 * its window is segmented once more, all its pending frames become final and its buffer is released. A
 * particle with fewer points than the segmenter's {@link Segmenter#minimumLength() minimumLength} m is not
 * segmented yet: its frames are held, and become final as soon as it has m points (up to m − 1 frames later
 * than L). A particle that ends with fewer than m points is reported through
 * {@link OnlineListener#onRejected}, never dropped silently. A frame of a particle that is absent from
 * later frames (a blink) becomes final on time, from the windows it was in.
 *
 * <h2>Threads, time and memory</h2>
 * One producer thread calls {@code push}, {@code pushFrame}, {@code completeFrame}, {@code particleLost},
 * {@code flush} and {@code close} (they take one lock, so other threads may too, serialised); every
 * frame costs at most one {@code segmentAll} batch on the producer's thread. Listeners may be added and
 * removed from any thread; they are called on one delivery thread, in emission order, and must not call
 * back into the online segmenter (an {@link IllegalStateException}: it may be waiting for them). Back-pressure:
 * events wait in a bounded queue ({@link OnlineOptions#eventQueueCapacity()}); provisional estimates are
 * dropped (and counted) when the queue is more than half full, final states, state changes and rejections
 * are never dropped: when the queue is full the producer waits for the listeners. Memory is
 * O(live particles × max(W, L + 1)) plus the queue.
 *
 * <h2>Errors</h2>
 * {@link InvalidTrajectoryException}s name the particle and frame: a frame before the current one (frames
 * never go backwards), a second point of a particle in one frame, a non-finite coordinate, a point of the
 * wrong dimension, {@code particleLost} of a particle that is not live. The segmenter's
 * {@link InferenceException}s propagate from the call that completed the frame; the online segmenter is
 * then unusable (close it). The wrapped segmenter is not closed by {@link #close()}: its owner closes it.
 */
public final class OnlineSegmenter implements AutoCloseable {
    private final Segmenter segmenter;
    private final int dimension;
    private final OnlineOptions options;
    private final int capacity;
    private final int minimumLength;
    private final long scale;
    private final Map<String, ParticleTrack> live = new LinkedHashMap<>();
    private final List<ParticleTrack> ending = new ArrayList<>();
    private final EventDispatcher dispatcher;
    private final Object lock = new Object();

    private boolean frameOpen;
    private int openFrame;
    private boolean anyCompleted;
    private int lastCompleted;
    private boolean closed;
    private boolean failed;
    private long framesCompleted;
    private long windows;
    private long batches;
    private long finals;

    private OnlineSegmenter(Segmenter segmenter, int dimension, OnlineOptions options) {
        this.segmenter = segmenter;
        this.dimension = dimension;
        this.options = options;
        this.capacity = Math.max(options.window(), options.lag() + 1);
        this.minimumLength = Math.max(1, segmenter.minimumLength());
        this.scale = 2L * capacity + 1;
        this.dispatcher = new EventDispatcher(options.eventQueueCapacity());
    }

    /**
     * @param segmenter any segmenter (thread-safe per its contract); not closed by this object
     * @param dimension 2 or 3: the coordinates every push carries
     * @param options window, lag, provisional estimates, update interval
     * @return the online segmenter; close it at the end of the acquisition
     * @throws IllegalArgumentException when the dimension is not 2 or 3, or the window is shorter than the
     *     segmenter's minimum length
     */
    public static OnlineSegmenter of(Segmenter segmenter, int dimension, OnlineOptions options) {
        Objects.requireNonNull(segmenter, "segmenter");
        Objects.requireNonNull(options, "options");
        if (dimension != 2 && dimension != 3) {
            throw new IllegalArgumentException("dimension must be 2 or 3, got " + dimension);
        }
        if (options.window() < segmenter.minimumLength()) {
            throw new IllegalArgumentException("window " + options.window() + " is shorter than segmenter '"
                    + segmenter.name() + "' accepts (minimum " + segmenter.minimumLength() + " points)");
        }
        return new OnlineSegmenter(segmenter, dimension, options);
    }

    /** @return the options */
    public OnlineOptions options() {
        return options;
    }

    /** @return 2 or 3 */
    public int dimension() {
        return dimension;
    }

    /** @return points kept per live particle: max(W, L + 1) */
    public int bufferCapacity() {
        return capacity;
    }

    /** @param listener receives events from now on (any thread may call this) */
    public void addListener(OnlineListener listener) {
        dispatcher.add(Objects.requireNonNull(listener, "listener"));
    }

    /** @param listener to remove @return whether it was registered */
    public boolean removeListener(OnlineListener listener) {
        return dispatcher.remove(listener);
    }

    /**
     * Adds a 2D localisation. A frame greater than the current one first completes the current frame
     * ({@link #completeFrame()}).
     *
     * @param frame frame index, ≥ the current frame
     * @param particleId the particle (a new id starts a track; an id pushed after {@link #particleLost}
     *     starts a new track)
     * @param x µm
     * @param y µm
     * @throws InvalidTrajectoryException naming the particle and frame on a backward frame, a second point
     *     in one frame, a non-finite coordinate or a 3D segmenter
     */
    public void push(int frame, String particleId, double x, double y) {
        checkCaller();
        synchronized (lock) {
            add(frame, particleId, x, y, 0.0, 2);
        }
    }

    /**
     * Adds a 3D localisation; otherwise as {@link #push(int, String, double, double)}.
     *
     * @param frame frame index
     * @param particleId the particle
     * @param x µm
     * @param y µm
     * @param z µm
     */
    public void push(int frame, String particleId, double x, double y, double z) {
        checkCaller();
        synchronized (lock) {
            add(frame, particleId, x, y, z, 3);
        }
    }

    /**
     * Adds every localisation of one frame and completes it.
     *
     * @param frame frame index, greater than every frame pushed before
     * @param particleIds one id per localisation
     * @param coords {@code coords[i]} = {x, y} or {x, y, z} of localisation i, µm
     */
    public void pushFrame(int frame, String[] particleIds, double[][] coords) {
        checkCaller();
        synchronized (lock) {
            pushFrameLocked(frame, particleIds, coords);
        }
    }

    private void pushFrameLocked(int frame, String[] particleIds, double[][] coords) {
        if (particleIds.length != coords.length) {
            throw new IllegalArgumentException("frame " + frame + ": " + particleIds.length + " ids but "
                    + coords.length + " coordinate rows");
        }
        for (int i = 0; i < particleIds.length; i++) {
            double[] c = coords[i];
            if (c.length != dimension) {
                throw new InvalidTrajectoryException(particleIds[i], "has " + c.length
                        + " coordinates at frame " + frame + "; this online segmenter is " + dimension + "D");
            }
            add(frame, particleIds[i], c[0], c[1], dimension == 3 ? c[2] : 0.0, dimension);
        }
        completeFrameLocked();
    }

    private void add(int frame, String id, double x, double y, double z, int dim) {
        checkUsable();
        Objects.requireNonNull(id, "particleId");
        if (dim != dimension) {
            throw new InvalidTrajectoryException(id, dim + "D point at frame " + frame + "; this online segmenter is "
                    + dimension + "D");
        }
        if ((frameOpen && frame < openFrame) || (!frameOpen && anyCompleted && frame <= lastCompleted)) {
            throw new InvalidTrajectoryException(id, "frame " + frame + " pushed after frame "
                    + (frameOpen ? openFrame : lastCompleted) + (frameOpen ? "" : " was completed")
                    + "; frames must not go backwards");
        }
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z)) {
            String axis = !Double.isFinite(x) ? "x = " + x : !Double.isFinite(y) ? "y = " + y : "z = " + z;
            throw new InvalidTrajectoryException(id, "non-finite " + axis + " at frame " + frame);
        }
        if (frameOpen && frame > openFrame) {
            completeFrameLocked();
        }
        ParticleTrack t = live.get(id);
        if (t == null) {
            t = new ParticleTrack(id, dimension, capacity);
            live.put(id, t);
        } else if (t.count > 0 && t.lastFrame == frame) {
            throw new InvalidTrajectoryException(id, "second point at frame " + frame);
        }
        t.append(frame, x, y, z);
        frameOpen = true;
        openFrame = frame;
    }

    /**
     * Ends a particle (the tracker lost it): at the next completed frame (or {@link #flush()}), all its
     * pending frames become final and its buffer is released; fewer points than the segmenter's minimum
     * length are reported as a {@link RejectedTrack}.
     *
     * @param particleId a live particle
     * @throws InvalidTrajectoryException when the particle is not live (never pushed, or already lost)
     */
    public void particleLost(String particleId) {
        checkCaller();
        synchronized (lock) {
            checkUsable();
            lost(particleId);
        }
    }

    private void lost(String particleId) {
        ParticleTrack t = live.remove(particleId);
        if (t == null) {
            throw new InvalidTrajectoryException(String.valueOf(particleId),
                    "particleLost: not a live particle (never pushed, or already lost)");
        }
        ending.add(t);
    }

    /**
     * Processes the current frame t now instead of at the next push of a later frame: segments the
     * particles that need it (one {@code segmentAll} batch) and emits the frames that became final
     * (≤ t − L). Does nothing when no frame is open and no particle was lost since the last call.
     */
    public void completeFrame() {
        checkCaller();
        synchronized (lock) {
            completeFrameLocked();
        }
    }

    private void completeFrameLocked() {
        checkUsable();
        if (frameOpen) {
            frameOpen = false;
            anyCompleted = true;
            lastCompleted = openFrame;
            framesCompleted++;
            process(lastCompleted, false);
        } else if (!ending.isEmpty()) {
            process(anyCompleted ? lastCompleted : Integer.MIN_VALUE, false);
        }
    }

    /**
     * End of the stream: completes the current frame, ends every live particle (all pending frames become
     * final), and waits until the listeners have received everything. Pushing may go on afterwards (new
     * tracks, later frames).
     */
    public void flush() {
        checkCaller();
        synchronized (lock) {
            flushLocked();
        }
    }

    private void flushLocked() {
        checkUsable();
        completeFrameLocked();
        ending.addAll(live.values());
        live.clear();
        process(anyCompleted ? lastCompleted : Integer.MIN_VALUE, true);
        dispatcher.await();
    }

    /** Blocks until the listeners have received every event emitted so far (for tests and replays). */
    public void awaitDelivery() {
        dispatcher.await();
    }

    /** @return a snapshot of the counters */
    public OnlineStats stats() {
        synchronized (lock) {
            long buffered = 0;
            for (ParticleTrack t : live.values()) {
                buffered += t.size();
            }
            return new OnlineStats(framesCompleted, live.size(), buffered, windows, batches, finals,
                    dispatcher.provisionalDropped.get(), dispatcher.listenerFailures.get());
        }
    }

    /**
     * {@link #flush()}, then stops the delivery thread; idempotent. After an engine failure only the
     * delivery thread is stopped. Does not close the wrapped segmenter.
     */
    @Override
    public void close() {
        checkCaller();
        synchronized (lock) {
            if (closed) {
                return;
            }
            try {
                if (!failed) {
                    flushLocked();
                }
            } finally {
                closed = true;
                dispatcher.shutdown();
            }
        }
    }

    /** Refuses calls from a listener before taking the lock: the producer may hold it, waiting for them. */
    private void checkCaller() {
        if (dispatcher.isDeliveryThread()) {
            throw new IllegalStateException("listeners must not call back into the online segmenter "
                    + "(it may be waiting for them)");
        }
    }

    private void checkUsable() {
        if (closed) {
            throw new IllegalStateException("online segmenter is closed");
        }
        if (failed) {
            throw new IllegalStateException("online segmenter failed on an engine error; close it");
        }
    }

    private void process(int t, boolean endAll) {
        List<ParticleTrack> update = new ArrayList<>();
        for (ParticleTrack p : live.values()) {
            if (needsUpdate(p, t)) {
                update.add(p);
            }
        }
        for (ParticleTrack p : ending) {
            if (p.count >= minimumLength && p.lastWindowEnd != p.count - 1) {
                update.add(p);
            }
        }
        if (!update.isEmpty()) {
            segment(update);
        }
        if (options.provisional() && !endAll) {
            for (ParticleTrack p : update) {
                if (live.get(p.id) == p && p.finalized < p.count) {
                    dispatcher.publishProvisional(p.state(p.count - 1, true));
                }
            }
        }
        long due = (long) t - options.lag();
        for (ParticleTrack p : live.values()) {
            finalizeDue(p, due);
        }
        for (ParticleTrack p : ending) {
            if (p.count < minimumLength) {
                dispatcher.publish(new RejectedTrack(p.id, p.firstFrame, p.lastFrame, (int) p.count,
                        "has " + p.count + " points; segmenter '" + segmenter.name() + "' needs at least "
                                + minimumLength));
            } else {
                finalizeDue(p, Long.MAX_VALUE);
            }
        }
        ending.clear();
    }

    private boolean needsUpdate(ParticleTrack p, int t) {
        if (p.count < minimumLength || p.lastWindowEnd == p.count - 1) {
            return false;
        }
        if ((p.count - 1) % options.updateInterval() == 0) {
            return true;
        }
        long due = (long) t - options.lag();
        for (long g = p.finalized; g < p.count && p.frame(g) <= due; g++) {
            if (!p.hasEstimate(g)) {
                return true;
            }
        }
        return false;
    }

    private void segment(List<ParticleTrack> update) {
        List<Trajectory> windowsOf = new ArrayList<>(update.size());
        for (ParticleTrack p : update) {
            windowsOf.add(p.window(options.window(), options.frameInterval()));
        }
        List<Segmentation> result;
        try {
            result = segmenter.segmentAll(windowsOf);
            batches++;
        } catch (InferenceException e) {
            failed = true;
            throw e;
        } catch (InvalidTrajectoryException e) {
            // One window the segmenter cannot handle: segment one by one, end the particles that fail.
            batches++;
            result = new ArrayList<>(update.size());
            for (int i = 0; i < update.size(); i++) {
                try {
                    result.add(segmenter.segment(windowsOf.get(i)));
                } catch (InvalidTrajectoryException one) {
                    result.add(null);
                    reject(update.get(i), String.valueOf(one.getMessage()));
                }
            }
        }
        windows += windowsOf.size();
        for (int i = 0; i < update.size(); i++) {
            if (result.get(i) != null) {
                update.get(i).apply(result.get(i), scale);
            }
        }
    }

    private void reject(ParticleTrack p, String reason) {
        if (live.remove(p.id, p)) {
            dispatcher.publish(new RejectedTrack(p.id, p.firstFrame, p.lastFrame, (int) p.count, reason));
        } else if (ending.remove(p)) {
            dispatcher.publish(new RejectedTrack(p.id, p.firstFrame, p.lastFrame, (int) p.count, reason));
        }
    }

    private void finalizeDue(ParticleTrack p, long due) {
        while (p.finalized < p.count && p.frame(p.finalized) <= due && p.hasEstimate(p.finalized)) {
            FrameState s = p.state(p.finalized, false);
            int state = s.state().index();
            if (p.lastFinalState >= 0 && state != p.lastFinalState) {
                DiffusionState to = DiffusionState.ofIndex(state);
                dispatcher.publish(s);
                dispatcher.publish(new StateChange(p.id, s.frame(), DiffusionState.ofIndex(p.lastFinalState), to,
                        s.probability(to)));
            } else {
                dispatcher.publish(s);
            }
            p.lastFinalState = state;
            p.finalized++;
            finals++;
        }
    }

    @Override
    public String toString() {
        return "OnlineSegmenter[" + segmenter.name() + ", " + dimension + "D, window=" + options.window()
                + ", lag=" + options.lag() + "]";
    }
}
