package org.deepspt.online;

import java.lang.ref.Cleaner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.deepspt.api.DiffusionState;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.api.SegmentationResult;
import org.deepspt.api.Segmenter;
import org.deepspt.api.Trajectory;
import org.deepspt.api.inference.InferenceException;
import org.deepspt.neural.NeuralSegmenter;
import org.deepspt.smoothing.ViterbiSmoother;

/**
 * Segments tracks while they are recorded: localisations are pushed frame by frame, and the state
 * probabilities of every particle's frames are reported once they are final, a fixed lag after they were
 * pushed.
 *
 * <pre>{@code
 * try (StreamingModel model = StreamingModels.bundled(2, "auto");
 *         OnlineSegmenter online = OnlineSegmenter.of(model, OnlineOptions.defaults().withLag(20))) {
 *     online.addListener(OnlineListener.changes(c -> trigger(c.particleId(), c.to())));
 *     online.pushFrame(frame, ids, coords); // every localisation of the frame, validated as a whole
 *     online.particleLost("p7");            // optional: the tracker lost it (else it ends when idle)
 * }                                         // close(): every pending frame becomes final, listeners drained
 * }</pre>
 *
 * <h2>Two estimators</h2>
 * <b>Streaming model</b> ({@link #of(StreamingModel, OnlineOptions)}): every pushed point costs one step of a
 * recurrent network whose state is carried per particle; all particles that got a point in a frame go to the
 * engine in <em>one</em> call when the frame is completed. Head a of a step is the estimate of the point a
 * steps back, so when point g falls due its state is read from head n − 1 − g (≤ L) of the particle's newest step
 * (n its steps so far): L later frames on a particle that has a point in frame t, fewer when it is in a blink at t
 * (its due points are decided on time from the steps so far) or at the end of a track. L must be at most the
 * model's {@link StreamingModel#maxLag()}. No minimum length: every point gets a state.
 *
 * <p><b>Offline segmenter over a sliding window</b> ({@link #of(Segmenter, int, OnlineOptions)}): each live
 * particle keeps its last max(W, L + 1) points (W = {@link OnlineOptions#window()}, L =
 * {@link OnlineOptions#lag()}). When frame t is completed, the particles that need an update (a new point at
 * an update step, see {@link OnlineOptions#updateInterval()}, or a frame falling due without an estimate) are
 * segmented together: their windows of the last min(W, n) points go to the wrapped segmenter in one
 * {@link Segmenter#segmentEach} call. Every point keeps the estimate of the window where it has the most
 * context: the largest min(before, after), then the largest before + after. With W and L at least a track's
 * length the result equals {@link Segmenter#segment} of the whole track. A particle with fewer points than
 * the segmenter's {@link Segmenter#minimumLength() minimumLength} m is not segmented yet: its frames are
 * held, and become final as soon as it has m points; a particle that ends with fewer than m points is
 * reported through {@link OnlineListener#onRejected}, never dropped silently.
 *
 * <p><b>Blinks</b> (frames in which a live particle has no point). A segmenter that needs one point per frame
 * ({@link Segmenter#requiresConsecutiveFrames()}: the neural ones, which refuse missing frames) gets every window
 * with its blinks filled by linear interpolation ({@link Trajectory#withGapsInterpolated(int)}, as the readers'
 * interpolating gap policy); the made-up points are segmented as context only, never reported, and W counts
 * measured points. A blink of more than {@value #MAX_FILLED_BLINK} frames ({@link #MAX_FILLED_BLINK}) ends the
 * particle's track at its last point before the blink, even when {@link OnlineOptions#idleFrames()} is larger, and
 * the particle's next point starts a new track (a new serial number), as a reader cuts a track at such a gap: a
 * long straight filler reads as directed motion. With W and L at least a track's length, the final states equal
 * those of {@link Segmenter#segment} of the track filled with {@link Trajectory#withGapsInterpolated(int)}, at the
 * measured frames. A segmenter that takes gaps (the rolling-MSD baseline) gets the windows as measured. A streaming
 * model steps once per frame: when a particle comes back after a blink of k ≤ {@value #MAX_FILLED_BLINK} frames, its
 * state first steps through the k points that {@link Trajectory#withGapsInterpolated(int)} would make up (one batched
 * engine call per made-up frame, for all the particles back in that frame), then its new point with the frame's
 * others. The made-up frames count as frames of the lag (the lag heads are per step): a point falling due at a
 * made-up frame f (frame ≤ f − L) is decided there, from head L, and the fixed-lag decoding goes through them, but
 * they get no {@link FrameState}, no event and no count as final frames. A longer blink ends the track, as in window
 * mode. So the final states of the measured frames equal those of the track filled beforehand, except for points
 * that fell due while their particle was in a blink (decided on time, from fewer heads).
 *
 * <p>In both modes every pending point with frame ≤ t − L becomes final when frame t is completed and is
 * reported exactly once, in frame order. A frame of a particle absent from later frames (a blink) becomes
 * final on time.
 *
 * <h2>Tracks, ends and ids</h2>
 * A particle's track ends by {@link #particleLost}, by idleness (no point in the last
 * {@link OnlineOptions#idleFrames()} completed frames), or at {@link #flush()}/{@link #close()}: its pending
 * frames become final and its buffers are freed. An id pushed after its track ended starts a new track with a
 * new serial number ({@link FrameState#track()}, also in {@link StateChange} and {@link RejectedTrack}), so
 * every output tells the tracks apart.
 *
 * <h2>Final states of a streaming model</h2>
 * With {@link OnlineOptions#switchPenalty()} λ &gt; 0 (the default), the final state of point g is decided by
 * fixed-lag Viterbi decoding ({@link FixedLagViterbi}) over g and the points after it that the model has
 * already seen (L of them, fewer at a track's end): the same switch-penalised path as the offline smoother,
 * restricted to what is known L frames later. The reported probabilities stay the model's calibrated head-L
 * probabilities, with the entries of the decided state and of the head's most probable state swapped when the
 * two differ (as the offline smoother does), so {@link FrameState#state()} is the decided state. λ = 0
 * reports each head's own argmax.
 *
 * <h2>State changes</h2>
 * Derived from final states with hysteresis: a change to state s is reported once
 * {@link OnlineOptions#minDwell()} consecutive final frames of the particle are in s, with the first of them as
 * the event's frame (so an event is emitted minDwell − 1 frames after that frame's final state).
 *
 * <h2>Threads, time and memory</h2>
 * <b>Frames in order.</b> {@link #push}, {@link #pushFrame}, {@link #completeFrame} and {@link #flush} must come in
 * frame order: a point of a later frame completes the current frame, after which a point of an earlier one is
 * refused ("frames must not go backwards"). Call them from one producer thread (the tracker's), or coordinate the
 * callers per frame, so that every point of frame t is pushed before any point of a later frame (one
 * {@link #pushFrame} per frame, or a barrier per frame between the threads). These calls take one lock, so calls
 * from several threads are serialised and never corrupt the state, but the lock does not order frames: two threads
 * that each push their own particles without coordinating get points refused.
 *
 * <p><b>From any thread</b> (but not from a listener: an {@link IllegalStateException}, the producer may be waiting
 * for it): {@link #particleLost} (it takes effect at the call: a point of the particle pushed after it starts a new
 * track), {@link #isLive}, {@link #stats()}, {@link #awaitDelivery()}, and {@link #close()} (it waits for a call in
 * progress; the producer's later calls then throw an {@link IllegalStateException}); all but
 * {@link #awaitDelivery()} take the lock, so they wait while a producer call waits for room in the event queue.
 * {@link #addListener} and {@link #removeListener}: any thread, listeners included, without the lock.
 * {@link #options()}, {@link #dimension()}, {@link #estimatorName()},
 * {@link #bufferCapacity()}: fixed values.
 *
 * <p>Every frame costs at most one engine call on the thread that completes it, and bookkeeping proportional to
 * the points of that frame and the points falling due (the live particles are kept in a list ordered by their last
 * point, so idle ones are found without a scan). Listeners are called on one delivery thread, in emission order, and
 * must not call back into the online segmenter (an {@link IllegalStateException}: it may be waiting for them).
 * Back-pressure: events wait in a bounded queue
 * ({@link OnlineOptions#eventQueueCapacity()}); provisional estimates are dropped (and counted) when the queue
 * is more than half full, final states, state changes and rejections are never dropped: when the queue is
 * full the producer waits for the listeners; the queue takes memory per waiting event, not its capacity up front.
 * Buffers grow with each track (doubling from 8 points) up to max(W, L + 1) points in window mode and
 * L + 1 + {@value #MAX_FILLED_BLINK} frame numbers (made-up frames included) in streaming mode; the per-particle figures are in the README's "Online segmentation" section.
 *
 * <h2>Errors</h2>
 * {@link InvalidTrajectoryException}s name the particle, frame (and the row of a {@link #pushFrame}): a frame
 * before the current one (frames never go backwards), a null or empty particle id, a second point of a particle in
 * one frame, a non-finite coordinate, a point of the wrong dimension, with a streaming model a coordinate more than
 * {@link NeuralSegmenter#MAX_SPAN} µm from the first point of the particle's track (the offline models' limit; the
 * message names the axis), and in a {@link #pushFrame} id and coordinate arrays of different lengths or an empty
 * frame that goes backwards. A refused push or frame changes nothing: {@link #pushFrame} validates every row before
 * it keeps any. What goes wrong with one particle later ends that particle only, with a {@link RejectedTrack} for its
 * pending points (the frames already final keep their states) and the others go on: a window the segmenter cannot
 * handle (or that cannot be built), a streaming step that gives non-finite probabilities (never reported as a
 * state). Engine
 * failures ({@link InferenceException}) propagate from the call that completed the frame, and so does any
 * other failure while a frame is processed (a {@link org.deepspt.api.DeepSptException} when the producer is
 * interrupted while it waits for the listeners, or the delivery thread stopped); the online segmenter is then
 * unusable: every later call but {@link #close()} (and {@link #stats()}, {@link #awaitDelivery()}) throws an
 * {@link OnlineSegmenterFailedException} (an {@link IllegalStateException}) that says it failed, with the failure
 * as its cause (close it); the states reported final before the failure stay valid. A call after {@link #close()}
 * throws a plain {@link IllegalStateException}. The wrapped segmenter or model is not closed by {@link #close()}:
 * its owner closes it.
 *
 * <h2>Closing</h2>
 * {@link #close()} is the way to end an online segmenter: it makes every pending frame final, reports it, and
 * stops the delivery thread. An online segmenter that becomes unreachable without being closed (and that no
 * listener references: a listener holding it keeps it reachable) is cleaned up after the garbage collector finds
 * it, on a shared daemon thread ({@code deepspt-online-cleaner}, started with the first online segmenter): its
 * delivery thread delivers the events already queued and ends, and its listeners can then be collected. Its
 * pending frames are never reported final and the particles still live get no {@link RejectedTrack}; when the
 * thread ends is up to the garbage collector.
 */
