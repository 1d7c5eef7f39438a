package org.deepspt.bench;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
 * The inference hot path: one {@link InferenceEngine#run} of the bundled 2D ensemble (3 members) on a
 * batch of {@code batch} simulated tracks of {@code length} points, already centred (no pre- or
 * post-processing). Score: µs per call; secondary {@code frames}: µs per frame; {@code tracks}: µs per
 * track (tracks/s = 10⁶ / that).
 *
 * <p>{@code threads}: {@code 1} one caller, one intra-op thread; {@code 2-intra} one caller, an engine
 * with 2 intra-op threads; {@code 2-batches} two callers sharing one single-threaded engine, each running
 * its own batch (parallelism over batches, as {@code Pipeline} workers do). A call of {@code 2-batches}
 * processes two batches.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class HotPathBenchmark {

    @Param({"onnx", "jvm"})
    public String backend;

    /**
     * The bundled 2D model: the ensemble; {@code -p model=deepspt-unet-2d-fast} for the single-member model,
     * {@code deepspt-unet-2d-int8} for that model in int8.
     */
    @Param({Backends.MODEL_2D})
    public String model;

    @Param({"50", "200", "600"})
    public int length;

    @Param({"1", "32", "256"})
    public int batch;

    @Param({"1", "2-intra", "2-batches"})
    public String threads;

    private InferenceEngine engine;
    private float[][] input;
    private float[][] output;
    private ExecutorService second;

    @Setup(Level.Trial)
    public void setUp() {
        int callers = threads.equals("2-batches") ? 2 : 1;
        int intra = threads.equals("2-intra") ? 2 : 1;
        if (!threads.equals("1") && callers == 1 && intra == 1) {
            throw new IllegalArgumentException("threads must be 1, 2-intra or 2-batches, got " + threads);
        }
        engine = Backends.engine(model, backend, intra);
        input = new float[callers][];
        output = new float[callers][];
        for (int c = 0; c < callers; c++) {
            input[c] = Workloads.centred(Workloads.fixedLength(batch, length, Workloads.SEED + c));
            output[c] = new float[batch * length * 4];
            engine.run(input[c], batch, length, output[c]);
            Backends.checkProbabilities(output[c], batch * length);
        }
        second = callers == 2 ? Executors.newSingleThreadExecutor() : null;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (second != null) {
            second.shutdownNow();
        }
        engine.close();
    }

    /** @return one probability, so the call cannot be dropped */
    @Benchmark
    public float run(Counters counters, CpuCounters cpu) throws InterruptedException, ExecutionException {
        long c0 = ProcessCpu.nanos();
        if (second == null) {
            engine.run(input[0], batch, length, output[0]);
            counters.frames += (long) batch * length;
            counters.tracks += batch;
            cpu.add(c0, (long) batch * length, batch);
            return output[0][0];
        }
        Future<?> other = second.submit(() -> engine.run(input[1], batch, length, output[1]));
        engine.run(input[0], batch, length, output[0]);
        other.get();
        counters.frames += 2L * batch * length;
        counters.tracks += 2L * batch;
        cpu.add(c0, 2L * batch * length, 2L * batch);
        return output[0][0] + output[1][0];
    }
}
