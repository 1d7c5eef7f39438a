package org.deepspt.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.deepspt.api.Trajectory;
import org.deepspt.io.ReadOptions;
import org.deepspt.io.ReadResult;
import org.deepspt.io.TrackReaders;
import org.deepspt.io.TrajectoryCsvWriter;
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
 * Reading a whole track file with {@link TrackReaders#read(Path, ReadOptions)}: 1,000 simulated 2D tracks
 * of the published protocol (≈ 300 k rows), written in {@code @Setup} to a temporary directory as CSV
 * ({@code particle,frame,x,y}, {@link TrajectoryCsvWriter}) or TrackMate "Tracks" XML
 * ({@code <Tracks><particle><detection t x y z/>}). Score: files/s; secondary {@code rows}: rows/s, {@code tracks}: tracks/s.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx1g"})
public class TrackReadingBenchmark {
    private static final int TRACKS = 1000;

    @Param({"csv", "trackmate-xml"})
    public String format;

    private Path dir;
    private Path file;
    private long rows;
    private int tracks;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        List<Trajectory> list = Workloads.paper(TRACKS, Workloads.SEED);
        rows = Workloads.frames(list);
        tracks = list.size();
        dir = Files.createTempDirectory("deepspt-bench-");
        switch (format) {
            case "csv" -> {
                file = dir.resolve("tracks.csv");
                try (TrajectoryCsvWriter w = TrajectoryCsvWriter.open(file, 2, false)) {
                    for (Trajectory t : list) {
                        w.write(t);
                    }
                }
            }
            case "trackmate-xml" -> {
                file = dir.resolve("tracks.xml");
                writeTrackMateTracks(file, list);
            }
            default -> throw new IllegalArgumentException("format must be csv or trackmate-xml, got " + format);
        }
        ReadResult check = TrackReaders.read(file, ReadOptions.defaults());
        if (check.trajectories().size() != tracks) {
            throw new IllegalStateException(format + ": read " + check.trajectories().size() + " tracks of "
                    + tracks + " written; issues " + check.issues());
        }
    }

    private static void writeTrackMateTracks(Path file, List<Trajectory> list) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"no\"?>\n");
            w.write("<Tracks nTracks=\"" + list.size() + "\" spaceUnits=\"micron\" frameInterval=\""
                    + list.get(0).frameInterval() + "\" timeUnits=\"sec\" from=\"deepspt-bench\">\n");
            for (Trajectory t : list) {
                w.write("  <particle nSpots=\"" + t.size() + "\">\n");
                for (int i = 0; i < t.size(); i++) {
                    w.write(String.format(Locale.ROOT, "    <detection t=\"%d\" x=\"%s\" y=\"%s\" z=\"0.0\"/>%n",
                            t.frame(i), Double.toString(t.x(i)), Double.toString(t.y(i))));
                }
                w.write("  </particle>\n");
            }
            w.write("</Tracks>\n");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        Files.deleteIfExists(file);
        Files.deleteIfExists(dir);
    }

    /** @return the tracks read */
    @Benchmark
    public ReadResult read(RowCounters counters, CpuCounters cpu) {
        long c0 = ProcessCpu.nanos();
        ReadResult r = TrackReaders.read(file, ReadOptions.defaults());
        cpu.add(c0, rows, tracks);
        counters.rows += rows;
        counters.tracks += tracks;
        return r;
    }
}