public final class OnlineSegmenter implements AutoCloseable {
    /**
     * Longest blink (run of frames without a point of a live particle) that is filled, frames, in window mode for a
     * segmenter that needs one point per frame and in streaming mode: {@link Trajectory#DEFAULT_MAX_INTERPOLATED_GAP},
     * as the readers. A longer blink ends the track.
     */
    public static final int MAX_FILLED_BLINK = Trajectory.DEFAULT_MAX_INTERPOLATED_GAP;

    /** The track an {@link InvalidTrajectoryException} names when an empty frame of {@link #pushFrame} is refused. */
    public static final String EMPTY_FRAME = "(empty frame)";
    /** The name of the daemon thread that stops the delivery threads of online segmenters dropped unclosed. */
    static final String CLEANER_THREAD = "deepspt-online-cleaner";

    private final Segmenter segmenter;
    private final StreamingModel model;
    private final int dimension;
    private final OnlineOptions options;
    private final int capacity;
    private final int minimumLength;
    private final long scale;
    private final Map<String, ParticleTrack> live = new HashMap<>();
    private ParticleTrack oldest;
    private ParticleTrack newest;
    private final List<ParticleTrack> touched = new ArrayList<>();
    private final List<ParticleTrack> ending = new ArrayList<>();
    /** Streaming mode: the particles of this frame whose point follows a blink (frames to step first). */
    private final List<ParticleTrack> reappeared = new ArrayList<>();
    /** Streaming mode: the particles of one step over made-up frames (reused). */
    private final List<ParticleTrack> fillStep = new ArrayList<>();
    private final DueQueue due = new DueQueue();
    private final EventDispatcher dispatcher;
    /** Stops the delivery thread when this object becomes unreachable unclosed; run by {@link #close()} too. */
    private final Cleaner.Cleanable cleanable;
    private final Object lock = new Object();
    private final StepBatch stepBatch;
    /** Fixed-lag decoding of a streaming model's final states, null in window mode or with penalty 0. */
    private final FixedLagViterbi fixedLag;
    /**
     * Window mode on a segmenter that needs one point per frame: blinks are filled in each window, and a blink of
     * more than {@link #MAX_FILLED_BLINK} frames ends the track.
     */
    private final boolean fillBlinks;

