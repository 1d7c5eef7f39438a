package org.deepspt.npy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.deepspt.api.DeepSptException;
import org.deepspt.api.DiffusionState;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.api.Trajectory;
import org.deepspt.core.Sha256;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulates a labelled training set and writes it, compact and unpadded, for the Python trainer in
 * {@code models/training}:
 *
 * <ul>
 *   <li>{@code positions.npy}: float32 {@code [P, dim]}, positions in µm of all tracks concatenated in index
 *       order (track {@code i} is simulated as {@code source.simulate(seed, i)});</li>
 *   <li>{@code labels.npy}: int8 {@code [P]}, true state per point (0 normal, 1 directed, 2 confined,
 *       3 subdiffusive);</li>
 *   <li>{@code offsets.npy}: int64 {@code [N + 1]}, track {@code i} occupies rows
 *       {@code offsets[i] .. offsets[i+1] − 1}; {@code offsets[0] = 0}, {@code offsets[N] = P};</li>
 *   <li>{@code spec.json}: format name and version, dimension, seed, counts, class counts, length range,
 *       frame interval, the simulator description given by the caller, and the SHA-256 of the three files.</li>
 * </ul>
 *
 * <p>The output depends only on the source, the seed and the track count (not on the number of threads):
 * tracks are simulated in parallel chunks and written in index order. Tracks must carry true states, be
 * gap-free and all have the exporter's dimension; otherwise {@link InvalidTrajectoryException}.
 */
public final class TrainingSetExporter {
    /** The files of a set, in the order positions, labels, offsets, spec (all written or none). */
    public static final List<String> FILES = List.of("positions.npy", "labels.npy", "offsets.npy", "spec.json");
    /** Format name written to {@code spec.json}. */
    public static final String FORMAT = "deepspt-training-set";
    /** Format version written to {@code spec.json}. */
    public static final int FORMAT_VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(TrainingSetExporter.class);
    private static final int CHUNK = 256;

    /** A deterministic, index-addressable source of labelled tracks, e.g. {@code Simulator::simulate}. */
    @FunctionalInterface
    public interface TrackSource {
        /**
         * @param seed the set's seed
         * @param index track index, 0-based
         * @return the track, with true states; the same for the same arguments
         */
        Trajectory simulate(long seed, long index);
    }

    /**
     * What was written.
     *
     * @param directory output directory
     * @param dimension 2 or 3
     * @param tracks number of tracks N
     * @param points total number of points P
     * @param seed the seed
     * @param minLength shortest track, points
     * @param maxLength longest track, points
     * @param classCounts points per state, index order (unmodifiable)
     */
    public record Summary(Path directory, int dimension, int tracks, long points, long seed, int minLength,
            int maxLength, List<Long> classCounts) {
        /** Makes {@code classCounts} unmodifiable. */
        public Summary {
            classCounts = List.copyOf(classCounts);
        }
    }

    private final TrackSource source;
    private final int dimension;
    private final int tracks;
    private final long seed;
    private final int threads;
    private final Map<String, Object> description;

    private TrainingSetExporter(Builder b) {
        this.source = b.source;
        this.dimension = b.dimension;
        this.tracks = b.tracks;
        this.seed = b.seed;
        this.threads = b.threads;
        this.description = Collections.unmodifiableMap(new LinkedHashMap<>(b.description));
    }

    /**
     * @param source where tracks come from
     * @param dimension 2 or 3
     * @return a builder (defaults: 1,000 tracks, seed 0, 1 thread, empty description)
     */
    public static Builder builder(TrackSource source, int dimension) {
        return new Builder(source, dimension);
    }

    /** Builder for {@link TrainingSetExporter}. */
    public static final class Builder {
        private final TrackSource source;
        private final int dimension;
        private int tracks = 1000;
        private long seed;
        private int threads = 1;
        private Map<String, Object> description = Map.of();

        private Builder(TrackSource source, int dimension) {
            if (source == null) {
                throw new IllegalArgumentException("source must not be null");
            }
            if (dimension != 2 && dimension != 3) {
                throw new IllegalArgumentException("dimension must be 2 or 3, got " + dimension);
            }
            this.source = source;
            this.dimension = dimension;
        }

        /**
         * @param count number of tracks, ≥ 1
         * @return this builder
         */
        public Builder tracks(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("track count must be ≥ 1, got " + count);
            }
            this.tracks = count;
            return this;
        }

        /**
         * @param value seed passed to the source for every track
         * @return this builder
         */
        public Builder seed(long value) {
            this.seed = value;
            return this;
        }

        /**
         * @param count worker threads for simulation, ≥ 1 (output does not depend on it)
         * @return this builder
         */
        public Builder threads(int count) {
            if (count < 1) {
                throw new IllegalArgumentException("threads must be ≥ 1, got " + count);
            }
            this.threads = count;
            return this;
        }

        /**
         * @param simulator description of the simulator configuration, stored under {@code "simulator"} in
         *     {@code spec.json} (values: strings, numbers, booleans, lists, maps)
         * @return this builder
         */
        public Builder simulatorDescription(Map<String, ?> simulator) {
            this.description = new LinkedHashMap<>(simulator);
            return this;
        }

