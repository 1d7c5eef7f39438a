package org.deepspt.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Input rows (spots) and tracks read per benchmark operation: in average-time mode JMH reports
 * {@code rows} as the time per row and {@code tracks} as the time per track; in throughput mode rows/s
 * and tracks/s.
 */
@AuxCounters(AuxCounters.Type.OPERATIONS)
@State(Scope.Thread)
public class RowCounters {
    /** Rows read. */
    public long rows;
    /** Tracks read. */
    public long tracks;

    /** Starts every iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
        rows = 0;
        tracks = 0;
    }
}
