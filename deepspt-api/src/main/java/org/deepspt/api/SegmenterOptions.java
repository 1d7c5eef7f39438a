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
 * @param switchPenalty state-switch penalty λ in nats of the Viterbi smoothing that a neural model applies to
 *     its per-point probabilities (most probable state path with a cost λ per change of state; see
 *     {@code org.deepspt.smoothing.ViterbiSmoother}), finite and ≥ 0; 0 turns smoothing off (frame-wise argmax)
 * @param diffusivityChanges whether a neural model also starts a new segment where D changes within one motion class
 *     (after smoothing; {@code org.deepspt.smoothing.DiffusivityChangeDetector} with its defaults): the sub-segments
 *     keep the class and each gets its own motion estimate; on by default
 * @param refineBoundaries whether a neural model with an output calibration moves each change of state of its smoothed
 *     path to where its probabilities and the step lengths on either side agree best (at most 12 points; {@code
 *     org.deepspt.smoothing.BoundaryRefiner} with its defaults); changes are moved, never added or removed; on by
 *     default, no effect without smoothing
 */
public record SegmenterOptions(String backend, EngineOptions engine, int maxBatchSize, int minimumLength,
        double switchPenalty, boolean diffusivityChanges, boolean refineBoundaries) {
    /**
     * The default switch penalty, 9 nats: on simulated test tracks it removes most spurious change points
     * (0.77 → 0.09 per single-state 2D track) at no cost in 4-class accuracy (models/README.md, "Viterbi
     * smoothing by default").
     */
    public static final double DEFAULT_SWITCH_PENALTY = 9.0;

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
        if (!(switchPenalty >= 0) || Double.isInfinite(switchPenalty)) {
            throw new IllegalArgumentException("switchPenalty must be finite and >= 0 nats, got " + switchPenalty);
        }
    }

    /**
     * Options with boundaries refined ({@code refineBoundaries} true).
     *
     * @param backend as the record component
     * @param engine as the record component
     * @param maxBatchSize as the record component
     * @param minimumLength as the record component
     * @param switchPenalty as the record component
     * @param diffusivityChanges as the record component
     */
    public SegmenterOptions(String backend, EngineOptions engine, int maxBatchSize, int minimumLength,
            double switchPenalty, boolean diffusivityChanges) {
        this(backend, engine, maxBatchSize, minimumLength, switchPenalty, diffusivityChanges, true);
    }

    /**
     * Options with D changes found and boundaries refined ({@code diffusivityChanges}, {@code refineBoundaries} true).
     *
     * @param backend as the record component
     * @param engine as the record component
     * @param maxBatchSize as the record component
     * @param minimumLength as the record component
     * @param switchPenalty as the record component
     */
    public SegmenterOptions(String backend, EngineOptions engine, int maxBatchSize, int minimumLength,
            double switchPenalty) {
        this(backend, engine, maxBatchSize, minimumLength, switchPenalty, true);
    }

    /**
     * Options with the {@link #DEFAULT_SWITCH_PENALTY default smoothing} and D changes found.
     *
     * @param backend as the record component
     * @param engine as the record component
     * @param maxBatchSize as the record component
     * @param minimumLength as the record component
     */
    public SegmenterOptions(String backend, EngineOptions engine, int maxBatchSize, int minimumLength) {
        this(backend, engine, maxBatchSize, minimumLength, DEFAULT_SWITCH_PENALTY, true);
    }

    /**
     * @return backend {@code auto}, {@link EngineOptions#defaults()}, batches of 64, minimum length 5, Viterbi
     *     smoothing with {@link #DEFAULT_SWITCH_PENALTY}, D changes within a class found, boundaries refined
     */
    public static SegmenterOptions defaults() {
        return new SegmenterOptions("auto", EngineOptions.defaults(), 64, 5, DEFAULT_SWITCH_PENALTY, true, true);
    }

    /** @param b {@code auto}, {@code onnx} or {@code jvm} @return a copy with that backend */
    public SegmenterOptions withBackend(String b) {
        return new SegmenterOptions(b, engine, maxBatchSize, minimumLength,
                switchPenalty, diffusivityChanges, refineBoundaries);
    }

    /** @param e engine options @return a copy with them */
    public SegmenterOptions withEngine(EngineOptions e) {
        return new SegmenterOptions(backend, e, maxBatchSize, minimumLength,
                switchPenalty, diffusivityChanges, refineBoundaries);
    }

    /** @param d {@code cpu} or {@code cuda} @return a copy with that device */
    public SegmenterOptions withDevice(String d) {
        return withEngine(engine.withDevice(d));
    }

    /** @param n tracks per engine call @return a copy with that batch size */
    public SegmenterOptions withMaxBatchSize(int n) {
        return new SegmenterOptions(backend, engine, n, minimumLength,
                switchPenalty, diffusivityChanges, refineBoundaries);
    }

    /** @param n points @return a copy with that minimum track length */
    public SegmenterOptions withMinimumLength(int n) {
        return new SegmenterOptions(backend, engine, maxBatchSize, n,
                switchPenalty, diffusivityChanges, refineBoundaries);
    }

    /**
     * @param nats Viterbi state-switch penalty (0: no smoothing)
     * @return a copy with that penalty
     */
    public SegmenterOptions withSwitchPenalty(double nats) {
        return new SegmenterOptions(backend, engine, maxBatchSize, minimumLength,
                nats, diffusivityChanges, refineBoundaries);
    }

    /**
     * @param on whether a neural model starts a new segment where D changes within a class
     * @return a copy with that choice
     */
    public SegmenterOptions withDiffusivityChanges(boolean on) {
        return new SegmenterOptions(backend, engine, maxBatchSize, minimumLength, switchPenalty, on, refineBoundaries);
    }

    /**
     * @param on whether a neural model moves each change of state of its smoothed path to where its probabilities and
     *     the step lengths on either side agree best
     * @return a copy with that choice
     */
    public SegmenterOptions withRefinedBoundaries(boolean on) {
        return new SegmenterOptions(backend, engine, maxBatchSize, minimumLength,
                switchPenalty, diffusivityChanges, on);
    }

    /** @return a copy without smoothing (frame-wise argmax states), as {@code withSwitchPenalty(0)} */
    public SegmenterOptions withoutSmoothing() {
        return withSwitchPenalty(0);
    }
}
