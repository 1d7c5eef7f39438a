package org.deepspt.online;

import org.deepspt.api.Segmentation;
import org.deepspt.api.Trajectory;

/**
 * The buffers of one particle's track: its last points in a ring that grows with the track up to
 * {@code capacity} points (never reserved up front), the estimate of every pending point, and the links of
 * the live list ordered by last push. Points are addressed by their global index 0..count−1; point g lives
 * in slot g mod (current ring length). Not thread-safe (owned by the producer).
 *
 * <p>Two kinds of estimate: window mode keeps coordinates, the best window estimate per point and its context
 * score; step mode ({@link #step} non-null) keeps a streaming model's slot (carried state and the newest
 * step's heads, head a being the estimate of point steps − 1 − a) and marks the points made up over a blink
 * ({@link #appendFilled}), which are stepped and decided like measured ones but never reported.
 */
final class ParticleTrack {
    private static final int INITIAL = 8;

    final String id;
    final long track;
    private final int dim;
    private final int capacity;
    private int[] frames;
    private double[] coords;
    private double[] probs;
    private long[] score;
    /** Step mode: whether the point in a slot was made up over a blink (stepped, never reported). */
    private boolean[] filled;
    /** Step mode state, null in window mode. */
    StreamState step;
    /** Points appended so far. */
    long count;
    /** Points finalized so far (global index of the oldest pending point). */
    long finalized;
    /** Global index of the newest point of the last segmented window, −1 before the first. */
    long lastWindowEnd = -1;
    int firstFrame;
    int lastFrame;
    /** Whether the track is live (not lost, idle or flushed). */
    boolean live = true;
    /** Frame stamp used to add the particle once to a per-frame list. */
    long mark = Long.MIN_VALUE;
    /** Live list, ordered by last push (oldest first). */
    ParticleTrack prev;
    ParticleTrack next;
    /** Hysteresis: reported state index (−1 before the first final frame) and the candidate new state. */
    int reportedState = -1;
    int candidateState = -1;
    int candidateFrame;
    int candidateCount;
    double candidateConfidence;

    ParticleTrack(String id, long track, int dim, int capacity, boolean keepCoordinates, StreamState step) {
        this.id = id;
        this.track = track;
        this.dim = dim;
        this.capacity = capacity;
        this.step = step;
        int n = Math.min(INITIAL, capacity);
        this.frames = new int[n];
        if (keepCoordinates) {
            this.coords = new double[n * dim];
            this.probs = new double[n * 4];
            this.score = new long[n];
        } else {
            this.filled = new boolean[n];
        }
    }

    /** @return points held in the ring */
    int size() {
        return (int) Math.min(count, frames.length);
    }

    /** @return the ring's current length (grows up to the capacity) */
    int ringLength() {
        return frames.length;
    }

    void append(int frame, double x, double y, double z) {
        append(frame, x, y, z, false);
    }

    /**
     * Step mode: appends a point made up over a blink (its frame only: its position goes to the model's features when
     * it is stepped). It gets a step and a final decision like a measured point but is never reported.
     */
    void appendFilled(int frame) {
        append(frame, 0, 0, 0, true);
    }

    /** @return whether point g was made up over a blink (step mode) */
    boolean filled(long g) {
        return filled != null && filled[slot(g)];
    }

    private void append(int frame, double x, double y, double z, boolean madeUp) {
        if (count == frames.length && frames.length < capacity) {
            grow();
        }
        if (count >= frames.length && finalized <= count - frames.length) {
            // Cannot happen when capacity >= max(W, L + 1) and updateInterval <= W; guards the invariant.
            throw new IllegalStateException("particle '" + id + "': point at frame " + frame(count - frames.length)
                    + " would leave the ring buffer before it is final");
        }
        if (count == 0) {
            firstFrame = frame;
        }
        int slot = slot(count);
        frames[slot] = frame;
        if (coords != null) {
            coords[slot * dim] = x;
            coords[slot * dim + 1] = y;
            if (dim == 3) {
                coords[slot * dim + 2] = z;
            }
            score[slot] = -1;
        } else {
            filled[slot] = madeUp;
        }
        lastFrame = frame;
        count++;
    }

    /** Doubles the ring (up to the capacity); until the first growth past count, slot g is g, so no wrap moves. */
    private void grow() {
        int n = (int) Math.min((long) frames.length * 2, capacity);
        frames = java.util.Arrays.copyOf(frames, n);
        if (coords != null) {
            coords = java.util.Arrays.copyOf(coords, n * dim);
            probs = java.util.Arrays.copyOf(probs, n * 4);
            score = java.util.Arrays.copyOf(score, n);
        } else {
            filled = java.util.Arrays.copyOf(filled, n);
        }
    }

