package org.deepspt.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * CPU time of the whole benchmark process (all threads: ours and the inference engine's) spent inside the
 * measured calls, with the work those calls did, as raw per-iteration totals ({@code EVENTS}: JMH sums them,
 * no time normalisation). {@code deepspt-bench/compare/jmh_table.py} divides them: CPU ns per frame, per call
 * and per track. On a shared machine CPU time is far less disturbed by other processes than wall time: it
 * does not count the time our threads wait for a core.
 */
@AuxCounters(AuxCounters.Type.EVENTS)
@State(Scope.Thread)
public class CpuCounters {
    /** Process CPU time inside the measured calls, ns. */
    public long cpuNanos;
    /** Measured calls. */
    public long calls;
    /** Frames processed by those calls. */
    public long cpuFrames;
    /** Tracks processed by those calls. */
    public long cpuTracks;

    /** Starts every iteration from zero. */
    @Setup(Level.Iteration)
    public void reset() {
        cpuNanos = 0;
        calls = 0;
        cpuFrames = 0;
        cpuTracks = 0;
    }

    /**
     * Adds one call.
     *
     * @param startCpu {@link ProcessCpu#nanos()} before the call
     * @param frames frames it processed
     * @param tracks tracks it processed
     */
    public void add(long startCpu, long frames, long tracks) {
        cpuNanos += ProcessCpu.nanos() - startCpu;
        calls++;
        cpuFrames += frames;
        cpuTracks += tracks;
    }
}
