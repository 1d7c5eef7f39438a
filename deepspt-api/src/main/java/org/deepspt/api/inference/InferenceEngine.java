package org.deepspt.api.inference;

/**
 * A loaded segmentation model that maps positions to probabilities.
 *
 * <p>Contract: input float32 {@code [batch, length, dim]} (row-major, positions in any length unit,
 * already centred by the caller), output float32 {@code [batch, length, 4]} (row-major, class order
 * normal, directed, confined, subdiffusive; each row sums to 1 up to rounding). All tracks of a batch have
 * the same length; any length ≥ 1.
 *
 * <p>Implementations are thread-safe: one engine serves many threads. {@link #close()} waits for runs in
 * flight and frees resources; later runs throw {@link InferenceException}. Failures of the engine itself
 * (closed, out of memory, a native error) are {@link InferenceException}s, never per-track errors.
 */
public interface InferenceEngine extends AutoCloseable {

    /** @return the backend's name, e.g. {@code onnx} or {@code jvm} */
    String backend();

    /** @return 2 or 3: the last axis of the input */
    int dimension();

    /**
     * @return the name of the model's input tensor (e.g. {@code positions}) where the engine knows it, so that a
     *     manifest naming another input is refused at load time; empty for engines without named inputs
     */
    default java.util.Optional<String> inputName() {
        return java.util.Optional.empty();
    }

    /**
     * Runs one batch.
     *
     * @param input {@code batch × length × dimension()} floats, row-major
     * @param batch number of tracks, ≥ 1
     * @param length points per track, ≥ 1
     * @param output receives {@code batch × length × 4} floats, row-major; at least that long
     * @throws InferenceException when the engine fails or is closed
     * @throws IllegalArgumentException when the batch or the length is below 1 or an array is too short
     *     ({@link #checkRun})
     */
    void run(float[] input, int batch, int length, float[] output);

    /**
     * The argument check of {@link #run} that every implementation makes first.
     *
     * @param engine the engine (its dimension)
     * @param name the model's name, for the message
     * @param input as {@link #run}
     * @param batch as {@link #run}
     * @param length as {@link #run}
     * @param output as {@link #run}
     * @throws IllegalArgumentException when the batch or the length is below 1 or an array is shorter than the
     *     batch needs
     */
    static void checkRun(InferenceEngine engine, String name, float[] input, int batch, int length,
            float[] output) {
        if (batch < 1 || length < 1) {
            throw new IllegalArgumentException("batch and length must be >= 1, got " + batch + ", " + length);
        }
        long inNeed = (long) batch * length * engine.dimension();
        long outNeed = (long) batch * length * 4;
        if (input.length < inNeed || output.length < outNeed) {
            throw new IllegalArgumentException("model '" + name + "': input holds " + input.length
                    + " floats (needs " + inNeed + "), output " + output.length + " (needs " + outNeed + ")");
        }
    }

    /** Frees the engine; idempotent. */
    @Override
    void close();
}