    private int slot(long g) {
        return (int) (g % frames.length);
    }

    int frame(long g) {
        return frames[slot(g)];
    }

    /** @return pending points (not final yet) that were measured, not made up over a blink */
    int pendingMeasured() {
        int n = 0;
        for (long g = finalized; g < count; g++) {
            if (!filled(g)) {
                n++;
            }
        }
        return n;
    }

    /** @return the frame of the oldest pending measured point, or {@link #lastFrame} when none is pending */
    int firstPendingMeasuredFrame() {
        for (long g = finalized; g < count; g++) {
            if (!filled(g)) {
                return frame(g);
            }
        }
        return lastFrame;
    }

    /**
     * Step mode: whether the newest step's heads of the pending points (head a for point steps − 1 − a, a ≤ maxLag)
     * are all finite.
     */
    boolean pendingHeadsFinite() {
        long newest = step.steps - 1;
        long heads = Math.min(step.maxLag, newest - finalized);
        for (int a = 0; a <= heads; a++) {
            for (int c = 0; c < 4; c++) {
                if (!Float.isFinite(step.head(a, c))) {
                    return false;
                }
            }
        }
        return true;
    }

    boolean hasEstimate(long g) {
        if (step != null) {
            return g < step.steps && step.steps - 1 - g <= step.maxLag;
        }
        return score[slot(g)] >= 0;
    }

    /** @return the window of the last min(window, size) points, as a trajectory named by the particle */
    Trajectory window(int window, double frameInterval) {
        int w = Math.min(window, size());
        long start = count - w;
        int[] f = new int[w];
        double[][] axes = new double[dim][w];
        for (int i = 0; i < w; i++) {
            int slot = slot(start + i);
            f[i] = frames[slot];
            for (int a = 0; a < dim; a++) {
                axes[a][i] = coords[slot * dim + a];
            }
        }
        return dim == 2 ? Trajectory.of(id, frameInterval, f, axes[0], axes[1])
                : Trajectory.of(id, frameInterval, f, axes[0], axes[1], axes[2]);
    }

    /**
     * Keeps, for every point of the window, the estimate of the window where the point has the most
     * context: score = min(before, after)·scale + (before + after), larger wins, ties go to the newer window.
     * Rows of points made up over a blink ({@link Trajectory#interpolated(int)}) are skipped; before and after count
     * measured points.
     *
     * @param s segmentation of {@code window}
     * @param window {@link #window} taken when the particle had {@link #count} points, possibly with its blinks
     *     filled ({@link Trajectory#withGapsInterpolated(int)})
     * @param scale a factor larger than any before + after
     */
    void apply(Segmentation s, Trajectory window, long scale) {
        int rows = s.size();
        int w = rows - window.interpolatedCount();
        long start = count - w;
        double[] p = s.probabilityMatrix();
        int i = -1;
        for (int r = 0; r < rows; r++) {
            if (window.interpolated(r)) {
                continue;
            }
            i++;
            long g = start + i;
            if (g < finalized) {
                continue;
            }
            int before = i;
            int after = w - 1 - i;
            long sc = Math.min(before, after) * scale + before + after;
            int slot = slot(g);
            if (sc >= score[slot]) {
                score[slot] = sc;
                System.arraycopy(p, 4 * r, probs, 4 * slot, 4);
            }
        }
        lastWindowEnd = count - 1;
    }

    FrameState state(long g, boolean provisional) {
        if (step != null) {
            int a = (int) (step.steps - 1 - g);
            return new FrameState(id, track, frame(g), provisional, step.head(a, 0), step.head(a, 1),
                    step.head(a, 2), step.head(a, 3));
        }
        int slot = slot(g);
        return FrameState.of(id, track, frames[slot], provisional, probs, 4 * slot);
    }

    /** Frees the buffers of an ended track (the object may stay referenced by the due queue a few frames). */
    void release() {
        frames = new int[0];
        filled = null;
        coords = null;
        probs = null;
        score = null;
        if (step != null) {
            step.release();
        }
        step = null;
    }

    /** @return bytes held by this track's arrays (an estimate for {@link OnlineStats}) */
    long bufferBytes() {
        long b = 4L * frames.length;
        if (coords != null) {
            b += 8L * coords.length + 8L * probs.length + 8L * score.length;
        } else if (filled != null) {
            b += filled.length;
        }
        if (step != null) {
            b += step.bytes();
        }
        return b;
    }
}
