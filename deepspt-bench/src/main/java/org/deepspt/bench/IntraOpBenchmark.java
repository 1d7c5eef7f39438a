package org.deepspt.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
 * Why 2 intra-op threads gain little in Java: a raw {@code OrtSession.run} of the bundled 2D ensemble on
 * {@code batch} tracks of 200 points with {@code intraOp} threads, with ONNX Runtime's default spin-waiting of
 * its pool threads ({@code spinning=true}) or without ({@code session.intra_op.allow_spinning=0}). Score: µs per
 * call; {@code frames}: µs per frame.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class IntraOpBenchmark {
    private static final int LENGTH = 200;

    @Param({"1", "2"})
    public int intraOp;

    @Param({"true", "false"})
    public boolean spinning;

    @Param({"1", "32"})
    public int batch;

    private OrtEnvironment env;
    private OrtSession session;
    private String inputName;
    private float[] input;
    private float[] output;
    private long[] shape;

    @Setup(Level.Trial)
    public void setUp() throws OrtException {
        input = Workloads.centred(Workloads.fixedLength(batch, LENGTH, Workloads.SEED));
        output = new float[batch * LENGTH * 4];
        shape = new long[] {batch, LENGTH, 2};
        env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setIntraOpNumThreads(intraOp);
            so.setInterOpNumThreads(1);
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            so.addConfigEntry("session.intra_op.allow_spinning", spinning ? "1" : "0");
            session = env.createSession(Workloads.bundledModel(Backends.MODEL_2D), so);
        }
        inputName = session.getInputNames().iterator().next();
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        session.close();
    }

    /** @return one probability */
    @Benchmark
    public float run(Counters counters, CpuCounters cpu) throws OrtException {
        long c0 = ProcessCpu.nanos();
        try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(input), shape);
                OrtSession.Result result = session.run(Map.of(inputName, in))) {
            ((OnnxTensor) result.get(0)).getFloatBuffer().get(output);
        }
        cpu.add(c0, (long) batch * LENGTH, batch);
        counters.frames += (long) batch * LENGTH;
        counters.tracks += batch;
        return output[0];
    }
}
