package org.deepspt.bench.tools;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.SplittableRandom;
import org.deepspt.api.inference.EngineOptions;
import org.deepspt.api.inference.InferenceBackend;
import org.deepspt.api.inference.InferenceEngine;
import org.deepspt.bench.Workloads;
import org.deepspt.jvm.JvmBackend;
import org.deepspt.jvm.impl.Conv1dKernel;
import org.deepspt.jvm.impl.Kernels;
import org.deepspt.jvm.impl.PackedWeights;
import org.deepspt.onnx.OnnxBackend;

/**
 * A quick single-thread measurement for tuning (not a unit test, not JMH): µs of thread CPU time per frame of the shipped 2D
 * ensemble at batch 32, lengths 50/200/600, and the Conv1d kernel alone on a 128→128, k = 5 layer.
 * Nominal work: 236,288 multiply-adds per frame per member (Σ cout·cin·k over the U-Net's levels),
 * 3 members: 1.418 MFLOP per frame.
 *
 * <p>ONNX Runtime (1 intra-op thread) on the same inputs with {@code -Dbench.onnx=true}: the CPU time it
 * reports is the calling thread's, which is where ORT runs with one intra-op thread.
 *
 * <p>{@code -Dbench.model=path.onnx} measures another 2D model file (e.g. an earlier release); several files,
 * comma-separated, are measured in turn in the same JVM. {@code -Dbench.cases=200x32,300x1} sets the
 * (length x batch) cases (default {@code 50x32,200x32,600x32}); {@code -Dbench.repeat=5} repeats the whole round
 * (files × cases) so that a median over rounds can be taken on a noisy machine.
 *
 * <pre>java [--add-modules jdk.incubator.vector] -cp deepspt-bench/target/benchmarks.jar \
 *     org.deepspt.bench.tools.JvmEngineBench [seconds]</pre>
 */
public final class JvmEngineBench {
    private static final double FLOP_PER_FRAME = 2.0 * 236_288 * 3;

    private static final ThreadMXBean MX = ManagementFactory.getThreadMXBean();

    private JvmEngineBench() {
    }

    /** @return this thread's CPU time, ns: the machine is shared, so wall time would count other jobs */
    static long cpu() {
        return MX.getCurrentThreadCpuTime();
    }

    static long allocated() {
        return ((com.sun.management.ThreadMXBean) MX).getCurrentThreadAllocatedBytes();
    }

    public static void main(String[] args) {
        double seconds = args.length > 0 ? Double.parseDouble(args[0]) : 2;
        System.out.printf(Locale.ROOT, "java %s, kernel %s%n", Runtime.version(), Kernels.conv1d().name());
        kernel(Kernels.conv1d(), seconds);
        if (!Kernels.conv1d().name().equals("scalar") && Boolean.getBoolean("bench.allKernels")) {
            kernel(Kernels.scalar(), seconds);
            kernel(Kernels.vector("vector-blocked-4"), seconds);
            kernel(Kernels.vector("vector-blocked-8"), seconds);
            kernel(Kernels.vector("vector-accumulate"), seconds);
        }
        String files = System.getProperty("bench.model");
        String[] paths = files == null ? new String[] {null} : files.split(",");
        String[] cases = System.getProperty("bench.cases", "50x32,200x32,600x32").split(",");
        int repeat = Integer.getInteger("bench.repeat", 1);
        InferenceBackend onnx = new OnnxBackend();
        for (int round = 0; round < repeat; round++) {
            for (String path : paths) {
                byte[] model = modelFileOr2d(path);
                if (paths.length > 1 || repeat > 1) {
                    System.out.printf(Locale.ROOT, "round %d model %s%n", round, path);
                }
                for (InferenceBackend backend : Boolean.getBoolean("bench.onnx") && onnx.isAvailable()
                        ? new InferenceBackend[] {new JvmBackend(), onnx} : new InferenceBackend[] {new JvmBackend()}) {
                    try (InferenceEngine e = backend.load(model, "deepspt-unet-2d", 2, EngineOptions.defaults())) {
                        for (String c : cases) {
                            String[] lb = c.split("x");
                            measure(backend.name(), e, Integer.parseInt(lb[0]), Integer.parseInt(lb[1]), seconds);
                        }
                    }
                }
            }
        }
    }

    /**
     * @param path a model file, or null
     * @return the file's bytes, or the bundled 2D ensemble's when {@code path} is null
     */
    static byte[] modelFileOr2d(String path) {
        if (path == null) {
            return Workloads.bundledModel("deepspt-unet-2d");
        }
        try {
            return java.nio.file.Files.readAllBytes(java.nio.file.Path.of(path));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static void measure(String backend, InferenceEngine e, int length, int batch, double seconds) {
        float[] in = new float[batch * length * 2];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 2; i < in.length; i++) {
            in[i] = in[i - 2] + (float) r.nextGaussian();
        }
        float[] out = new float[batch * length * 4];
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < seconds * 0.5e9) {
            e.run(in, batch, length, out);
        }
        int runs = 0;
        t0 = cpu();
        long t;
        do {
            e.run(in, batch, length, out);
            runs++;
            t = cpu() - t0;
        } while (t < seconds * 1e9);
        double usPerFrame = t / 1e3 / runs / batch / length;
        long a0 = allocated();
        e.run(in, batch, length, out);
        long bytesPerRun = allocated() - a0;
        System.out.printf(Locale.ROOT,
                "%-4s ensemble length %4d batch %d: %7.2f us/frame, %6.1f GFLOP/s nominal, %d bytes allocated per run%n",
                backend, length, batch, usPerFrame, FLOP_PER_FRAME / (usPerFrame * 1e3), bytesPerRun);
    }

    static void kernel(Conv1dKernel k, double seconds) {
        int cin = 128;
        int cout = 128;
        int kw = 5;
        int cols = 32 * 56 / 64 * 64;
        float[] w = new float[cout * cin * kw];
        SplittableRandom r = new SplittableRandom(2);
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) r.nextGaussian();
        }
        PackedWeights pw = k.pack(w, cout, cin, kw);
        int xs = cols + kw - 1;
        float[] x = new float[cin * xs];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        float[] y = new float[pw.coutPadded() * cols];
        long t0 = System.nanoTime();
        while (System.nanoTime() - t0 < seconds * 0.5e9) {
            for (int j = 0; j < cols; j += 512) {
                k.compute(pw, x, xs, 1, y, cols, j, Math.min(cols, j + 512));
            }
        }
        long runs = 0;
        t0 = cpu();
        long t;
        do {
            for (int j = 0; j < cols; j += 512) {
                k.compute(pw, x, xs, 1, y, cols, j, Math.min(cols, j + 512));
            }
            runs++;
            t = cpu() - t0;
        } while (t < seconds * 1e9);
        double flop = 2.0 * cout * cin * kw * cols * runs;
        System.out.printf(Locale.ROOT, "kernel %-22s 128->128 k5, %d columns: %6.1f GFLOP/s%n", k.name(), cols,
                flop / t);
    }
}
