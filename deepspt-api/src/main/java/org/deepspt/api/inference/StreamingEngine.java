package org.deepspt.api.inference;

/**
 * A loaded streaming segmentation model: one recurrent step per new point of a particle, batched across
 * particles, with the particles' states carried by the caller between steps.
 *
 * <p>Contract of the ONNX graph: inputs {@code features} float32 {@code [batch, F]} and {@code state} float32
 * {@code [batch, S]}; outputs {@code probabilities} float32 {@code [batch, K + 1, 4]} and {@code next_state}
 * float32 {@code [batch, S]}. Row b of {@code probabilities}, head a (0 ≤ a ≤ K = {@link #maxLag()}), is the
 * distribution over the four states (normal, directed, confined, subdiffusive) of the point a steps before
 * the newest one of particle b; each head sums to 1 up to rounding. A particle's first step takes a state of
 * zeros. F, S and K + 1 are fixed by the graph; only the batch axis is dynamic.
 *
 * <p>{@link #stepSlots} is the same step on states kept in a slab that the engine reads and writes in place.
 *
 * <p>Implementations are thread-safe (two calls must not share a slot); {@link #close()} frees the engine and later steps throw
 * {@link InferenceException}.
 */
public interface StreamingEngine extends AutoCloseable {

    /** @return the backend's name, e.g. {@code onnx} or {@code jvm} */
    String backend();

    /** @return F, features per point */
    int featureCount();

    /** @return S, floats of carried state per particle */
    int stateSize();

    /** @return K: the largest lag served, steps (points) */
    int maxLag();

    /**
     * Runs one step for a batch of particles.
     *
     * @param features {@code batch × F} floats, row-major
     * @param state {@code batch × S} floats, each particle's carried state
     * @param batch particles, ≥ 1
     * @param probabilities receives {@code batch × (K + 1) × 4} floats
     * @param nextState receives {@code batch × S} floats (may not alias {@code state})
     * @throws InferenceException when the engine fails or is closed
     * @throws IllegalArgumentException when the batch is below 1 or an array is too short ({@link #checkStep})
     */
    void step(float[] features, float[] state, int batch, float[] probabilities, float[] nextState);

    /**
     * Runs one step for a batch of particles whose carried states live in a caller-owned slab that the engine
     * reads and writes in place (no per-step copies of the states where the engine supports it). Slot s of the
     * slab owns the floats {@code [s·S, (s + 1)·S)} of {@code states} and {@code [s·(K + 1)·4, (s + 1)·(K + 1)·4)}
     * of {@code heads}.
     *
     * <p>The layout of a slot's state is the engine's own and may differ from {@link #step}'s: only this method
     * of the same engine reads it. A particle's first step ({@code index[b] == 0}) ignores whatever its slot
     * holds (the slot starts from the zero state), so the caller never initialises or clears a slot; the caller
     * passes every later point of the particle with index 1, 2, … in order, each in one call, and gives each
     * particle its own slot (the slots of one call are distinct).
     *
     * <p>This default gathers the slots into {@link #step}'s layout, runs {@link #step} and scatters the results
     * back (two copies of the states and a temporary allocation per call); the bundled engines override it.
     *
     * @param features {@code batch × F} floats, row-major
     * @param batch particles, ≥ 1
     * @param states the state slab, a multiple of S floats
     * @param slots {@code slots[b]}: the slot of batch row b, distinct, within both slabs
     * @param index {@code index[b]}: points of particle b stepped before this one (0 for its first point)
     * @param heads receives, at slot {@code slots[b]}, the {@code (K + 1) × 4} probabilities of batch row b
     * @throws IllegalArgumentException when the batch is below 1, an array is too short, a slot is outside a slab
     *     or an index is negative
     * @throws InferenceException when the engine fails or is closed
     */
    default void stepSlots(float[] features, int batch, float[] states, int[] slots, long[] index, float[] heads) {
        checkSlots(this, "streaming engine '" + backend() + "'", features, batch, states, slots, index, heads);
        int f = featureCount();
        int s = stateSize();
        int h = 4 * (maxLag() + 1);
        float[] in = new float[batch * s];
        float[] out = new float[batch * s];
        float[] probabilities = new float[batch * h];
        for (int b = 0; b < batch; b++) {
            if (index[b] > 0) {
                System.arraycopy(states, slots[b] * s, in, b * s, s);
            }
        }
        step(java.util.Arrays.copyOf(features, batch * f), in, batch, probabilities, out);
        for (int b = 0; b < batch; b++) {
            System.arraycopy(out, b * s, states, slots[b] * s, s);
            System.arraycopy(probabilities, b * h, heads, slots[b] * h, h);
        }
    }

    /**
     * The argument check of {@link #stepSlots} that every implementation makes first (O(batch)).
     *
     * @param engine the engine (its F, S and K)
     * @param name the model's name, for the message
     * @param features as {@link #stepSlots}
     * @param batch as {@link #stepSlots}
     * @param states as {@link #stepSlots}
     * @param slots as {@link #stepSlots}
     * @param index as {@link #stepSlots}
     * @param heads as {@link #stepSlots}
     * @throws IllegalArgumentException as {@link #stepSlots}
     */
    static void checkSlots(StreamingEngine engine, String name, float[] features, int batch, float[] states,
            int[] slots, long[] index, float[] heads) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        int s = engine.stateSize();
        int h = 4 * (engine.maxLag() + 1);
        if (features.length < (long) batch * engine.featureCount() || slots.length < batch || index.length < batch) {
            throw new IllegalArgumentException("model '" + name + "': arrays too short for a batch of " + batch);
        }
        long stateSlots = states.length / s;
        long headSlots = heads.length / h;
        for (int b = 0; b < batch; b++) {
            if (slots[b] < 0 || slots[b] >= stateSlots || slots[b] >= headSlots) {
                throw new IllegalArgumentException("model '" + name + "': slot " + slots[b] + " of batch row " + b
                        + " is outside the slabs (" + Math.min(stateSlots, headSlots) + " slots)");
            }
            if (index[b] < 0) {
                throw new IllegalArgumentException("model '" + name + "': negative index " + index[b]
                        + " of batch row " + b);
            }
        }
    }

    /**
     * The argument check of {@link #step} that every implementation makes first.
     *
     * @param engine the engine (its F, S and K)
     * @param name the model's name, for the message
     * @param features as {@link #step}
     * @param state as {@link #step}
     * @param batch as {@link #step}
     * @param probabilities as {@link #step}
     * @param nextState as {@link #step}
     * @throws IllegalArgumentException when the batch is below 1 or an array is shorter than the batch needs
     */
    static void checkStep(StreamingEngine engine, String name, float[] features, float[] state, int batch,
            float[] probabilities, float[] nextState) {
        if (batch < 1) {
            throw new IllegalArgumentException("batch must be >= 1, got " + batch);
        }
        int f = engine.featureCount();
        int s = engine.stateSize();
        int heads = engine.maxLag() + 1;
        if (features.length < (long) batch * f || state.length < (long) batch * s
                || probabilities.length < (long) batch * heads * 4 || nextState.length < (long) batch * s) {
            throw new IllegalArgumentException("model '" + name + "': arrays too short for a batch of " + batch);
        }
    }

    /** Frees the engine; idempotent. */
    @Override
    void close();
}
