package org.deepspt.online;

/**
 * Pushed points in push order (so in frame order): (track, frame). When frame t is completed, the entries
 * with frame ≤ t − L are popped and their tracks finalised up to that frame, so a completed frame costs
 * O(points falling due), never a scan of every particle. A growable ring; entries of ended tracks are
 * skipped when popped. Not thread-safe.
 */
final class DueQueue {
    private ParticleTrack[] tracks = new ParticleTrack[64];
    private int[] frames = new int[64];
    private int head;
    private int size;

    void add(ParticleTrack t, int frame) {
        if (size == tracks.length) {
            grow();
        }
        int i = (head + size) & (tracks.length - 1);
        tracks[i] = t;
        frames[i] = frame;
        size++;
    }

    private void grow() {
        resize(tracks.length * 2);
    }

    /** Copies the entries, oldest first, into a ring of n slots (a power of two, at least size). */
    private void resize(int n) {
        ParticleTrack[] t = new ParticleTrack[n];
        int[] f = new int[n];
        for (int k = 0; k < size; k++) {
            int i = (head + k) & (tracks.length - 1);
            t[k] = tracks[i];
            f[k] = frames[i];
        }
        tracks = t;
        frames = f;
        head = 0;
    }

    int size() {
        return size;
    }

    /** @return the k-th oldest entry's frame (k &lt; size) */
    int frame(int k) {
        return frames[(head + k) & (tracks.length - 1)];
    }

    /** @return the k-th oldest entry's track (k &lt; size) */
    ParticleTrack track(int k) {
        return tracks[(head + k) & (tracks.length - 1)];
    }

    /** @return the oldest entry's track, removed */
    ParticleTrack pop() {
        ParticleTrack t = tracks[head];
        tracks[head] = null;
        head = (head + 1) & (tracks.length - 1);
        size--;
        return t;
    }

    /** Halves the ring when it is at most a quarter full (memory follows the live points). */
    void trim() {
        if (tracks.length > 64 && size <= tracks.length / 4) {
            resize(tracks.length / 2);
        }
    }
}
