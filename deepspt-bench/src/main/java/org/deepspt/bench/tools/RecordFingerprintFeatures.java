package org.deepspt.bench.tools;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Trajectory;
import org.deepspt.fingerprint.DiffusionalFingerprint;
import org.deepspt.fingerprint.FeatureMatrix;
import org.deepspt.fingerprint.TimeResolvedFingerprint;
import org.deepspt.sim.SimulationConfig;
import org.deepspt.sim.Simulator;

/**
 * Writes the recorded fingerprint data that deepspt-core's {@code RecordedFeaturesTest} compares against (a tool,
 * run by hand only when a change of the values is intended and explained in the commit):
 * <pre>
 * java -cp deepspt-bench/target/benchmarks.jar org.deepspt.bench.tools.RecordFingerprintFeatures \
 *     deepspt-core/src/test/resources/fingerprint
 * </pre>
 * Three files in the folder given: {@code recorded-tracks.csv} ({@code track,dt,frame,state,x,y,z}, z empty in 2D;
 * the fixed tracks below), {@code recorded-expected.csv} ({@code track,feature,value}: all 43 features of every
 * track, its true states as the segmentation) and {@code recorded-time-resolved.csv} ({@code track,row,feature,value}:
 * the time-resolved fingerprint, window {@value #TIME_RESOLVED_WINDOW}, of five of them). Numbers are written with
 * {@link Double#toString(double)}, which reads back to the same double, so the values are those of the stored
 * coordinates.
 */
public final class RecordFingerprintFeatures {
    /** Window of the time-resolved fingerprint, points (the test's). */
    static final int TIME_RESOLVED_WINDOW = 10;
    /** The tracks whose time-resolved fingerprint is recorded. */
    private static final List<String> TIME_RESOLVED_TRACKS = List.of("sim2d-21", "sim2d-20", "sim3d-7", "four3d",
            "gap-short");

    private RecordFingerprintFeatures() {
    }

