package org.deepspt.onnx;

import java.util.Objects;

/**
 * Immutable runtime options of an {@link OnnxSegmenter}.
 *
 * @param device execution provider to try first (default {@link ExecutionDevice#CPU})
 * @param cudaDeviceId GPU index for {@link ExecutionDevice#CUDA} (default 0)
 * @param intraOpThreads ONNX Runtime intra-op threads per run (default 1; for throughput run several Java
 *     threads against one segmenter instead)
 * @param maxBatchSize most tracks per {@code run} call (default 64)
 * @param minimumLength tracks with fewer points are rejected with {@code TrackTooShortException}
 *     (default 5)
 */
public record OnnxOptions(ExecutionDevice device, int cudaDeviceId, int intraOpThreads, int maxBatchSize,
        int minimumLength) {

    /** Validates ranges. */
    public OnnxOptions {
        Objects.requireNonNull(device, "device");
        if (cudaDeviceId < 0) {
            throw new IllegalArgumentException("cudaDeviceId must be >= 0, got " + cudaDeviceId);
        }
        if (intraOpThreads < 1) {
            throw new IllegalArgumentException("intraOpThreads must be >= 1, got " + intraOpThreads);
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be >= 1, got " + maxBatchSize);
        }
        if (minimumLength < 1) {
            throw new IllegalArgumentException("minimumLength must be >= 1, got " + minimumLength);
        }
    }

    /** @return CPU, device 0, 1 thread, batches of 64, minimum length 5 */
    public static OnnxOptions defaults() {
        return new OnnxOptions(ExecutionDevice.CPU, 0, 1, 64, 5);
    }

    /** @param d device @return a copy with that device */
    public OnnxOptions withDevice(ExecutionDevice d) {
        return new OnnxOptions(d, cudaDeviceId, intraOpThreads, maxBatchSize, minimumLength);
    }

    /** @param n threads @return a copy with that many intra-op threads */
    public OnnxOptions withIntraOpThreads(int n) {
        return new OnnxOptions(device, cudaDeviceId, n, maxBatchSize, minimumLength);
    }

    /** @param n tracks @return a copy with that batch size */
    public OnnxOptions withMaxBatchSize(int n) {
        return new OnnxOptions(device, cudaDeviceId, intraOpThreads, n, minimumLength);
    }

    /** @param n points @return a copy with that minimum track length */
    public OnnxOptions withMinimumLength(int n) {
        return new OnnxOptions(device, cudaDeviceId, intraOpThreads, maxBatchSize, n);
    }
}