    private boolean frameOpen;
    private int openFrame;
    private boolean anyCompleted;
    private int lastCompleted;
    private boolean closed;
    private boolean failed;
    /** What made the online segmenter fail (an engine error, an interrupt while publishing, …), or null. */
    private Throwable failure;
    private long stamp;
    private long nextTrack = 1;
    private long framesCompleted;
    private long windows;
    private long batches;
    private long finals;
    private long idleEnded;

    private OnlineSegmenter(Segmenter segmenter, StreamingModel model, int dimension, OnlineOptions options) {
        this.segmenter = segmenter;
        this.model = model;
        this.dimension = dimension;
        this.options = options;
        this.capacity = model != null ? options.lag() + 1 + MAX_FILLED_BLINK
                : Math.max(options.window(), options.lag() + 1);
        this.minimumLength = model != null ? 1 : Math.max(1, segmenter.minimumLength());
        this.scale = 2L * capacity + 1;
        this.stepBatch = model != null ? new StepBatch(model.engine()) : null;
        this.fixedLag = model != null && options.switchPenalty() > 0 ? new FixedLagViterbi(options.switchPenalty())
                : null;
        EventDispatcher d = new EventDispatcher(options.eventQueueCapacity());
        this.dispatcher = d;
        // The action holds the dispatcher only, never this object (that would keep it reachable forever).
        this.cleanable = Cleaners.CLEANER.register(this, d::abandon);
        this.fillBlinks = segmenter != null && segmenter.requiresConsecutiveFrames();
    }

