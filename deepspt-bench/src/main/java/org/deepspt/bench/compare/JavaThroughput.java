package org.deepspt.bench.compare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deepspt.api.SegmentationResult;
import org.deepspt.api.Segmenter;
import org.deepspt.api.Trajectory;
import org.deepspt.bench.Backends;
import org.deepspt.bench.ProcessCpu;
import org.deepspt.bench.Workloads;
import org.deepspt.npy.NpyDtype;
import org.deepspt.npy.NpyWriter;

/**
 * Writes the comparison workload and times our Java path on it, for {@code compare.sh}.
 *
 * <pre>
 * java -cp benchmarks.jar org.deepspt.bench.compare.JavaThroughput OUT_DIR [TRACKS] [REPEATS] [BACKENDS] [MODELS]
 * </pre>
 * Workload: {@code TRACKS} (default 600) simulated 2D tracks of the published protocol (seed
 * {@link Workloads#SEED}; lengths 5..600), written to {@code OUT_DIR/positions.npy} (float32
 * {@code [points, 2]}, each track shifted by its first point, as our segmenters feed the engine) and
 * {@code OUT_DIR/lengths.npy} (int32 {@code [tracks]}). Then, per model (default {@code unet}; e.g.
 * {@code unet,unet-fast,unet-int8}) and backend (default {@code onnx,jvm}; a missing one is reported and
 * skipped), {@code segmentEach} of the whole set (length-grouped batches of at
 * most 64 tracks): one warm-up pass, then {@code REPEATS} (default 3) timed passes, for 1 thread,
 * 2 intra-op threads, and 2 callers each segmenting half of the set on a shared 1-thread segmenter.
 * Prints one JSON object per configuration and line on stdout (wall and process CPU seconds of every pass,
 * the median, tracks/s and frames/s of the median wall time).
 */
public final class JavaThroughput {
    private JavaThroughput() {
    }

    /**
     * @param args {@code OUT_DIR [TRACKS] [REPEATS] [BACKENDS] [MODELS]}
     * @throws Exception when the workload cannot be written or a run fails
     */
    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: JavaThroughput OUT_DIR [TRACKS] [REPEATS] [BACKENDS] [MODELS]");
            System.exit(2);
        }
        Path out = Path.of(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 600;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        String[] backends = (args.length > 3 ? args[3] : "onnx,jvm").split(",");
        String[] models = (args.length > 4 ? args[4] : "unet").split(",");
        Files.createDirectories(out);
        List<Trajectory> tracks = Workloads.paper(count, Workloads.SEED);
        long frames = Workloads.frames(tracks);
        write(out, tracks);
        for (String model : models) {
            for (String backend : backends) {
                for (String mode : List.of("1", "2-intra", "2-batches")) {
                    run(model, backend, mode, tracks, frames, repeats);
                }
            }
        }
    }

    private static void run(String model, String backend, String mode, List<Trajectory> tracks, long frames,
            int repeats) throws Exception {
        int count = tracks.size();
        Segmenter s;
        try {
            s = Backends.segmenter(model, backend, mode.equals("2-intra") ? 2 : 1, 64);
        } catch (IllegalStateException | org.deepspt.api.DeepSptException e) {
            System.out.printf(Locale.ROOT, "{\"model\":\"%s\",\"backend\":\"%s\",\"threads\":\"%s\","
                    + "\"skipped\":\"%s\"}%n", model, backend, mode, e.getMessage().replace('"', '\''));
            return;
        }
        try (s) {
            double[][] t = time(s, tracks, mode.equals("2-batches") ? 2 : 1, repeats);
            double[] sorted = t[0].clone();
            Arrays.sort(sorted);
            double median = sorted[sorted.length / 2];
            System.out.printf(Locale.ROOT, "{\"model\":\"%s\",\"backend\":\"%s\",\"threads\":\"%s\",\"tracks\":%d,"
                    + "\"frames\":%d,\"seconds\":%s,\"cpu_seconds\":%s,\"median_s\":%.4f,"
                    + "\"tracks_per_s\":%.1f,\"frames_per_s\":%.0f,\"java\":\"%s\","
                    + "\"java_opts\":\"%s\"}%n", model, backend, mode, count, frames, Arrays.toString(t[0]),
                    Arrays.toString(t[1]), median, count / median, frames / median,
                    System.getProperty("java.version"), String.join(" ",
                            java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments()));
        }
    }

    /** @return wall seconds and process CPU seconds of each timed pass */
    private static double[][] time(Segmenter s, List<Trajectory> tracks, int callers, int repeats)
            throws Exception {
        ExecutorService pool = callers > 1 ? Executors.newFixedThreadPool(callers - 1) : null;
        try {
            double[] seconds = new double[repeats];
            double[] cpu = new double[repeats];
            for (int r = -1; r < repeats; r++) {
                long c0 = ProcessCpu.nanos();
                long t0 = System.nanoTime();
                int n = callers == 1 ? segmentAll(s, tracks) : split(s, tracks, pool);
                double dt = (System.nanoTime() - t0) / 1e9;
                double dc = (ProcessCpu.nanos() - c0) / 1e9;
                if (n != tracks.size()) {
                    throw new IllegalStateException("segmented " + n + " of " + tracks.size() + " tracks");
                }
                if (r >= 0) {
                    seconds[r] = dt;
                    cpu[r] = dc;
                }
            }
            return new double[][] {seconds, cpu};
        } finally {
            if (pool != null) {
                pool.shutdownNow();
            }
        }
    }

    private static int segmentAll(Segmenter s, List<Trajectory> tracks) {
        List<SegmentationResult> out = s.segmentEach(tracks);
        return out.size();
    }

    /** Two callers: odd and even tracks, so both halves have the same length mix. */
    private static int split(Segmenter s, List<Trajectory> tracks, ExecutorService pool) throws Exception {
        List<Trajectory> even = new ArrayList<>();
        List<Trajectory> odd = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            (i % 2 == 0 ? even : odd).add(tracks.get(i));
        }
        Future<Integer> other = pool.submit(() -> segmentAll(s, odd));
        return segmentAll(s, even) + other.get();
    }

    private static void write(Path dir, List<Trajectory> tracks) {
        try (NpyWriter pos = NpyWriter.open(dir.resolve("positions.npy"), NpyDtype.FLOAT32, 2);
                NpyWriter len = NpyWriter.open(dir.resolve("lengths.npy"), NpyDtype.INT32)) {
            for (Trajectory t : tracks) {
                float[] xy = new float[2 * t.size()];
                for (int i = 0; i < t.size(); i++) {
                    xy[2 * i] = (float) (t.x(i) - t.x(0));
                    xy[2 * i + 1] = (float) (t.y(i) - t.y(0));
                }
                pos.write(xy);
                len.write(t.size());
            }
        }
    }
}
