package org.deepspt.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import org.deepspt.api.Trajectory;
import org.deepspt.sim.SimulationConfig;
import org.deepspt.sim.Simulator;

/** Seeded inputs shared by the benchmarks: simulated 2D tracks and the bundled model's bytes. */
public final class Workloads {
    /** Seed of every simulated set, so every run and every benchmark sees the same tracks. */
    public static final long SEED = 20261126L;

    private Workloads() {
    }

    /**
     * @param count tracks
     * @param length points per track
     * @param seed set seed
     * @return 2D tracks of the published simulation protocol, all {@code length} points long
     */
    public static List<Trajectory> fixedLength(int count, int length, long seed) {
        return Simulator.of(SimulationConfig.builder(2).fixedLength(length).build()).simulate(count, seed);
    }

    /**
     * @param count tracks
     * @param seed set seed
     * @return 2D tracks of the published protocol (lengths 5..600 points, mean ≈ 300)
     */
    public static List<Trajectory> paper(int count, long seed) {
        return Simulator.of(SimulationConfig.paper(2)).simulate(count, seed);
    }

    /**
     * Engine input as the segmenters build it: each track shifted by its first point (in double), then
     * float32, row-major {@code [batch, length, 2]}.
     *
     * @param tracks tracks of one length
     * @return {@code tracks.size() × length × 2} floats
     */
    public static float[] centred(List<Trajectory> tracks) {
        int n = tracks.get(0).size();
        int dim = tracks.get(0).dimension();
        float[] out = new float[tracks.size() * n * dim];
        int p = 0;
        for (Trajectory t : tracks) {
            if (t.size() != n) {
                throw new IllegalArgumentException("tracks of one batch must share their length");
            }
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < dim; a++) {
                    out[p++] = (float) (t.coordinate(i, a) - t.coordinate(0, a));
                }
            }
        }
        return out;
    }

    /** @return total points of the tracks */
    public static long frames(List<Trajectory> tracks) {
        long n = 0;
        for (Trajectory t : tracks) {
            n += t.size();
        }
        return n;
    }

    /**
     * @param name bundled model, e.g. {@code deepspt-unet-2d}
     * @return its ONNX bytes (artifact {@code deepspt-models})
     */
    public static byte[] bundledModel(String name) {
        String path = "org/deepspt/models/" + name + "/" + name + ".onnx";
        try (InputStream in = Workloads.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("bundled model " + path + " not on the class path");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
