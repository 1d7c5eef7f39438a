package org.deepspt.bench.tools;

import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.deepspt.jvm.impl.Arena;
import org.deepspt.jvm.impl.Kernels;
import org.deepspt.jvm.impl.ModelCompiler;
import org.deepspt.jvm.impl.Program;
import org.deepspt.jvm.impl.Tensor;

/**
 * Thread CPU time per operator type of a 2D model on the {@code jvm} backend (tuning aid, not JMH), default the
 * bundled 2D ensemble; {@code -Dprofile.steps=true} adds the 30 costliest steps:
 * <pre>java [--add-modules jdk.incubator.vector] -cp deepspt-bench/target/benchmarks.jar \
 *     org.deepspt.bench.tools.JvmEngineProfile LENGTH BATCH SECONDS [model.onnx]</pre>
 */
public final class JvmEngineProfile {
    private JvmEngineProfile() {
    }

    public static void main(String[] args) {
        int length = Integer.parseInt(args[0]);
        int batch = Integer.parseInt(args[1]);
        double seconds = Double.parseDouble(args[2]);
        byte[] model = JvmEngineBench.modelFileOr2d(args.length > 3 ? args[3] : null);
        Program p = ModelCompiler.compile(model, "2d", 2, Kernels.conv1d());
        float[] in = new float[batch * length * 2];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 2; i < in.length; i++) {
            in[i] = in[i - 2] + (float) r.nextGaussian();
        }
        Arena arena = new Arena();
        long[] nanos = new long[p.stepCount()];
        long t0 = JvmEngineBench.cpu();
        int runs = 0;
        boolean warm = false;
        while (JvmEngineBench.cpu() - t0 < seconds * 1e9) {
            if (runs == 3 && !warm) {
                warm = true;
                java.util.Arrays.fill(nanos, 0);
                runs = 0;
                t0 = JvmEngineBench.cpu();
            }
            Tensor out = p.run(Tensor.of(new int[] {batch, length, 2}, in), arena, nanos, JvmEngineBench::cpu);
            arena.give(out.floats());
            runs++;
        }
        long total = JvmEngineBench.cpu() - t0;
        if (Boolean.getBoolean("profile.steps")) {
            String[] names = p.stepNames();
            Integer[] order = new Integer[nanos.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            java.util.Arrays.sort(order, (x, y) -> Long.compare(nanos[y], nanos[x]));
            for (int i = 0; i < Math.min(30, order.length); i++) {
                int k = order[i];
                System.out.printf(Locale.ROOT, "  %-45s %7.3f us/frame%n", names[k],
                        nanos[k] / 1e3 / runs / batch / length);
            }
        }
        Map<String, Long> byOp = new TreeMap<>();
        String[] ops = p.stepOps();
        for (int i = 0; i < ops.length; i++) {
            byOp.merge(ops[i], nanos[i], Long::sum);
        }
        System.out.printf(Locale.ROOT, "%d runs, %.2f us/frame; arena allocated %d floats%n", runs,
                total / 1e3 / runs / batch / length, arena.allocatedFloats());
        final int n = runs;
        byOp.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
                .forEach(e -> System.out.printf(Locale.ROOT, "  %-12s %7.2f us/frame%n", e.getKey(),
                        e.getValue() / 1e3 / n / batch / length));
    }
}