    /** The cleaner, and its thread, created with the first online segmenter. */
    private static final class Cleaners {
        static final Cleaner CLEANER = Cleaner.create(r -> {
            Thread t = new Thread(r, CLEANER_THREAD);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * An online segmenter on an offline segmenter run over sliding windows.
     *
     * @param segmenter any segmenter (thread-safe per its contract); not closed by this object
     * @param dimension 2 or 3: the coordinates every push carries
     * @param options window, lag, provisional estimates, update interval
     * @return the online segmenter; close it at the end of the acquisition
     * @throws IllegalArgumentException when the dimension is not 2 or 3, or one the segmenter does not
     *     {@linkplain Segmenter#supportsDimension(int) support} (a 2D model for 3D points), or the window is shorter
     *     than the segmenter's minimum length
     */
    public static OnlineSegmenter of(Segmenter segmenter, int dimension, OnlineOptions options) {
        Objects.requireNonNull(segmenter, "segmenter");
        Objects.requireNonNull(options, "options");
        if (dimension != 2 && dimension != 3) {
            throw new IllegalArgumentException("dimension must be 2 or 3, got " + dimension);
        }
        if (!segmenter.supportsDimension(dimension)) {
            // Else every window would be refused and the particle restarted as a new track at each push.
            throw new IllegalArgumentException("segmenter '" + segmenter.name() + "' cannot segment " + dimension
                    + "D tracks: open one for " + dimension + "D, or give the dimension of its tracks");
        }
        if (options.window() < segmenter.minimumLength()) {
            throw new IllegalArgumentException("window " + options.window() + " is shorter than segmenter '"
                    + segmenter.name() + "' accepts (minimum " + segmenter.minimumLength() + " points)");
        }
        return new OnlineSegmenter(segmenter, null, dimension, options);
    }

    /**
     * An online segmenter on a streaming model (one step per point, one engine call per frame).
     *
     * @param model the streaming model; not closed by this object
     * @param options lag (at most the model's maximum lag), provisional estimates, idle frames, hysteresis; the
     *     window and update interval are not used
     * @return the online segmenter; close it at the end of the acquisition
     * @throws IllegalArgumentException when the lag exceeds the model's maximum lag
     */
    public static OnlineSegmenter of(StreamingModel model, OnlineOptions options) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(options, "options");
        if (options.lag() > model.maxLag()) {
            throw new IllegalArgumentException("lag " + options.lag() + " exceeds what streaming model '"
                    + model.name() + "' serves (0.." + model.maxLag() + " frames)");
        }
        return new OnlineSegmenter(null, model, model.dimension(), options);
    }

    /** @return the options */
    public OnlineOptions options() {
        return options;
    }

    /** @return 2 or 3 */
    public int dimension() {
        return dimension;
    }

    /** @return the estimator's name: the segmenter's or the streaming model's */
    public String estimatorName() {
        return model != null ? model.name() : segmenter.name();
    }

    /**
     * @return most points a particle's ring may hold: max(W, L + 1), or L + 1 + {@link #MAX_FILLED_BLINK} with a
     *     streaming model (its made-up frames included)
     */
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
     * ({@link #completeFrame()}). A refused point changes nothing.
     *
     * @param frame frame index, ≥ the current frame
     * @param particleId the particle (a new id starts a track; an id pushed after its track ended starts a new
     *     track)
     * @param x µm
     * @param y µm
     * @throws InvalidTrajectoryException naming the particle and frame on a backward frame, an empty id, a second
     *     point in one frame, a non-finite coordinate, a 3D online segmenter, or (streaming model) a coordinate more
     *     than {@link NeuralSegmenter#MAX_SPAN} µm from the track's first point
     */
    public void push(int frame, String particleId, double x, double y) {
        checkCaller();
        synchronized (lock) {
            checkUsable();
            validate(frame, particleId, x, y, 0.0, 2, -1);
            reserveSlots(frame, particleId);
            add(frame, particleId, x, y, 0.0);
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
            checkUsable();
            validate(frame, particleId, x, y, z, 3, -1);
            reserveSlots(frame, particleId);
            add(frame, particleId, x, y, z);
        }
    }

    /**
     * Adds every localisation of one frame and completes it. The whole frame is validated first: one bad row
     * refuses the frame and nothing of it is kept (a corrected retry of the same frame is accepted).
     *
     * @param frame frame index, greater than every frame completed before (the current open frame, after
     *     {@link #push} calls, is allowed)
     * @param particleIds one id per localisation, distinct
     * @param coords {@code coords[i]} = {x, y} or {x, y, z} of localisation i, µm
     * @throws InvalidTrajectoryException naming the particle, row and frame of the first bad row; when the two
     *     arrays differ in length (naming the frame, both fields and the first row without a partner: its id, or
     *     {@code (row i)}); or for an empty frame earlier than the current open frame, or not later than the last
     *     completed frame (track {@value #EMPTY_FRAME}). Nothing of a refused frame is kept.
     */
    public void pushFrame(int frame, String[] particleIds, double[][] coords) {
        checkCaller();
        Objects.requireNonNull(particleIds, "particleIds");
        Objects.requireNonNull(coords, "coords");
        synchronized (lock) {
            checkUsable();
            if (particleIds.length != coords.length) {
                // Name the first row that has no partner: an id without coordinates, or coordinates without an id.
                int row = Math.min(particleIds.length, coords.length);
                String track = row < particleIds.length && particleIds[row] != null ? particleIds[row]
                        : "(row " + row + ")";
                throw new InvalidTrajectoryException(track, "frame " + frame + ": particleIds.length = "
                        + particleIds.length + " but coords.length = " + coords.length + " (row " + row
                        + (row < particleIds.length ? " has no coordinates)" : " has no particle id)"));
            }
            if (particleIds.length == 0
                    && ((frameOpen && frame < openFrame) || (!frameOpen && anyCompleted && frame <= lastCompleted))) {
                throw new InvalidTrajectoryException(EMPTY_FRAME, "frame " + frame + " pushed after frame "
                        + (frameOpen ? openFrame : lastCompleted) + (frameOpen ? "" : " was completed")
                        + "; frames must not go backwards");
            }
            Set<String> seen = new HashSet<>(Math.max(16, particleIds.length * 2));
            for (int i = 0; i < particleIds.length; i++) {
                double[] c = coords[i];
                String id = particleIds[i];
                if (id == null || id.isEmpty()) {
                    throw noId(id, frame, i);
                }
                if (c == null || c.length != dimension) {
                    throw new InvalidTrajectoryException(id, (c == null ? "no" : c.length) + " coordinates at frame "
                            + frame + " (row " + i + "); this online segmenter is " + dimension + "D");
                }
                validate(frame, id, c[0], c[1], dimension == 3 ? c[2] : 0.0, dimension, i);
                if (!seen.add(id)) {
                    throw new InvalidTrajectoryException(id, "second point at frame " + frame + " (row " + i + ")");
                }
            }
            reserveSlots(frame, particleIds);
            for (int i = 0; i < particleIds.length; i++) {
                double[] c = coords[i];
                add(frame, particleIds[i], c[0], c[1], dimension == 3 ? c[2] : 0.0);
            }
            if (frameOpen && frame > openFrame) {
                completeFrameLocked(); // an empty later frame completes the open one first, as a point of it would
            }
            frameOpen = true;
            openFrame = frame;
            completeFrameLocked();
        }
    }

    /**
     * Streaming mode: room in the state slabs for the new tracks of a frame (ids not live, or idle long enough to
     * end when the frame starts) before any point of it is added, so that a full slab refuses the frame whole.
     */
    private void reserveSlots(int frame, String... ids) {
        if (stepBatch == null) {
            return;
        }
        int fresh = 0;
        for (String id : ids) {
            if (continued(frame, id) == null) {
                fresh++;
            }
        }
        stepBatch.reserve(fresh);
    }

    /**
     * @return the live track that a point of the particle at this frame (≥ the current one) extends, or null when
     *     the point starts a new track: the id is not live, or its track ends when the frame starts (idle for
     *     {@link OnlineOptions#idleFrames()} frames, or a blink longer than {@link #MAX_FILLED_BLINK} where blinks are
     *     filled), as {@link #add} decides
     */
    private ParticleTrack continued(int frame, String id) {
        ParticleTrack t = live.get(id);
        if (t == null) {
            return null;
        }
        long blink = frame - 1L - t.lastFrame;
        return blink >= options.idleFrames() || ((fillBlinks || model != null) && blink > MAX_FILLED_BLINK) ? null : t;
    }

    /** The refusal of a null or empty particle id; row ≥ 0 names the row of a pushFrame. */
    private static InvalidTrajectoryException noId(String id, int frame, int row) {
        String where = " at frame " + frame + (row >= 0 ? " (row " + row + ")" : "");
        return new InvalidTrajectoryException(row >= 0 ? "(row " + row + ")" : String.valueOf(id),
                (id == null ? "null" : "empty") + " particle id" + where + "; a particle id must be non-empty");
    }

    /** Checks one point against the state; changes nothing. row ≥ 0 names the row of a pushFrame. */
    private void validate(int frame, String id, double x, double y, double z, int dim, int row) {
        Objects.requireNonNull(id, "particleId");
        if (id.isEmpty()) {
            throw noId(id, frame, row); // Trajectory refuses it: every window of the particle would fail
        }
        String where = " at frame " + frame + (row >= 0 ? " (row " + row + ")" : "");
        if (dim != dimension) {
            throw new InvalidTrajectoryException(id, dim + "D point" + where + "; this online segmenter is "
                    + dimension + "D");
        }
        if ((frameOpen && frame < openFrame) || (!frameOpen && anyCompleted && frame <= lastCompleted)) {
            throw new InvalidTrajectoryException(id, "frame " + frame + " pushed after frame "
                    + (frameOpen ? openFrame : lastCompleted) + (frameOpen ? "" : " was completed")
                    + "; frames must not go backwards" + (row >= 0 ? " (row " + row + ")" : ""));
        }
        if (!Double.isFinite(x) || !Double.isFinite(y) || !Double.isFinite(z)) {
            String axis = !Double.isFinite(x) ? "x = " + x : !Double.isFinite(y) ? "y = " + y : "z = " + z;
            throw new InvalidTrajectoryException(id, "non-finite " + axis + where);
        }
        ParticleTrack t = live.get(id);
        if (t != null && frameOpen && frame == openFrame && t.count > 0 && t.lastFrame == frame) {
            throw new InvalidTrajectoryException(id, "second point" + where);
        }
        if (model != null) {
            checkSpan(continued(frame, id), id, x, y, z, where);
        }
    }

    /**
     * Streaming mode: refuses a point farther than {@link NeuralSegmenter#MAX_SPAN} µm, on any axis, from the first
     * point of the track it extends (the offline models' limit): the squared steps of its features would overflow
     * and every state of the particle, up to L frames before the point, would be NaN.
     */
    private void checkSpan(ParticleTrack t, String id, double x, double y, double z, String where) {
        if (t == null) {
            return; // the first point of a track: the origin of its span
        }
        StreamState s = t.step;
        double[] point = {x, y, z};
        double[] origin = {s.originX, s.originY, s.originZ};
        for (int a = 0; a < dimension; a++) {
            double span = Math.abs(point[a] - origin[a]);
            if (!(span <= NeuralSegmenter.MAX_SPAN)) {
                String axis = Trajectory.axisName(a);
                throw new InvalidTrajectoryException(id, axis + " = " + point[a] + where + " is " + span
                        + " µm from the track's first point (" + axis + " = " + origin[a] + " at frame " + t.firstFrame
                        + "); streaming model '" + model.name() + "' takes spans up to " + NeuralSegmenter.MAX_SPAN
                        + " µm, as the offline models (end the particle's track first: a new track may start there)");
            }
        }
    }

    /**
     * For tests, window mode: adds a 2D point as {@link #push(int, String, double, double)} does but without
     * {@link #validate} (as a point the checks let through by mistake would be added), to test that what goes wrong
     * with one particle ends only that particle.
     */
    void pushUnchecked(int frame, String particleId, double x, double y) {
        synchronized (lock) {
            checkUsable();
            add(frame, particleId, x, y, 0.0);
        }
    }

    /** Adds a validated point. */
    private void add(int frame, String id, double x, double y, double z) {
        if (frameOpen && frame > openFrame) {
            completeFrameLocked();
        }
        if (!frameOpen) {
            // A new frame: particles absent from the frames skipped before it are idle as if those had been
            // completed (they end at this frame's completion, before any id of theirs is reused).
            endIdle((long) frame - 1);
        }
        ParticleTrack t = continued(frame, id);
        ParticleTrack ending = live.get(id);
        if (ending != null && t == null) {
            end(ending); // a blink too long to fill: the track ends at it and this point starts a new one
        }
        if (t == null) {
            StreamState st = model == null ? null : new StreamState(stepBatch, model.maxLag(),
                    StreamFeatures.count(dimension), dimension);
            if (st != null) {
                st.originX = x;
                st.originY = y;
                st.originZ = z;
            }
            t = new ParticleTrack(id, nextTrack++, dimension, capacity, model == null, st);
            live.put(id, t);
        } else {
            unlink(t);
        }
        append(t);
        if (t.step != null && t.count > 0 && frame - t.lastFrame > 1) {
            blink(t, frame, x, y, z);
        } else if (t.step != null) {
            StreamFeatures.next(t.step, t.count, x, y, z);
        }
        t.append(frame, x, y, z);
        touched.add(t);
        due.add(t, frame);
        frameOpen = true;
        openFrame = frame;
    }

    /**
     * Streaming mode, a point after a blink of at most {@link #MAX_FILLED_BLINK} frames: appends the made-up frames
     * before it and keeps what {@link #stepFills} needs to step them, then the point, when the frame is completed.
     */
    private void blink(ParticleTrack t, int frame, double x, double y, double z) {
        StreamState s = t.step;
        int from = (int) ((t.count - 1) % StreamFeatures.RING) * dimension;
        s.fromX = s.positions[from];
        s.fromY = s.positions[from + 1];
        s.fromZ = dimension == 3 ? s.positions[from + 2] : 0.0;
        s.toX = x;
        s.toY = y;
        s.toZ = z;
        s.fill = frame - t.lastFrame - 1;
        for (int f = t.lastFrame + 1; f < frame; f++) {
            t.appendFilled(f);
        }
        reappeared.add(t);
    }

    private void append(ParticleTrack t) {
        t.prev = newest;
        t.next = null;
        if (newest != null) {
            newest.next = t;
        } else {
            oldest = t;
        }
        newest = t;
    }

    private void unlink(ParticleTrack t) {
        if (t.prev != null) {
            t.prev.next = t.next;
        } else {
            oldest = t.next;
        }
        if (t.next != null) {
            t.next.prev = t.prev;
        } else {
            newest = t.prev;
        }
        t.prev = null;
        t.next = null;
    }

    /** Ends a live track: out of the map and the list, into {@link #ending}. */
    private void end(ParticleTrack t) {
        live.remove(t.id, t);
        unlink(t);
        t.live = false;
        ending.add(t);
    }

    /**
     * Ends a particle's track (the tracker lost it): at the next completed frame (or {@link #flush()}), all
     * its pending frames become final and its buffers are released; fewer points than the segmenter's minimum
     * length are reported as a {@link RejectedTrack}. The id may be pushed again: that starts a new track.
     *
     * <p>A particle without a live track ({@link #isLive} false) is a no-op that returns false: its track already
     * ended by itself (idle for {@link OnlineOptions#idleFrames()} frames: a tracker that tolerates longer gaps
     * reports it lost later), ended with a {@link RejectedTrack}, was lost or flushed before, or was never pushed
     * (a mistyped id: the particle meant still ends when idle). Nothing is reported twice. Telling a never-pushed id
     * from one that ended long ago would need every id ever pushed kept in memory, which an online segmenter avoids.
     *
     * @param particleId the particle
     * @return true when this call ended the particle's live track, false when it had none (nothing changed)
     */
    public boolean particleLost(String particleId) {
        Objects.requireNonNull(particleId, "particleId");
        checkCaller();
        synchronized (lock) {
            checkUsable();
            ParticleTrack t = live.get(particleId);
            if (t == null) {
                return false;
            }
            end(t);
            return true;
        }
    }

    /**
     * The number of the particle's live track: the {@link FrameState#track()} of its states, the track a point of
     * it pushed now extends unless the point's frame ends the track (idleness, a blink too long). A front end that
     * keeps something per track keys it on this number, and so agrees with the outputs on where a track ends (a
     * {@link RejectedTrack} ends one too). Any thread may call this (but not a listener).
     *
     * @param particleId the particle
     * @return its live track's number, or -1 when it has none ({@link #isLive} false)
     */
    public long liveTrack(String particleId) {
        Objects.requireNonNull(particleId, "particleId");
        checkCaller();
        synchronized (lock) {
            ParticleTrack t = closed || failed ? null : live.get(particleId);
            return t == null ? -1 : t.track;
        }
    }

    /**
     * Whether the particle has a live track: pushed, and not ended since by {@link #particleLost}, by idleness (at
     * the completion of the frame that makes it idle for {@link OnlineOptions#idleFrames()} frames), with a
     * {@link RejectedTrack}, or by {@link #flush()}/{@link #close()}. A point of a particle that is not live starts a
     * new track. Any thread may call this (but not a listener), also after {@link #close()} or a failure (false: a
     * failed segmenter takes no point, and its close does not flush).
     *
     * @param particleId the particle
     * @return whether it has a live track now
     */
    public boolean isLive(String particleId) {
        Objects.requireNonNull(particleId, "particleId");
        checkCaller();
        synchronized (lock) {
            return !closed && !failed && live.containsKey(particleId);
        }
    }

    /**
     * Processes the current frame t now instead of at the next push of a later frame: estimates the
     * particles that need it (one engine call), ends idle particles, and emits the frames that became final
     * (≤ t − L). Does nothing when no frame is open and no particle was lost since the last call.
     */
    public void completeFrame() {
        checkCaller();
        synchronized (lock) {
            checkUsable();
            completeFrameLocked();
        }
    }

    private void completeFrameLocked() {
        if (frameOpen) {
            frameOpen = false;
            anyCompleted = true;
            lastCompleted = openFrame;
            framesCompleted++;
            process(lastCompleted);
        } else if (!ending.isEmpty()) {
            process(anyCompleted ? lastCompleted : Integer.MIN_VALUE);
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
            checkUsable();
            flushLocked();
        }
    }

    private void flushLocked() {
        completeFrameLocked();
        while (oldest != null) {
            end(oldest);
        }
        process(anyCompleted ? lastCompleted : Integer.MIN_VALUE);
        dispatcher.await();
    }

    /** Blocks until the listeners have received every event emitted so far (for tests and replays). */
    public void awaitDelivery() {
        dispatcher.await();
    }

    /** @return a snapshot of the counters (walks the live particles: not for every frame) */
    public OnlineStats stats() {
        checkCaller();
        synchronized (lock) {
            long buffered = 0;
            long bytes = 0;
            for (ParticleTrack t : live.values()) {
                buffered += t.size();
                bytes += t.bufferBytes();
            }
            return new OnlineStats(framesCompleted, live.size(), buffered, bytes, nextTrack - 1, idleEnded, windows,
                    batches, finals, dispatcher.provisionalDropped.get(), dispatcher.listenerFailures.get());
        }
    }

    /** @return slots of the streaming state slabs (their high-water mark of live particles), 0 in window mode */
    int stateSlots() {
        checkCaller();
        synchronized (lock) {
            return stepBatch == null ? 0 : stepBatch.capacity();
        }
    }

    /**
     * {@link #flush()}, then stops the delivery thread; idempotent. After an engine failure only the
     * delivery thread is stopped. Does not close the wrapped segmenter or model. Without this call the pending
     * frames are never reported final; the delivery thread ends only once the garbage collector finds this object
     * unreachable (see the class documentation).
     */
    @Override
    public void close() {
        checkCaller();
        // An interrupt pending on the closing thread must not cost the pending finals or leave the delivery thread
        // running: close with the flag cleared, then set it again.
        boolean interrupted = Thread.interrupted();
        try {
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
                    cleanable.clean(); // unregisters; the action does nothing to a stopped dispatcher
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
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

    /**
     * @throws IllegalStateException after {@link #close()}
     * @throws OnlineSegmenterFailedException after a failure while a frame was processed (the failure is its cause)
     */
    private void checkUsable() {
        if (closed) {
            throw new IllegalStateException("online segmenter is closed");
        }
        if (failed) {
            throw new OnlineSegmenterFailedException(failure);
        }
    }

    /**
     * Processes a completed frame. Whatever escapes it (an engine error, an interrupt or a stopped delivery thread
     * while an event waits for room) leaves the bookkeeping half done: frames popped from the due queue but not
     * reported, so the online segmenter is marked failed and refuses later calls with an
     * {@link OnlineSegmenterFailedException}.
     */
    private void process(int t) {
        try {
            processFrame(t);
        } catch (RuntimeException | Error e) {
            failed = true;
            if (failure == null) {
                failure = e;
            }
            throw e;
        } finally {
            touched.clear();
            ending.clear();
            reappeared.clear();
            fillStep.clear();
        }
    }

    private void processFrame(int t) {
        stamp++;
        long dueFrame = (long) t - options.lag();
        // Idle particles: the list is ordered by last point, so they are at its head.
        if (t != Integer.MIN_VALUE) {
            endIdle(t);
        }
        List<ParticleTrack> updated = model != null ? touched : windowUpdates(dueFrame);
        if (!updated.isEmpty()) {
            if (model != null) {
                if (!reappeared.isEmpty()) {
                    stepFills();
                }
                step(updated);
            } else {
                segment(updated);
            }
        }
        if (options.provisional()) {
            for (ParticleTrack p : updated) {
                if (p.live && p.finalized < p.count && p.hasEstimate(p.count - 1)) {
                    dispatcher.publishProvisional(p.state(p.count - 1, true));
                }
            }
        }
        while (due.size() > 0 && due.frame(0) <= dueFrame) {
            ParticleTrack p = due.pop();
            if (p.live) {
                finalizeDue(p, dueFrame);
            }
        }
        due.trim();
        for (ParticleTrack p : touched) {
            if (p.live) {
                finalizeDue(p, dueFrame);
            }
        }
        for (ParticleTrack p : ending) {
            if (p.count < minimumLength) {
                dispatcher.publish(new RejectedTrack(p.id, p.track, p.firstFrame, p.lastFrame, (int) p.count,
                        "has " + p.count + " points; segmenter '" + estimatorName() + "' needs at least "
                                + minimumLength));
            } else {
                finalizeDue(p, Long.MAX_VALUE);
                if (p.finalized < p.count) {
                    // Never silent: points that never received an estimate (not expected) are reported.
                    dispatcher.publish(new RejectedTrack(p.id, p.track, p.frame(p.finalized), p.lastFrame,
                            (int) (p.count - p.finalized), "no estimate for its last " + (p.count - p.finalized)
                                    + " points"));
                }
            }
            p.release();
        }
    }

    /** Ends the particles without a point in frames t − idleFrames + 1 .. t (at the head of the live list). */
    private void endIdle(long t) {
        while (oldest != null && t - oldest.lastFrame >= options.idleFrames()) {
            idleEnded++;
            end(oldest);
        }
    }

    /** Window mode: the particles to segment after this frame, each once. */
    private List<ParticleTrack> windowUpdates(long dueFrame) {
        List<ParticleTrack> update = new ArrayList<>();
        for (ParticleTrack p : touched) {
            if (p.live && windowReady(p) && ((p.count - 1) % options.updateInterval() == 0
                    || dueWithoutEstimate(p, dueFrame) || leavingUnestimated(p))) {
                mark(p, update);
            }
        }
        for (int k = 0; k < due.size() && due.frame(k) <= dueFrame; k++) {
            ParticleTrack p = due.track(k);
            if (p.live && windowReady(p) && dueWithoutEstimate(p, dueFrame)) {
                mark(p, update);
            }
        }
        for (ParticleTrack p : ending) {
            if (windowReady(p)) {
                mark(p, update);
            }
        }
        return update;
    }

    private boolean windowReady(ParticleTrack p) {
        return p.count >= minimumLength && p.lastWindowEnd != p.count - 1;
    }

    /**
     * Whether the oldest point no window has covered yet is the oldest point of the current window: the next push
     * would move it out of every later window, so it must be segmented now (the first window waits for the
     * segmenter's minimum length, which can put it off the update grid).
     */
    private boolean leavingUnestimated(ParticleTrack p) {
        return p.count - 1 - p.lastWindowEnd >= options.window();
    }

    private static boolean dueWithoutEstimate(ParticleTrack p, long dueFrame) {
        return p.finalized < p.count && p.frame(p.finalized) <= dueFrame && !p.hasEstimate(p.finalized);
    }

    private void mark(ParticleTrack p, List<ParticleTrack> into) {
        if (p.mark != stamp) {
            p.mark = stamp;
            into.add(p);
        }
    }

    /**
     * Streaming mode: steps the particles that came back after a blink through their made-up frames, one batched
     * engine call per made-up frame (the j-th made-up frames of all of them together), and decides the points that
     * fall due at each made-up frame f (frame ≤ f − L) as completing f would have: so the recurrent state and the
     * fixed-lag decisions see one step per frame, as on the track filled beforehand. Then computes the features of
     * their newest points, which {@link #step} runs with the frame's other points.
     */
    private void stepFills() {
        int most = 0;
        for (ParticleTrack p : reappeared) {
            most = Math.max(most, p.step.fill);
        }
        for (int j = 1; j <= most; j++) {
            fillStep.clear();
            for (ParticleTrack p : reappeared) {
                StreamState s = p.step;
                if (s != null && j <= s.fill) { // null: ended by non-finite probabilities at an earlier made-up frame
                    // as Trajectory.withGapsInterpolated: from + j/(fill + 1)·(to − from), frame by frame
                    double w = (double) j / (s.fill + 1);
                    StreamFeatures.next(s, s.steps, s.fromX + w * (s.toX - s.fromX), s.fromY + w * (s.toY - s.fromY),
                            s.fromZ + w * (s.toZ - s.fromZ));
                    fillStep.add(p);
                }
            }
            step(fillStep);
            for (ParticleTrack p : fillStep) {
                if (p.step != null) {
                    finalizeDue(p, (long) p.frame(p.step.steps - 1) - options.lag());
                }
            }
        }
        for (ParticleTrack p : reappeared) {
            StreamState s = p.step;
            if (s != null) {
                StreamFeatures.next(s, s.steps, s.toX, s.toY, s.toZ);
                s.fill = 0;
            }
        }
    }

    /**
     * One batched step of the particles (those ended by a rejection earlier in this frame are left out). A particle
     * whose step gives non-finite probabilities for a pending point (its carried state is then lost too) ends with a
     * {@link RejectedTrack} for its pending points: no NaN row is ever reported as a state.
     */
    private void step(List<ParticleTrack> particles) {
        particles.removeIf(p -> p.step == null); // released by reject()
        if (particles.isEmpty()) {
            return;
        }
        stepBatch.run(particles); // an engine failure marks the segmenter failed in process()
        batches++;
        windows += particles.size();
        for (int i = 0; i < particles.size(); i++) {
            ParticleTrack p = particles.get(i);
            if (!p.pendingHeadsFinite()) {
                reject(p, "streaming model '" + model.name() + "' gave non-finite state probabilities at frame "
                        + p.frame(p.step.steps - 1) + "; the track ends there (the particle's next point starts a new "
                        + "track)");
            }
        }
    }

    private void segment(List<ParticleTrack> candidates) {
        List<ParticleTrack> update = new ArrayList<>(candidates.size());
        List<Trajectory> windowsOf = new ArrayList<>(candidates.size());
        for (ParticleTrack p : candidates) {
            Trajectory w;
            try {
                w = p.window(options.window(), options.frameInterval());
                // blinks are at most MAX_FILLED_BLINK frames: add() cuts a track at a longer one
                w = fillBlinks && w.hasGaps() ? w.withGapsInterpolated(MAX_FILLED_BLINK) : w;
            } catch (RuntimeException e) {
                // Not expected (the points were validated when pushed): whatever it is, it ends this particle only.
                reject(p, "its window could not be built: " + e.getMessage());
                continue;
            }
            update.add(p);
            windowsOf.add(w);
        }
        if (update.isEmpty()) {
            return;
        }
        List<SegmentationResult> result = segmenter.segmentEach(windowsOf); // a failure: see process()
        batches++;
        windows += windowsOf.size();
        for (int i = 0; i < update.size(); i++) {
            ParticleTrack p = update.get(i);
            SegmentationResult r = result.get(i);
            // A window the segmenter cannot handle ends its particle; the others of the frame go on.
            Trajectory w = windowsOf.get(i);
            r.segmentation().ifPresentOrElse(seg -> p.apply(seg, w, scale),
                    () -> reject(p, r.failure().orElseThrow().reason()));
        }
    }

    private void reject(ParticleTrack p, String reason) {
        if (p.live) {
            live.remove(p.id, p);
            unlink(p);
            p.live = false;
        } else {
            ending.remove(p);
        }
        // Frames already reported final keep their states: the rejection covers the pending measured ones only.
        int points = p.pendingMeasured();
        if (points > 0) {
            dispatcher.publish(new RejectedTrack(p.id, p.track, p.firstPendingMeasuredFrame(), p.lastFrame, points,
                    reason));
        }
        p.release();
    }

    private void finalizeDue(ParticleTrack p, long dueFrame) {
        while (p.finalized < p.count && p.frame(p.finalized) <= dueFrame && p.hasEstimate(p.finalized)) {
            if (p.filled(p.finalized)) {
                // made up over a blink: decided (the fixed-lag path goes through it), never reported
                if (fixedLag != null) {
                    decide(p);
                }
                p.finalized++;
                continue;
            }
            FrameState s = p.state(p.finalized, false);
            if (fixedLag != null && p.step != null) {
                s = smoothed(p, s);
            }
            dispatcher.publish(s);
            hysteresis(p, s);
            p.finalized++;
            finals++;
        }
    }

    /** The final state of the oldest pending point decided by fixed-lag Viterbi over the heads after it. */
    private FrameState smoothed(ParticleTrack p, FrameState s) {
        int label = decide(p);
        double[] q = s.probabilities();
        if (!ViterbiSmoother.moveArgmaxTo(q, 0, label)) {
            return s;
        }
        return FrameState.of(s.particleId(), s.track(), s.frame(), false, q, 0);
    }

    /** @return the state of the oldest pending point by fixed-lag Viterbi over the heads of the newest step */
    private int decide(ParticleTrack p) {
        StreamState st = p.step;
        int span = (int) (st.steps - p.finalized);
        return fixedLag.decide(st.viterbi, p.finalized == 0, st.batch.heads, st.slot * st.batch.headFloats, span);
    }

    /** Reports a change once {@code minDwell} consecutive final frames are in the new state. */
    private void hysteresis(ParticleTrack p, FrameState s) {
        int state = s.state().index();
        if (p.reportedState < 0) {
            p.reportedState = state;
            return;
        }
        if (state == p.reportedState) {
            p.candidateState = -1;
            return;
        }
        if (state != p.candidateState) {
            p.candidateState = state;
            p.candidateFrame = s.frame();
            p.candidateCount = 0;
            p.candidateConfidence = s.probability(DiffusionState.ofIndex(state));
        }
        p.candidateCount++;
        if (p.candidateCount >= options.minDwell()) {
            dispatcher.publish(new StateChange(p.id, p.track, p.candidateFrame,
                    DiffusionState.ofIndex(p.reportedState), DiffusionState.ofIndex(state), p.candidateConfidence));
            p.reportedState = state;
            p.candidateState = -1;
        }
    }

    @Override
    public String toString() {
        return "OnlineSegmenter[" + estimatorName() + ", " + dimension + "D, "
                + (model != null ? "streaming" : "window=" + options.window()) + ", lag=" + options.lag() + "]";
    }
}
