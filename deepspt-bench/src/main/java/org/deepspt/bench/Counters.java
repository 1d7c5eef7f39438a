package org.deepspt.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Frames and tracks processed per benchmark operation, reported by JMH next to the primary score: in
 * average-time mode {@code frames} is the time per frame (same unit as the score) and {@code tracks} the
 * time per track; in throughput mode frames/s and tracks/s. Each benchmark adds what one call processed.
 */
@AuxCounters(AuxCounters.Type.OPERATIONS)
@State(Scope.Thread)
public class Counters {
    /** Frames (points) processed. */
    public long frames;
    /** Tracks processed. */
    public long tracks;

    /** Starts every iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
        frames = 0;
        tracks = 0;
    }
}
