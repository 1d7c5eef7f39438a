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
 * <p>Implementations are thread-safe; {@link #close()} frees the engine and later steps throw
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
     */
    void step(float[] features, float[] state, int batch, float[] probabilities, float[] nextState);

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
