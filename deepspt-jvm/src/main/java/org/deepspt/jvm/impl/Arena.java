package org.deepspt.jvm.impl;

import java.util.ArrayList;

/**
 * Reusable float buffers of one run at a time: after the first run with a given batch and length, later
 * runs take every activation and scratch buffer from here and allocate none.
 *
 * <p>{@link #take(int)} returns the smallest free buffer that is long enough (best fit), or a new one;
 * {@link #give(float[])} returns a buffer once its tensor is dead. Contents of a taken buffer are
 * unspecified. Not thread-safe: an engine keeps a pool of arenas and lends one to each run.
 */
public final class Arena {
    private static final int MAX_FREE = 256;
    private final ArrayList<float[]> free = new ArrayList<>();
    private final ArrayList<long[]> freeLongs = new ArrayList<>();
    private long allocatedFloats;

    /** @param n floats needed, ≥ 0 @return a buffer of at least {@code n} floats */
    public float[] take(int n) {
        int best = -1;
        int bestLen = Integer.MAX_VALUE;
        for (int i = 0, m = free.size(); i < m; i++) {
            int len = free.get(i).length;
            if (len >= n && len < bestLen) {
                best = i;
                bestLen = len;
                if (len == n) {
                    break;
                }
            }
        }
        if (best >= 0) {
            int last = free.size() - 1;
            float[] a = free.get(best);
            free.set(best, free.get(last));
            free.remove(last);
            return a;
        }
        LoadBudget.charge(Math.max(n, 1), Float.BYTES);
        allocatedFloats += Math.max(n, 1);
        return new float[Math.max(n, 1)];
    }

    /** @param a a buffer from {@link #take(int)} that is no longer used */
    public void give(float[] a) {
        if (free.size() >= MAX_FREE) {
            int smallest = 0;
            for (int i = 1; i < free.size(); i++) {
                if (free.get(i).length < free.get(smallest).length) {
                    smallest = i;
                }
            }
            if (free.get(smallest).length >= a.length) {
                return;
            }
            free.set(smallest, a);
            return;
        }
        free.add(a);
    }

    /** @param n longs needed, ≥ 0 @return a buffer of at least {@code n} longs (int64 tensors) */
    public long[] takeLongs(int n) {
        int best = -1;
        for (int i = 0, m = freeLongs.size(); i < m; i++) {
            int len = freeLongs.get(i).length;
            if (len >= n && (best < 0 || len < freeLongs.get(best).length)) {
                best = i;
            }
        }
        if (best >= 0) {
            int last = freeLongs.size() - 1;
            long[] a = freeLongs.get(best);
            freeLongs.set(best, freeLongs.get(last));
            freeLongs.remove(last);
            return a;
        }
        LoadBudget.charge(Math.max(n, 1), Long.BYTES);
        return new long[Math.max(n, 1)];
    }

    /** @param a a buffer from {@link #takeLongs(int)} that is no longer used */
    public void give(long[] a) {
        if (freeLongs.size() < MAX_FREE) {
            freeLongs.add(a);
        }
    }

    /** @return floats allocated by this arena so far (a test and tuning aid) */
    public long allocatedFloats() {
        return allocatedFloats;
    }
}
