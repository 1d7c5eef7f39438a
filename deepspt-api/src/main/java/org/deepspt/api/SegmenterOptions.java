package org.deepspt.api;

import java.util.Objects;
import org.deepspt.api.inference.EngineOptions;

/**
 * How {@link Segmenters#open} opens a segmenter.
 *
 * @param backend execution backend of neural models: {@code auto} (ONNX Runtime where its native library
 *     loads, else the pure-JVM engine with one logged warning), {@code onnx} or {@code jvm}
 * @param engine engine options (device, intra-op threads)
 * @param maxBatchSize most tracks per engine call, ≥ 1 (tracks are grouped by length first)
 * @param minimumLength shortest track a neural model accepts, in points, ≥ 1
 */
public record SegmenterOptions(String backend, EngineOptions engine, int maxBatchSize, int minimumLength) {

    /** Validates ranges. */
    public SegmenterOptions {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(engine, "engine");
        if (backend.isBlank()) {
            throw new IllegalArgumentException("backend must not be blank");
        }
        if (maxBatchSize < 1) {
            throw new IllegalArgumentException("maxBatchSize must be >= 1, got " + maxBatchSize);
        }
        if (minimumLength < 1) {
            throw new IllegalArgumentException("minimumLength must be >= 1, got " + minimumLength);
        }
    }

    /** @return backend {@code auto}, {@link EngineOptions#defaults()}, batches of 64, minimum length 5 */
    public static SegmenterOptions defaults() {
        return new SegmenterOptions("auto", EngineOptions.defaults(), 64, 5);
    }

    /** @param b {@code auto}, {@code onnx} or {@code jvm} @return a copy with that backend */
    public SegmenterOptions withBackend(String b) {
        return new SegmenterOptions(b, engine, maxBatchSize, minimumLength);
    }

    /** @param e engine options @return a copy with them */
    public SegmenterOptions withEngine(EngineOptions e) {
        return new SegmenterOptions(backend, e, maxBatchSize, minimumLength);
    }

    /** @param d {@code cpu} or {@code cuda} @return a copy with that device */
    public SegmenterOptions withDevice(String d) {
        return withEngine(engine.withDevice(d));
    }

    /** @param n tracks per engine call @return a copy with that batch size */
    public SegmenterOptions withMaxBatchSize(int n) {
        return new SegmenterOptions(backend, engine, n, minimumLength);
    }

    /** @param n points @return a copy with that minimum track length */
    public SegmenterOptions withMinimumLength(int n) {
        return new SegmenterOptions(backend, engine, maxBatchSize, n);
    }
}