    /**
     * @param args the folder to write the three files into
     * @throws IOException when a file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: RecordFingerprintFeatures DIR");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        List<Trajectory> tracks = recordedTracks();
        try (Writer w = Files.newBufferedWriter(dir.resolve("recorded-tracks.csv"), StandardCharsets.UTF_8)) {
            w.write("track,dt,frame,state,x,y,z\n");
            for (Trajectory t : tracks) {
                int[] states = t.stateIndices();
                for (int i = 0; i < t.size(); i++) {
                    w.write(t.id() + "," + t.frameInterval() + "," + t.frame(i) + "," + states[i] + "," + t.x(i)
                            + "," + t.y(i) + "," + (t.dimension() == 3 ? Double.toString(t.z(i)) : "") + "\n");
                }
            }
        }
        DiffusionalFingerprint fp = DiffusionalFingerprint.defaults();
        try (Writer w = Files.newBufferedWriter(dir.resolve("recorded-expected.csv"), StandardCharsets.UTF_8)) {
            w.write("track,feature,value\n");
            for (Trajectory t : tracks) {
                Fingerprint f = fp.extract(t, segmentation(t));
                for (String name : f.names()) {
                    w.write(t.id() + "," + name + "," + f.value(name) + "\n");
                }
            }
        }
        TimeResolvedFingerprint trf = TimeResolvedFingerprint.of(fp, TIME_RESOLVED_WINDOW);
        try (Writer w = Files.newBufferedWriter(dir.resolve("recorded-time-resolved.csv"), StandardCharsets.UTF_8)) {
            w.write("track,row,feature,value\n");
            for (String id : TIME_RESOLVED_TRACKS) {
                Trajectory t = tracks.stream().filter(x -> x.id().equals(id)).findFirst().orElseThrow();
                FeatureMatrix m = trf.compute(t, segmentation(t));
                for (int i = 0; i < m.rows(); i++) {
                    for (String name : m.names()) {
                        w.write(id + "," + i + "," + name + "," + m.get(i, name) + "\n");
                    }
                }
            }
        }
    }

    private static Segmentation segmentation(Trajectory t) {
        return Segmentation.oneHot(t.id(), t.frames(), t.stateIndices());
    }

    private static List<Trajectory> recordedTracks() {
        List<Trajectory> out = new ArrayList<>();
        Simulator sim2 = Simulator.of(SimulationConfig.paper(2));
        Simulator sim3 = Simulator.of(SimulationConfig.paper(3));
        Trajectory long2 = longest(sim2, 2, 2026L, 60, 150);
        Trajectory long3 = longest(sim3, 3, 2027L, 60, 150);
        out.add(long2.withId("sim2d-long"));
        out.add(long3.withId("sim3d-long"));
        out.add(long2.slice(0, 20, "sim2d-20"));
        out.add(long2.slice(5, 26, "sim2d-21"));
        out.add(long3.slice(10, 17, "sim3d-7"));
        out.add(sim2.simulate(2026L, 7).withId("sim2d-b"));
        out.add(sim3.simulate(2027L, 8).withId("sim3d-b"));
        out.add(withGaps(long2, "gap2d"));
        out.add(withGaps(long3, "gap3d"));
        out.add(build("gap-short", 2, new int[] {0, 1, 5, 9, 10}, new double[][] {{0, 0}, {0.1, 0.05},
                {0.3, 0.1}, {0.2, 0.4}, {0.5, 0.3}}));
        out.add(build("two", 2, new int[] {0, 1}, new double[][] {{0, 0}, {0.3, 0.4}}));
        out.add(build("three", 2, new int[] {0, 1, 2}, new double[][] {{0, 0}, {0.3, 0}, {0.3, 0.4}}));
        out.add(build("four3d", 3, new int[] {0, 1, 2, 3}, new double[][] {{0, 0, 0}, {0.3, 0, 0.1},
                {0.3, 0.4, -0.2}, {0.1, 0.2, 0.3}}));
        out.add(build("still", 2, new int[] {0, 1, 2, 3, 4, 5}, new double[6][2]));
        out.add(build("still3d", 3, new int[] {0, 1, 2, 3, 4, 5}, new double[6][3]));
        double[][] line = new double[12][];
        double[][] plane = new double[12][];
        for (int i = 0; i < 12; i++) {
            line[i] = new double[] {0.5 * i, 1.0 * i, 1.5 * i};
            plane[i] = new double[] {Math.cos(i), Math.sin(2 * i), 0.25};
        }
        int[] frames12 = new int[12];
        for (int i = 0; i < 12; i++) {
            frames12[i] = i;
        }
        out.add(build("line3d", 3, frames12, line));
        out.add(build("plane3d", 3, frames12, plane));
        return out;
    }

    private static Trajectory longest(Simulator sim, int dim, long seed, int min, int max) {
        for (long i = 0; ; i++) {
            Trajectory t = sim.simulate(seed, i);
            if (t.size() >= min && t.size() <= max && t.dimension() == dim) {
                return t;
            }
        }
    }

    /** Drops every 7th point and points 30..33 (frames kept). */
    private static Trajectory withGaps(Trajectory t, String id) {
        Trajectory.Builder b = Trajectory.builder(id, t.dimension(), t.frameInterval());
        int[] states = t.stateIndices();
        for (int i = 0; i < t.size(); i++) {
            if ((i % 7 == 3) || (i >= 30 && i <= 33)) {
                continue;
            }
            double[] c = new double[t.dimension()];
            for (int a = 0; a < c.length; a++) {
                c[a] = t.coordinate(i, a);
            }
            b.addWithState(t.frame(i), states[i], c);
        }
        return b.build();
    }

    private static Trajectory build(String id, int dim, int[] frames, double[][] points) {
        Trajectory.Builder b = Trajectory.builder(id, dim, 0.5);
        for (int i = 0; i < frames.length; i++) {
            b.addWithState(frames[i], (i / 3) % 4, points[i]);
        }
        return b.build();
    }
}
