package org.deepspt.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Trajectory;
import org.deepspt.fingerprint.DiffusionalFingerprint;
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
 * The diffusional fingerprint of one 2D track of {@code length} points ({@link DiffusionalFingerprint#defaults()}),
 * cycling over 64 simulated tracks: {@code trackFeatures} without a segmentation (the 31 track features),
 * {@code allFeatures} with the track's true states as its segmentation (43 features). Score: µs per track.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class FingerprintBenchmark {
    private static final int TRACKS = 64;

    @Param({"50", "200", "600"})
    public int length;

    private DiffusionalFingerprint extractor;
    private Trajectory[] tracks;
    private Segmentation[] segmentations;
    private int next;

    @Setup(Level.Trial)
    public void setUp() {
        extractor = DiffusionalFingerprint.defaults();
        List<Trajectory> list = Workloads.fixedLength(TRACKS, length, Workloads.SEED);
        tracks = list.toArray(new Trajectory[0]);
        segmentations = new Segmentation[TRACKS];
        for (int i = 0; i < TRACKS; i++) {
            Trajectory t = tracks[i];
            segmentations[i] = Segmentation.oneHot(t.id(), t.frames(), t.stateIndices());
        }
    }

    /** @return the fingerprint */
    @Benchmark
    public Fingerprint trackFeatures(CpuCounters cpu) {
        int i = next++ & (TRACKS - 1);
        long c0 = ProcessCpu.nanos();
        Fingerprint f = extractor.extract(tracks[i]);
        cpu.add(c0, length, 1);
        return f;
    }

    /** @return the fingerprint */
    @Benchmark
    public Fingerprint allFeatures(CpuCounters cpu) {
        int i = next++ & (TRACKS - 1);
        long c0 = ProcessCpu.nanos();
        Fingerprint f = extractor.extract(tracks[i], segmentations[i]);
        cpu.add(c0, length, 1);
        return f;
    }
}
