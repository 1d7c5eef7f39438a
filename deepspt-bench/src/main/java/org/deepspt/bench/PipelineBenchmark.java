package org.deepspt.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.deepspt.api.Segmenter;
import org.deepspt.api.Trajectory;
import org.deepspt.pipeline.Pipeline;
import org.deepspt.pipeline.PipelineResult;
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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code analyze}-like throughput end to end, without the report: {@link Pipeline#run} (segmentation with
 * {@code unet} on the given backend, one track per engine call as the pipeline does, then the diffusional
 * fingerprint) over 200 simulated 2D tracks of the published protocol (lengths 5..600, ≈ 60 k frames) on
 * {@code workers} pipeline threads (1 intra-op thread each). Score: runs/s; secondary {@code tracks}:
 * tracks/s, {@code frames}: frames/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class PipelineBenchmark {
    private static final int TRACKS = 200;

    @Param({"onnx", "jvm"})
    public String backend;

    /** Segmenter names of the registry ({@code Segmenters.names()}), as {@code --model} takes them. */
    @Param({"unet", "unet-fast", "unet-int8"})
    public String model;

    @Param({"1", "2"})
    public int workers;

    private List<Trajectory> tracks;
    private long frames;
    private Segmenter segmenter;
    private Pipeline pipeline;

    @Setup(Level.Trial)
    public void setUp() {
        tracks = Workloads.paper(TRACKS, Workloads.SEED);
        frames = Workloads.frames(tracks);
        segmenter = Backends.segmenter(model, backend, 1, 64);
        pipeline = Pipeline.builder().segmenter(segmenter).threads(workers).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        segmenter.close();
    }

    /** @return the results */
    @Benchmark
    public PipelineResult run(Counters counters, CpuCounters cpu) {
        long c0 = ProcessCpu.nanos();
        PipelineResult r = pipeline.run(tracks);
        cpu.add(c0, frames, TRACKS);
        counters.tracks += TRACKS;
        counters.frames += frames;
        return r;
    }
}
