package org.deepspt.cli;

import static org.deepspt.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --recipe} and {@code --scenario} of {@code simulate} and {@code export-training} (issue 20). */
class RecipeCliTest {
    @TempDir
    Path dir;

    @Test
    void wideScenarioTracksHaveTheirLengthAndLabelAndTheSameSeedTheSameFile() throws Exception {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        for (Path p : List.of(a, b)) {
            CliRun r = run("simulate", "--dim", "3", "--tracks", "40", "--seed", "9", "--recipe", "wide",
                    "--scenario", "brownian", "--length", "7", "--out", p.toString(), "--no-progress");
            assertEquals(0, r.code(), r.err());
        }
        List<String> rows = Files.readAllLines(a);
        assertEquals("particle,frame,x,y,z,true_D,true_alpha,state", rows.get(0));
        assertEquals(40 * 7, rows.size() - 1, "40 tracks of 7 points");
        for (String row : rows.subList(1, rows.size())) {
            assertTrue(row.endsWith(",0"), "pure Brownian: every point normal: " + row);
        }
        assertEquals(rows, Files.readAllLines(b));
    }

    @Test
    void theProtocolIsUnchangedByTheNewOptions() throws Exception {
        Path plain = dir.resolve("plain.csv");
        Path named = dir.resolve("named.csv");
        assertEquals(0, run("simulate", "--tracks", "20", "--seed", "3", "--out", plain.toString()).code());
        assertEquals(0, run("simulate", "--tracks", "20", "--seed", "3", "--recipe", "protocol", "--out",
                named.toString()).code());
        assertEquals(Files.readAllLines(plain), Files.readAllLines(named));
    }

    @Test
    void badRecipesAndScenariosAreUsageErrors() {
        CliRun r = run("simulate", "--tracks", "2", "--recipe", "bogus", "--out", dir.resolve("x.csv").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--recipe must be protocol or wide"), r.err());
        r = run("simulate", "--tracks", "2", "--scenario", "walls", "--out", dir.resolve("x.csv").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--scenario needs --recipe wide"), r.err());
        r = run("export-training", "--dim", "2", "--tracks", "2", "--seed", "1", "--recipe", "wide", "--scenario",
                "nope", "--out", dir.resolve("set").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("brownian-d-jump"), "the message lists the scenarios: " + r.err());
        // --length with --length-min was silently ignored (found by review)
        r = run("simulate", "--tracks", "2", "--recipe", "wide", "--length", "7", "--length-min", "100", "--out",
                dir.resolve("x.csv").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("give it or --length-min/--length-max, not both"), r.err());
    }

    @Test
    void exportTrainingRecordsTheRecipeInTheSpec() throws Exception {
        Path out = dir.resolve("set");
        CliRun r = run("export-training", "--dim", "2", "--tracks", "30", "--seed", "5", "--recipe", "wide", "--out",
                out.toString());
        assertEquals(0, r.code(), r.err());
        String spec = Files.readString(out.resolve("spec.json"));
        assertTrue(spec.contains("org.deepspt.sim.WideSimulator") && spec.contains("\"d-change\""), spec);
        assertTrue(!spec.contains("motionBlur"), "no blur unless asked: " + spec);        // the folder exists now: a second export replaces the set (review: "it is a folder", exit 2), all four files
        // together, and leaves no temporary file
        CliRun again = run("export-training", "--dim", "2", "--tracks", "40", "--seed", "6", "--out", out.toString());
        assertEquals(0, again.code(), again.err());
        assertTrue(Files.readString(out.resolve("spec.json")).replaceAll("\\s", "").contains("\"tracks\":40"));
        try (var files = Files.list(out)) {
            assertEquals(List.of("labels.npy", "offsets.npy", "positions.npy", "spec.json"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void blurIsRecordedInTheSpecChangesTheTracksAndIsValidated() throws Exception {
        Path out = dir.resolve("blurred");
        CliRun r = run("export-training", "--dim", "2", "--tracks", "30", "--seed", "5", "--recipe", "wide",
                "--blur", "0.5", "--exposure-min", "0.2", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String spec = Files.readString(out.resolve("spec.json"));
        assertTrue(spec.replaceAll("\\s", "").contains("\"exposureFractionRange\":[0.2,1.0]"), spec);
        Path plain = dir.resolve("plain.csv");
        Path blurred = dir.resolve("blurred.csv");
        assertEquals(0, run("simulate", "--tracks", "20", "--seed", "3", "--recipe", "wide", "--scenario",
                "brownian", "--out", plain.toString(), "--no-progress").code());
        assertEquals(0, run("simulate", "--tracks", "20", "--seed", "3", "--recipe", "wide", "--scenario",
                "brownian", "--blur", "1", "--out", blurred.toString(), "--no-progress").code());
        List<String> a = Files.readAllLines(plain);
        List<String> b = Files.readAllLines(blurred);
        assertEquals(a.size(), b.size());
        assertTrue(!a.equals(b), "blurred positions differ");
        r = run("simulate", "--tracks", "2", "--blur", "0.5", "--out", dir.resolve("x.csv").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--blur needs --recipe wide"), r.err());
        r = run("simulate", "--tracks", "2", "--recipe", "wide", "--blur", "2", "--out",
                dir.resolve("x.csv").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("blur share must be in [0, 1]"), r.err());
        r = run("simulate", "--tracks", "2", "--recipe", "wide", "--blur", "1", "--exposure-min", "0.9",
                "--exposure-max", "0.5", "--out", dir.resolve("x.csv").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("exposure fractions"), r.err());
        r = run("simulate", "--tracks", "2", "--recipe", "wide", "--exposure-max", "0.5", "--out",
                dir.resolve("x.csv").toString());
        assertEquals(2, r.code(), r.err());
        assertTrue(r.err().contains("--exposure-min and --exposure-max need --blur"), r.err());
    }
}
