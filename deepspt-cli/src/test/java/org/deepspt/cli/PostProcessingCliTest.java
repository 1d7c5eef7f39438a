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

/** {@code --smooth} (Viterbi) and {@code --min-segment} through the pipeline's post-processing stage. */
class PostProcessingCliTest {
    @TempDir
    Path dir;

    private static int run(StringWriter err, String... args) {
        return Main.run(args, new PrintWriter(new StringWriter()), new PrintWriter(err));
    }

    /** @return number of state changes within tracks */
    private static int changes(Path segmentation) throws Exception {
        List<String> rows = Files.readAllLines(segmentation);
        int n = 0;
        for (int i = 2; i < rows.size(); i++) {
            String[] a = rows.get(i - 1).split(",");
            String[] b = rows.get(i).split(",");
            if (a[0].equals(b[0]) && !a[2].equals(b[2])) {
                n++;
            }
        }
        return n;
    }

    @Test
    void smoothingRemovesShortSwitchesAndKeepsEveryRow() throws Exception {
        Path plain = dir.resolve("plain.csv");
        Path smooth = dir.resolve("smooth.csv");
        StringWriter err = new StringWriter();
        assertEquals(0, run(err, "segment", "--in", "../examples/tracks-2d.csv", "--out", plain.toString(),
                "--no-smooth", "--no-progress"), err.toString());
        assertEquals(0, run(err, "segment", "--in", "../examples/tracks-2d.csv", "--out", smooth.toString(),
                "--smooth", "--no-progress"), err.toString());
        assertEquals(Files.readAllLines(plain).size(), Files.readAllLines(smooth).size());
        Path byDefault = dir.resolve("default.csv");
        assertEquals(0, run(err, "segment", "--in", "../examples/tracks-2d.csv", "--out", byDefault.toString(),
                "--no-progress"), err.toString());
        assertEquals(Files.readAllLines(smooth), Files.readAllLines(byDefault), "smoothing is the default");
        int before = changes(plain);
        int after = changes(smooth);
        assertTrue(after < before, "state changes " + before + " -> " + after);
        StringWriter bad = new StringWriter();
        assertEquals(2, run(bad, "segment", "--in", "../examples/tracks-2d.csv", "--out",
                dir.resolve("x.csv").toString(), "--smooth=-1"));
        assertTrue(bad.toString().contains("--smooth"), bad.toString());
    }
}
