package org.deepspt.online;

import org.deepspt.api.Segmentation;
import org.deepspt.api.Trajectory;

/**
 * The ring buffer of one live particle: its last {@code capacity} points with, per point, the best
 * estimate so far and that estimate's context score. Points are addressed by their global index
 * 0..count−1; point g lives in slot g mod capacity. Not thread-safe (owned by the producer).
 */
final class ParticleTrack {
    final String id;
    private final int dim;
    private final int capacity;
    private final int[] frames;
    private final double[] coords;
    private final double[] probs;
    private final long[] score;
    /** Points appended so far. */
    long count;
    /** Points finalized so far (global index of the oldest pending point). */
    long finalized;
    /** Global index of the newest point of the last segmented window, −1 before the first. */
    long lastWindowEnd = -1;
    /** State index of the last final frame, −1 before the first. */
    int lastFinalState = -1;
    int firstFrame;
    int lastFrame;

    ParticleTrack(String id, int dim, int capacity) {
        this.id = id;
        this.dim = dim;
        this.capacity = capacity;
        this.frames = new int[capacity];
        this.coords = new double[capacity * dim];
        this.probs = new double[capacity * 4];
        this.score = new long[capacity];
    }

    int size() {
        return (int) Math.min(count, capacity);
    }

    int capacity() {
        return capacity;
    }

    void append(int frame, double x, double y, double z) {
        if (count >= capacity && finalized <= count - capacity) {
            // Cannot happen when capacity >= max(W, L + 1) and updateInterval <= W; guards the invariant.
            throw new IllegalStateException("particle '" + id + "': point at frame " + frame(count - capacity)
                    + " would leave the ring buffer before it is final");
        }
        if (count == 0) {
            firstFrame = frame;
        }
        int slot = (int) (count % capacity);
        frames[slot] = frame;
        coords[slot * dim] = x;
        coords[slot * dim + 1] = y;
        if (dim == 3) {
            coords[slot * dim + 2] = z;
        }
        score[slot] = -1;
        lastFrame = frame;
        count++;
    }

    int frame(long g) {
        return frames[(int) (g % capacity)];
    }

    boolean hasEstimate(long g) {
        return score[(int) (g % capacity)] >= 0;
    }

    /** @return the window of the last min(window, size) points, as a trajectory named by the particle */
    Trajectory window(int window, double frameInterval) {
        int w = Math.min(window, size());
        long start = count - w;
        int[] f = new int[w];
        double[][] axes = new double[dim][w];
        for (int i = 0; i < w; i++) {
            int slot = (int) ((start + i) % capacity);
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
     *
     * @param s segmentation of {@link #window} taken when the particle had {@link #count} points
     * @param scale a factor larger than any before + after
     */
    void apply(Segmentation s, long scale) {
        int w = s.size();
        long start = count - w;
        double[] p = s.probabilityMatrix();
        for (int i = 0; i < w; i++) {
            long g = start + i;
            if (g < finalized) {
                continue;
            }
            int before = i;
            int after = w - 1 - i;
            long sc = Math.min(before, after) * scale + before + after;
            int slot = (int) (g % capacity);
            if (sc >= score[slot]) {
                score[slot] = sc;
                System.arraycopy(p, 4 * i, probs, 4 * slot, 4);
            }
        }
        lastWindowEnd = count - 1;
    }

    FrameState state(long g, boolean provisional) {
        int slot = (int) (g % capacity);
        return FrameState.of(id, frames[slot], provisional, probs, 4 * slot);
    }
}
