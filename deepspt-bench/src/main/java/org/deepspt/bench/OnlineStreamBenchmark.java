package org.deepspt.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.Segmenters;
import org.deepspt.api.inference.EngineOptions;
import org.deepspt.online.OnlineOptions;
import org.deepspt.online.OnlineSegmenter;
import org.deepspt.online.OnlineStats;
import org.deepspt.online.StreamingModel;
import org.deepspt.online.StreamingModels;
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
 * One acquisition frame through {@link OnlineSegmenter#pushFrame}: {@code particles} live 2D particles (Brownian,
 * every particle in every frame), lag 20, no listener work. The measured time is the whole per-frame cost on the
 * producer's thread (validation, features, one engine call, bookkeeping, publishing the final states), i.e. the
 * latency a frame adds beyond its L frames of lag; SampleTime gives its p50/p99. Particles sustained at 100
 * frames/s = particles × (10 ms / time per frame).
 * <ul>
 *   <li>{@code estimator=stream-jvm}, {@code stream-onnx}: the bundled streaming model (one step per particle per
 *       frame, one engine call per frame) on each backend;</li>
 *   <li>{@code estimator=unet-window}: the baseline, the offline U-Net ensemble over sliding windows of W = 160
 *       points updated every 21st point of a particle (the tuned setting of the README), ONNX Runtime.</li>
 * </ul>
 * {@code threads}: threads one engine step may use ({@link EngineOptions#intraOpThreads()}; the streaming
 * models only). {@code ended}: one-frame particles pushed before the live ones (1,000 new ids per frame), ended by
 * idleness before the measurement: the cost of a frame must not depend on them.
 * Set-up pushes 170 frames first so that the rings (160 points for the U-Net windows) are full; particle i
 * joins at frame i mod 21, which spreads the U-Net window updates evenly over the frames. Memory per live particle
 * is printed at set-up ({@link OnlineStats#bufferBytes()} / live particles).
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
@Fork(value = 1, jvmArgsAppend = {"-Xmx2g"})
public class OnlineStreamBenchmark {

    @Param({"stream-jvm", "stream-onnx", "unet-window"})
    public String estimator;

    @Param({"1000", "5000"})
    public int particles;

    @Param({"1"})
    public int threads;

    @Param({"0"})
    public int ended;

    private StreamingModel model;
    private Segmenter unet;
    private OnlineSegmenter online;
    private String[] ids;
    private double[][] xy;
    private SplittableRandom random;
    private int frame;

    @Setup(Level.Trial)
    public void setUp() {
        OnlineOptions o = OnlineOptions.defaults().withLag(20).withFrameInterval(0.01);
        if (estimator.startsWith("stream-")) {
            model = StreamingModels.bundled(2, estimator.substring("stream-".length()),
                    EngineOptions.defaults().withIntraOpThreads(threads));
            online = OnlineSegmenter.of(model, o);
        } else {
            unet = Segmenters.open("unet", 2, SegmenterOptions.defaults().withBackend("onnx"));
            online = OnlineSegmenter.of(unet, 2, o.withWindow(160).withUpdateInterval(21));
        }
        ids = new String[particles];
        xy = new double[particles][2];
        for (int i = 0; i < particles; i++) {
            ids[i] = "p" + i;
        }
        random = new SplittableRandom(Workloads.SEED);
        for (int done = 0; done < ended; done += 1000) {
            int n = Math.min(1000, ended - done);
            String[] once = new String[n];
            double[][] at = new double[n][2];
            for (int i = 0; i < n; i++) {
                once[i] = "once" + (done + i);
                at[i][0] = random.nextDouble();
                at[i][1] = random.nextDouble();
            }
            online.pushFrame(frame++, once, at);
        }
        // Particle i joins at frame i mod 21, so that the window updates (every 21st point of a particle) are
        // spread evenly over the frames instead of all falling on the same ones.
        for (int f = 0; f < 170; f++) {
            int n = 0;
            for (int i = 0; i < particles; i++) {
                if (i % 21 <= f) {
                    n++;
                }
            }
            String[] someIds = new String[n];
            double[][] someXy = new double[n][];
            int k = 0;
            for (int i = 0; i < particles; i++) {
                xy[i][0] += 0.05 * random.nextGaussian();
                xy[i][1] += 0.05 * random.nextGaussian();
                if (i % 21 <= f) {
                    someIds[k] = ids[i];
                    someXy[k++] = xy[i];
                }
            }
            online.pushFrame(frame++, someIds, someXy);
        }
        OnlineStats s = online.stats();
        System.out.printf("%n%s, %d particles: %d B of per-particle arrays per live particle (%d live, %d tracks "
                + "ended by idleness)%n", estimator, particles, s.bufferBytes() / Math.max(1, s.liveParticles()),
                s.liveParticles(), s.idleEnded());
    }

    /** Process CPU time and frame at the start of a measurement or warm-up iteration. */
    private long cpuAtStart;
    private int frameAtStart;

    @Setup(Level.Iteration)
    public void startIteration() {
        cpuAtStart = processCpuNanos();
        frameAtStart = frame;
    }

    /**
     * Prints the process CPU time per frame of the iteration (every thread: producer, engine workers, ONNX Runtime,
     * delivery, GC), a cost less sensitive than the wall time to other processes sharing the machine.
     */
    @TearDown(Level.Iteration)
    public void endIteration() {
        int frames = frame - frameAtStart;
        if (frames > 0) {
            System.out.printf("%n%s, %d particles, %d threads: process CPU %.2f ms per frame (%d frames)%n", estimator,
                    particles, threads, (processCpuNanos() - cpuAtStart) / 1e6 / frames, frames);
        }
    }

    private static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean b ? b.getProcessCpuTime() : 0L;
    }

    @Benchmark
    public long frame() {
        for (int i = 0; i < particles; i++) {
            xy[i][0] += 0.05 * random.nextGaussian();
            xy[i][1] += 0.05 * random.nextGaussian();
        }
        online.pushFrame(frame++, ids, xy);
        return frame;
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        online.close();
        if (model != null) {
            model.close();
        }
        if (unet != null) {
            unet.close();
        }
    }
}
