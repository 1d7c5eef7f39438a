package org.deepspt.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.deepspt.api.Segmentation;
import org.deepspt.api.SegmentationResult;
import org.deepspt.api.Segmenter;
import org.deepspt.api.Trajectory;
import org.deepspt.api.inference.InferenceEngine;
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
 * Our overhead around ONNX Runtime on identical inputs (one thread, {@code batch} tracks of
 * {@code length} points, the bundled 2D ensemble):
 * <ul>
 *   <li>{@code segmenter}: our whole {@code Segmenters.open("unet", 2, onnx).segmentEach(tracks)}:
 *       grouping, centring, engine call, renormalisation, {@link Segmentation} objects;</li>
 *   <li>{@code engine}: {@link InferenceEngine#run} of backend {@code onnx} on the centred floats;</li>
 *   <li>{@code rawSession}: what a user of ONNX Runtime's Java API writes by hand: a tensor from the same
 *       floats, {@code OrtSession.run}, the output copied into a {@code float[]} (session options as
 *       {@code OnnxSegmenter}'s: 1 intra-op and 1 inter-op thread, all graph optimisations).</li>
 * </ul>
 * Overhead ratio = {@code segmenter / rawSession} per frame (and {@code engine / rawSession}).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class OverheadBenchmark {

    @Param({"50", "200", "600"})
    public int length;

    @Param({"1", "32"})
    public int batch;

    private List<Trajectory> tracks;
    private float[] input;
    private float[] output;
    private long[] shape;

    // Each side is opened lazily by its own benchmark method's first call, so a missing
    // segmenter provider does not stop the raw baseline.
    private Segmenter segmenter;
    private InferenceEngine engine;
    private OrtEnvironment env;
    private OrtSession session;
    private String inputName;

    @Setup(Level.Trial)
    public void setUp() throws OrtException {
        tracks = Workloads.fixedLength(batch, length, Workloads.SEED);
        input = Workloads.centred(tracks);
        output = new float[batch * length * 4];
        shape = new long[] {batch, length, 2};
        env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(1);
            so.setInterOpNumThreads(1);
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            session = env.createSession(Workloads.bundledModel(Backends.MODEL_2D), so);
        }
        inputName = session.getInputNames().iterator().next();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        if (segmenter != null) {
            segmenter.close();
        }
        if (engine != null) {
            engine.close();
        }
        session.close();
    }

    /** @return the segmentations */
    @Benchmark
    public List<SegmentationResult> segmenter(Counters counters, CpuCounters cpu) {
        if (segmenter == null) {
            segmenter = Backends.unet("onnx", 1, batch);
        }
        long c0 = ProcessCpu.nanos();
        List<SegmentationResult> out = segmenter.segmentEach(tracks);
        count(counters, cpu, c0);
        return out;
    }

    /** @return one probability */
    @Benchmark
    public float engine(Counters counters, CpuCounters cpu) {
        if (engine == null) {
            engine = Backends.engine("onnx", 1);
        }
        long c0 = ProcessCpu.nanos();
        engine.run(input, batch, length, output);
        count(counters, cpu, c0);
        return output[0];
    }

    /** @return one probability */
    @Benchmark
    public float rawSession(Counters counters, CpuCounters cpu) throws OrtException {
        long c0 = ProcessCpu.nanos();
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
                OrtSession.Result result = session.run(Map.of(inputName, in))) {
            ((OnnxTensor) result.get(0)).getFloatBuffer().get(output);
        }
        count(counters, cpu, c0);
        return output[0];
    }

    private void count(Counters counters, CpuCounters cpu, long c0) {
        cpu.add(c0, (long) batch * length, batch);
        counters.frames += (long) batch * length;
        counters.tracks += batch;
    }
}
