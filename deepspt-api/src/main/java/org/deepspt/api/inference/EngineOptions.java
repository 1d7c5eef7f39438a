package org.deepspt.api.inference;

import java.util.Objects;

/**
 * Options of an inference engine.
 *
 * @param device {@code cpu} or {@code cuda} (only the {@code onnx} backend runs on CUDA; others ignore it
 *     with a logged warning)
 * @param cudaDeviceId CUDA device index, ≥ 0
 * @param intraOpThreads threads one engine call may use, ≥ 1 (parallelism over batches is the caller's)
 */
public record EngineOptions(String device, int cudaDeviceId, int intraOpThreads) {

    /** Validates ranges. */
    public EngineOptions {
        Objects.requireNonNull(device, "device");
        if (!device.equals("cpu") && !device.equals("cuda")) {
            throw new IllegalArgumentException("device must be cpu or cuda, got '" + device + "'");
        }
        if (cudaDeviceId < 0) {
            throw new IllegalArgumentException("cudaDeviceId must be >= 0, got " + cudaDeviceId);
        }
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads must be >= 1, got " + intraOpThreads);
        }
    }

    /** @return CPU, device 0, 1 intra-op thread */
    public static EngineOptions defaults() {
        return new EngineOptions("cpu", 0, 1);
    }

    /** @param d {@code cpu} or {@code cuda} @return a copy with that device */
    public EngineOptions withDevice(String d) {
        return new EngineOptions(d, cudaDeviceId, intraOpThreads);
    }

    /** @param n threads, ≥ 1 @return a copy with that many intra-op threads */
    public EngineOptions withIntraOpThreads(int n) {
        return new EngineOptions(device, cudaDeviceId, n);
    }
}
