package org.deepspt.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Trajectory;
import org.deepspt.smoothing.DiffusivityChangeDetector;
import org.deepspt.smoothing.ViterbiSmoother;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The post-processing of one 2D track of {@code length} points after the model, cycling over 64 simulated protocol
 * tracks: {@code diffusivityChanges} searches every segment for changes of D ({@link DiffusivityChangeDetector}
 * with its defaults) on a segmentation of one segment per track (the whole track searched: the most work per
 * point), {@code viterbi} is the default smoothing of the same tracks' one-hot true states, for scale. Score: µs per
 * track.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class DiffusivityChangeBenchmark {
    private static final int TRACKS = 64;

    @Param({"50", "200", "600"})
    public int length;

    private DiffusivityChangeDetector detector;
    private ViterbiSmoother smoother;
    private Trajectory[] tracks;
    private Segmentation[] whole;
    private Segmentation[] states;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        detector = DiffusivityChangeDetector.defaults();
        smoother = ViterbiSmoother.defaults();
        List<Trajectory> list = Workloads.fixedLength(TRACKS, length, Workloads.SEED);
        tracks = list.toArray(new Trajectory[0]);
        whole = new Segmentation[TRACKS];
        states = new Segmentation[TRACKS];
        for (int i = 0; i < TRACKS; i++) {
            Trajectory t = tracks[i];
            whole[i] = Segmentation.oneHot(t.id(), t.frames(), new int[t.size()]);
            states[i] = Segmentation.oneHot(t.id(), t.frames(), t.stateIndices());
        }
    }

    /** @return the split segmentation */
    @Benchmark
    public Segmentation diffusivityChanges() {
        int i = next++ & (TRACKS - 1);
        return detector.split(tracks[i], whole[i]);
    }

    /** @return the smoothed segmentation */
    @Benchmark
    public Segmentation viterbi() {
        int i = next++ & (TRACKS - 1);
        return smoother.smooth(states[i]);
    }
}
