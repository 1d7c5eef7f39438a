package org.deepspt.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.deepspt.api.TrackIssue;

/**
 * Growable primitive columns of one input track while a file is read (points in file order, not yet sorted
 * or scaled). Not thread-safe.
 */
final class TrackBuffer {
    private static final int INITIAL_CAPACITY = 8;

    /** Id of the track as written in the input (issues are reported under it). */
    final String inputId;
    /** Id of the output track (equals inputId unless this is a branch piece). */
    final String id;
    int n;
    int[] frames = new int[INITIAL_CAPACITY];
    double[] x = new double[INITIAL_CAPACITY];
    double[] y = new double[INITIAL_CAPACITY];
    double[] z;
    byte[] states;
    /** The file's id of each point (TrackMate spot ID), or null when the format has none. */
    long[] spotIds;
    /** Why the whole track is rejected (first non-finite coordinate, bad edge…); null when none. */
    String rejectReason;
    /**
     * The first non-finite z of a point whose x and y are finite: a reason to reject the track only when the data
     * set turns out 3D (a 2D file may carry a z column of NaN, which is then ignored); null when none.
     */
    String zRejectReason;
    /** Issues to emit before this track's own (e.g. branch splits). */
    final List<TrackIssue> notes = new ArrayList<>(0);

    TrackBuffer(String inputId, String id, boolean withZ, boolean withStates) {
        this.inputId = inputId;
        this.id = id;
        if (withZ) {
            z = new double[INITIAL_CAPACITY];
        }
        if (withStates) {
            states = new byte[INITIAL_CAPACITY];
        }
    }

    /** Keeps a spot id per point from now on (call before the first {@link #add}). */
    TrackBuffer withSpotIds() {
        if (spotIds == null) {
            spotIds = new long[frames.length];
        }
        return this;
    }

    /** Adds a point with the file's id of it (a buffer made {@link #withSpotIds()}). */
    void add(int frame, double px, double py, double pz, int state, long spotId) {
        add(frame, px, py, pz, state);
        spotIds[n - 1] = spotId;
    }

    void add(int frame, double px, double py, double pz, int state) {
        if (n == frames.length) {
            int cap = n + (n >> 1) + 1;
            frames = Arrays.copyOf(frames, cap);
            x = Arrays.copyOf(x, cap);
            y = Arrays.copyOf(y, cap);
            if (z != null) {
                z = Arrays.copyOf(z, cap);
            }
            if (states != null) {
                states = Arrays.copyOf(states, cap);
            }
            if (spotIds != null) {
                spotIds = Arrays.copyOf(spotIds, cap);
            }
        }
        frames[n] = frame;
        x[n] = px;
        y[n] = py;
        if (z != null) {
            z[n] = pz;
        }
        if (states != null) {
            states[n] = (byte) state;
        }
        n++;
    }

    /** Sorts the points by frame (stable); a no-op when already sorted. */
    void sortByFrame() {
        boolean sorted = true;
        for (int i = 1; i < n && sorted; i++) {
            sorted = frames[i] >= frames[i - 1];
        }
        if (sorted) {
            return;
        }
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) {
            keys[i] = ((long) frames[i] << 32) | i;
        }
        Arrays.sort(keys);
        int[] f = new int[n];
        double[] nx = new double[n];
        double[] ny = new double[n];
        double[] nz = z == null ? null : new double[n];
        byte[] ns = states == null ? null : new byte[n];
        long[] nids = spotIds == null ? null : new long[n];
        for (int k = 0; k < n; k++) {
            int i = (int) (keys[k] & 0xffffffffL);
            f[k] = frames[i];
            nx[k] = x[i];
            ny[k] = y[i];
            if (nz != null) {
                nz[k] = z[i];
            }
            if (ns != null) {
                ns[k] = states[i];
            }
            if (nids != null) {
                nids[k] = spotIds[i];
            }
        }
        frames = f;
        x = nx;
        y = ny;
        z = nz;
        states = ns;
        spotIds = nids;
    }
}
