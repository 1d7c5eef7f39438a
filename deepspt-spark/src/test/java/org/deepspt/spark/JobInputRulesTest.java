package org.deepspt.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job refuses or reports each case of the CLI's CSV reader as the CLI does, in one error line that locates it
 * (a data engineer's review of the job against {@code deepspt analyze}).
 */
class JobInputRulesTest {

    private record Run(int code, String err) {
        String oneLine() {
            List<String> lines = err.strip().lines().toList();
            assertEquals(1, lines.size(), "one line expected on stderr:\n" + err);
            assertFalse(err.contains("\tat ") || err.contains("Exception"), err);
            return lines.get(0);
        }
    }

    private static Run job(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = AnalyzeJob.run(LocalSpark.session(), new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(code, err.toString());
    }

    /** Tracks 1 and 2 of 20 points each, 3D; track 2 has no z (empty field) when {@code mixed}. */
    private static Path tracks3d(Path dir, String name, boolean mixed) throws IOException {
        StringBuilder sb = new StringBuilder("particle,frame,x,y,z\n");
        for (int p = 1; p <= 2; p++) {
            for (int f = 0; f < 20; f++) {
                sb.append(p).append(',').append(f).append(',').append(0.1 * f).append(',').append(0.05 * f)
                        .append(',').append(p == 2 && mixed ? "" : String.valueOf(0.2 + 0.01 * f)).append('\n');
            }
        }
        Path p = dir.resolve(name);
        Files.writeString(p, sb.toString());
        return p;
    }

    /**
     * 2D rows (empty z) beside 3D rows: refused as the CLI refuses them, naming the field and the file, under either
     * --non-finite policy (before: a non-finite z advising DROP_TRACK, and DROP_TRACK rejected every 2D track).
     */
    @Test
    void mixed2dAnd3dRowsAreRefused(@TempDir Path dir) throws IOException {
        Path in = tracks3d(dir, "mixed.csv", true);
        for (String policy : List.of("ERROR", "DROP_TRACK")) {
            Run r = job("--in", in.toString(), "--out", dir.resolve("o-" + policy).toString(), "--model",
                    "rolling-msd", "--non-finite", policy);
            assertEquals(1, r.code(), r.err());
            String line = r.oneLine();
            assertTrue(line.startsWith("deepspt-spark: error: " + in + ", field 'z': mixed 2D and 3D rows: z empty on "
                    + "20 of 40 rows, e.g. at frame "), line);
            assertTrue(line.contains("in track '2'"), line);
            assertFalse(line.contains("DROP_TRACK"), line);
        }
    }
}
