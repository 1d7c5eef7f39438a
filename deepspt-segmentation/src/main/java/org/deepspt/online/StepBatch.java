package org.deepspt.online;

import java.util.Arrays;
import java.util.List;
import org.deepspt.api.inference.StreamingEngine;

/**
 * The slabs of the streaming models' per-particle state and one step per frame. Every live particle owns a slot:
 * S floats of carried state in {@link #states} and 4 (K + 1) floats of its newest heads in {@link #heads}, read and
 * written in place by {@link StreamingEngine#stepSlots} (no copies of the states per frame). Slots of ended
 * particles are reused (a free list); the slabs double when every slot is taken, so a new particle costs O(1)
 * amortised, and they keep their largest size. {@link #run} gathers the features of the particles that got a point
 * in a frame into one batch and runs one engine call. Its arrays are reused. Not thread-safe (owned by the
 * producer).
 */
final class StepBatch {
    private final StreamingEngine engine;
    private final int features;
    private final int state;
    /** Floats of heads per slot, 4 (K + 1). */
    final int headFloats;
    /** The carried states, slot s at [s·S, (s + 1)·S), in the engine's layout. */
    private float[] states = new float[0];
    /** The newest step's heads, slot s at [s·headFloats, (s + 1)·headFloats). */
    float[] heads = new float[0];
    private int capacity;
    private int[] free = new int[0];
    private int freeCount;
    private float[] in = new float[0];
    private int[] slots = new int[0];
    private long[] index = new long[0];

    StepBatch(StreamingEngine engine) {
        this.engine = engine;
        this.features = engine.featureCount();
        this.state = engine.stateSize();
        this.headFloats = 4 * (engine.maxLag() + 1);
    }

    /** @return a free slot (its contents are stale: the engine resets it at the particle's first step) */
    int allocate() {
        if (freeCount == 0) {
            grow();
        }
        return free[--freeCount];
    }

    /**
     * Grows the slabs now, if needed, so that {@code n} more slots can be taken without growing (a frame's new
     * particles are reserved before any of them is added, so a full slab refuses the frame whole).
     *
     * @param n slots about to be taken
     * @throws IllegalStateException when the slabs cannot hold that many particles
     */
    void reserve(int n) {
        while (freeCount < n) {
            grow();
        }
    }

    /** @param slot a slot of an ended particle, free for reuse */
    void free(int slot) {
        free[freeCount++] = slot;
    }

    /** @return slots in the slabs (taken and free) */
    int capacity() {
        return capacity;
    }

    /** @return slab bytes per slot */
    long bytesPerSlot() {
        return 4L * (state + headFloats);
    }

    private void grow() {
        long max = (Integer.MAX_VALUE - 16) / Math.max(state, headFloats);
        if (capacity >= max) {
            throw new IllegalStateException("more than " + max + " live particles: the streaming state slab is full");
        }
        int n = (int) Math.min(max, Math.max(16L, 2L * capacity));
        states = Arrays.copyOf(states, n * state);
        heads = Arrays.copyOf(heads, n * headFloats);
        free = Arrays.copyOf(free, n);
        for (int s = n - 1; s >= capacity; s--) {
            free[freeCount++] = s;
        }
        capacity = n;
    }

    /**
     * One step for each particle, in one engine call: the step of its point {@link StreamState#steps}, whose features
     * are in {@link StreamState#features} (the newest point of a particle that got one in this frame, or one of the
     * points made up over its blink).
     *
     * @param particles distinct particles, each with a point waiting for its step
     */
    void run(List<ParticleTrack> particles) {
        int b = particles.size();
        if (slots.length < b) {
            int n = Math.max(b, 2 * slots.length);
            in = new float[n * features];
            slots = new int[n];
            index = new long[n];
        }
        for (int i = 0; i < b; i++) {
            ParticleTrack p = particles.get(i);
            StreamState s = p.step;
            System.arraycopy(s.features, 0, in, i * features, features);
            slots[i] = s.slot;
            index[i] = s.steps;
        }
        engine.stepSlots(in, b, states, slots, index, heads);
        for (int i = 0; i < b; i++) {
            ParticleTrack p = particles.get(i);
            p.step.steps++;
        }
    }
}