        /** @return the exporter */
        public TrainingSetExporter build() {
            return new TrainingSetExporter(this);
        }
    }

    /**
     * Simulates and writes the set into {@code directory} (created if missing; existing files of the set replaced).
     * The four files are written all or nothing ({@link org.deepspt.io.OutputTransaction}): an interrupted or failed
     * export leaves the previous set, never a partial one.
     *
     * @param directory output directory
     * @return what was written
     * @throws InvalidTrajectoryException when a track lacks states, has gaps or the wrong dimension
     * @throws UncheckedIOException on I/O failure
     */
    public Summary export(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
        long[] classCounts = new long[DiffusionState.COUNT];
        long points = 0;
        int minLength = Integer.MAX_VALUE;
        int maxLength = 0;
        double frameInterval = Double.NaN;
        long start = System.nanoTime();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "training-set-export");
            t.setDaemon(true);
            return t;
        });
        org.deepspt.io.OutputTransaction tx = org.deepspt.io.OutputTransaction.begin();
        Path[] staged = {tx.stage(directory.resolve(FILES.get(0))), tx.stage(directory.resolve(FILES.get(1))),
            tx.stage(directory.resolve(FILES.get(2)))};
        Summary summary;
        try (tx; NpyWriter pos = NpyWriter.open(staged[0], NpyDtype.FLOAT32, dimension);
                NpyWriter lab = NpyWriter.open(staged[1], NpyDtype.INT8);
                NpyWriter off = NpyWriter.open(staged[2], NpyDtype.INT64)) {
            off.write(0L);
            ArrayDeque<Future<List<Trajectory>>> pending = new ArrayDeque<>();
            int next = 0;
            while (next < tracks || !pending.isEmpty()) {
                while (next < tracks && pending.size() < 2 * threads) {
                    final int from = next;
                    final int to = Math.min(tracks, from + CHUNK);
                    pending.add(pool.submit(() -> simulateChunk(from, to)));
                    next = to;
                }
                for (Trajectory t : await(pending.poll())) {
                    int n = t.size();
                    float[] row = new float[n * dimension];
                    for (int i = 0; i < n; i++) {
                        for (int k = 0; k < dimension; k++) {
                            row[i * dimension + k] = (float) t.coordinate(i, k);
                        }
                    }
                    int[] s = t.stateIndices();
                    byte[] labels = new byte[n];
                    for (int i = 0; i < n; i++) {
                        labels[i] = (byte) s[i];
                        classCounts[s[i]]++;
                    }
                    pos.write(row);
                    lab.write(labels);
                    points += n;
                    off.write(points);
                    minLength = Math.min(minLength, n);
                    maxLength = Math.max(maxLength, n);
                    frameInterval = t.frameInterval();
                }
            }
            pos.close();   // the .npy headers are final only when closed, before the commit
            lab.close();
            off.close();
            summary = new Summary(directory, dimension, tracks, points, seed, minLength, maxLength,
                    toList(classCounts));
            writeSpec(tx.stage(directory.resolve(FILES.get(3))), staged, summary, frameInterval);
            tx.commit();
        } finally {
            pool.shutdownNow();
        }
        double seconds = (System.nanoTime() - start) * 1e-9;
        LOG.info("exported {} tracks ({} points, dim {}) to {} in {} s", tracks, points, dimension, directory,
                String.format("%.1f", seconds));
        return summary;
    }

    private List<Trajectory> simulateChunk(int from, int to) {
        List<Trajectory> out = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) {
            Trajectory t = source.simulate(seed, i);
            String id = t == null ? "#" + i : t.id();
            if (t == null) {
                throw new InvalidTrajectoryException(id, "source returned no track for index " + i);
            }
            if (!t.hasStates()) {
                throw new InvalidTrajectoryException(id, "track " + i + " has no true states to export as labels");
            }
            if (t.dimension() != dimension) {
                throw new InvalidTrajectoryException(id, "track " + i + " has dimension " + t.dimension()
                        + ", the set has " + dimension);
            }
            if (t.hasGaps()) {
                throw new InvalidTrajectoryException(id, "track " + i + " has frame gaps; training tracks must "
                        + "have consecutive frames");
            }
            out.add(t);
        }
        return out;
    }

    private static <T> T await(Future<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeepSptException("interrupted while exporting a training set", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new DeepSptException("simulation failed: " + e.getCause(), e.getCause());
        }
    }

    private static List<Long> toList(long[] a) {
        List<Long> l = new ArrayList<>(a.length);
        for (long v : a) {
            l.add(v);
        }
        return l;
    }

    /** @param data the written positions, labels and offsets files (staged: their final names are fixed) */
    private void writeSpec(Path file, Path[] data, Summary s, double frameInterval) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("format", FORMAT);
        spec.put("version", FORMAT_VERSION);
        spec.put("dimension", s.dimension());
        spec.put("seed", s.seed());
        spec.put("tracks", s.tracks());
        spec.put("points", s.points());
        spec.put("lengthMin", s.minLength());
        spec.put("lengthMax", s.maxLength());
        spec.put("frameIntervalSeconds", frameInterval);
        spec.put("positionUnit", "µm");
        List<String> names = new ArrayList<>();
        for (DiffusionState st : DiffusionState.values()) {
            names.add(st.name().toLowerCase(java.util.Locale.ROOT));
        }
        spec.put("classOrder", names);
        spec.put("classCounts", s.classCounts());
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("positions", fileEntry(FILES.get(0), data[0], "float32", "[points, dim]"));
        files.put("labels", fileEntry(FILES.get(1), data[1], "int8", "[points]"));
        files.put("offsets", fileEntry(FILES.get(2), data[2], "int64", "[tracks + 1]"));
        spec.put("files", files);
        spec.put("simulator", description);
        try {
            Files.writeString(file, Json.write(spec), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    private static Map<String, Object> fileEntry(String name, Path file, String dtype, String shape) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("dtype", dtype);
        m.put("shape", shape);
        m.put("sha256", sha256(file));
        return m;
    }

    static String sha256(Path file) {
        return Sha256.of(file);
    }
}
