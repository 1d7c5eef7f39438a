package org.deepspt.api.inference;

/**
 * Service-provider interface of an execution backend, found with {@link java.util.ServiceLoader}
 * ({@code META-INF/services/org.deepspt.api.inference.InferenceBackend}).
 *
 * <p>A backend loads an ONNX model file that follows the segmentation contract (see
 * {@link InferenceEngine}) and refuses, at load time, a model it cannot run, with a message naming the
 * node and operator at fault.
 */
public interface InferenceBackend {

    /** @return short name used by {@code --backend}: {@code onnx}, {@code jvm} */
    String name();

    /**
     * @return whether the backend can run here (e.g. its native library loads); never throws. A backend
     *     that is not available explains why in {@link #unavailableReason()}.
     */
    boolean isAvailable();

    /** @return why {@link #isAvailable()} is false, or an empty string */
    default String unavailableReason() {
        return "";
    }

    /**
     * Preference when the user asks for {@code auto}: the available backend with the highest priority wins.
     *
     * @return priority; {@code onnx} is 100, {@code jvm} is 50
     */
    int priority();

    /**
     * Preference when the user asks for {@code auto} for a streaming model ({@link #loadStreaming}): the available
     * backend with the highest streaming priority wins, ties in {@link #priority()} order. A backend whose engine
     * suits streaming models better or worse than its segmentation models declares it here; by default the order
     * is that of {@link #priority()}.
     *
     * @return priority for streaming models; {@code onnx} 100 (its priority), {@code jvm} 150 (its fused step
     *     updates the carried state in place)
     */
    default int streamingPriority() {
        return priority();
    }

    /**
     * Loads a model.
     *
     * @param model the ONNX protobuf bytes
     * @param name model name for messages
     * @param dimension 2 or 3, the tracks' dimension (checked against the graph's input)
     * @param options engine options
     * @return the engine; close it when done
     * @throws org.deepspt.api.DeepSptException (a model-load error) naming the model, node or field
     */
    InferenceEngine load(byte[] model, String name, int dimension, EngineOptions options);

    /**
     * Loads a streaming model (see {@link StreamingEngine} for the graph's contract).
     *
     * @param model the ONNX protobuf bytes
     * @param name model name for messages
     * @param options engine options
     * @return the engine; close it when done
     * @throws ModelLoadException naming the model when the graph is off-contract or this backend cannot run
     *     streaming models
     */
    default StreamingEngine loadStreaming(byte[] model, String name, EngineOptions options) {
        throw new ModelLoadException("backend '" + name() + "' cannot run streaming model '" + name + "'");
    }
}
