package org.deepspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code segment --backend jvm} gives the states of the default backend (ONNX Runtime), 2D and 3D. */
class BackendEquivalenceCliTest {
    @TempDir
    Path dir;

    private static void run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        assertEquals(0, Main.run(args, new PrintWriter(out), new PrintWriter(err)), err.toString());
    }

    private void compare(Path tracks, String name) throws Exception {
        Path onnx = dir.resolve(name + "-onnx.csv");
        Path jvm = dir.resolve(name + "-jvm.csv");
        // The same float model on both (unet is the int8 model on onnx and its float twin on jvm).
        run("segment", "--in", tracks.toString(), "--out", onnx.toString(), "--model", "unet-fast", "--no-progress");
        run("segment", "--in", tracks.toString(), "--out", jvm.toString(), "--model", "unet-fast", "--backend", "jvm",
                "--threads", "2", "--no-progress");
        List<String> a = Files.readAllLines(onnx);
        List<String> b = Files.readAllLines(jvm);
        assertEquals(a.size(), b.size(), name);
        assertEquals(a.get(0), b.get(0));
        double maxDiff = 0;
        for (int i = 1; i < a.size(); i++) {
            String[] x = a.get(i).split(",");
            String[] y = b.get(i).split(",");
            assertEquals(x[0] + "," + x[1] + "," + x[2], y[0] + "," + y[1] + "," + y[2], name + " row " + i);
            for (int c = 3; c < 7; c++) {
                maxDiff = Math.max(maxDiff, Math.abs(Double.parseDouble(x[c]) - Double.parseDouble(y[c])));
            }
        }
        assertTrue(maxDiff <= 1e-4, name + ": max probability difference " + maxDiff);
    }

    @Test
    void bundledExamplesAndFreshSimulatedSetsGiveTheSameStates() throws Exception {
        compare(Path.of("../examples/tracks-2d.csv"), "example-2d");
        compare(Path.of("../examples/tracks-3d.csv"), "example-3d");
        for (int dim = 2; dim <= 3; dim++) {
            Path sim = dir.resolve("sim" + dim + ".csv");
            run("simulate", "--dim", Integer.toString(dim), "--tracks", "30", "--seed", "77" + dim, "--out",
                    sim.toString());
            compare(sim, "sim-" + dim + "d");
        }
    }
}
