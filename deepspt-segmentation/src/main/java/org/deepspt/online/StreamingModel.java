package org.deepspt.online;

import java.util.Objects;
import org.deepspt.api.inference.StreamingEngine;

/**
 * A streaming segmentation model for {@link OnlineSegmenter#of(StreamingModel, OnlineOptions)}: a
 * {@link StreamingEngine} (ONNX Runtime or the pure-JVM engine) with its name and dimension. One recurrent
 * step per new point of a particle, all particles of a frame in one call; states of the point a steps back
 * from head a, a ≤ {@link #maxLag()}. Inputs are {@link StreamFeatures} (D + 4 per point). Thread-safe as its
 * engine; {@link #close()} closes the engine.
 */
public final class StreamingModel implements AutoCloseable {
    private final StreamingEngine engine;
    private final String name;
    private final int dimension;

    private StreamingModel(StreamingEngine engine, String name, int dimension) {
        this.engine = engine;
        this.name = name;
        this.dimension = dimension;
    }

    /**
     * @param engine a loaded streaming engine; closed by {@link #close()}
     * @param name model name for messages
     * @param dimension 2 or 3; the engine must take dimension + 4 features ({@link StreamFeatures})
     * @return the model
     * @throws IllegalArgumentException when the dimension or the engine's feature count is off
     */
    public static StreamingModel of(StreamingEngine engine, String name, int dimension) {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(name, "name");
        if (dimension != 2 && dimension != 3) {
            throw new IllegalArgumentException("dimension must be 2 or 3, got " + dimension);
        }
        if (engine.featureCount() != StreamFeatures.count(dimension)) {
            throw new IllegalArgumentException("streaming model '" + name + "' takes " + engine.featureCount()
                    + " features per point; a " + dimension + "D model takes " + StreamFeatures.count(dimension));
        }
        if (engine.stateSize() < 1 || engine.maxLag() < 0) {
            throw new IllegalArgumentException("streaming model '" + name + "': state size " + engine.stateSize()
                    + ", maximum lag " + engine.maxLag());
        }
        return new StreamingModel(engine, name, dimension);
    }

    /** @return the model's name */
    public String name() {
        return name;
    }

    /** @return 2 or 3 */
    public int dimension() {
        return dimension;
    }

    /** @return the largest lag it serves, frames (points of a particle) */
    public int maxLag() {
        return engine.maxLag();
    }

    /** @return the engine's backend name */
    public String backend() {
        return engine.backend();
    }

    StreamingEngine engine() {
        return engine;
    }

    /** Closes the engine; idempotent. */
    @Override
    public void close() {
        engine.close();
    }

    @Override
    public String toString() {
        return "StreamingModel[" + name + ", " + dimension + "D, lags 0.." + maxLag() + ", " + backend() + "]";
    }
}
