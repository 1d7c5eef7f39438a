package org.deepspt.cli;

import static org.deepspt.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands share one road: the same classifier gives the same answers, engine failures stop the run. */
class OneRoadCliTest {
    @TempDir
    Path dir;

    /** 40 simulated tracks plus stationary ones, whose MSD features (α, D, ...) are NaN. */
    private Path tracksWithNaNFeatures() throws Exception {
        Path tracks = dir.resolve("tracks.csv");
        CliRun sim = run("simulate", "--tracks", "40", "--length", "60", "--seed", "9", "--out", tracks.toString());
        assertEquals(0, sim.code(), sim.err());
        StringBuilder still = new StringBuilder();
        for (int k = 0; k < 4; k++) {
            for (int i = 0; i < 30; i++) {
                still.append("still").append(k).append(',').append(i).append(",1.5,2.5,0.0,1.0,2\n"); // x,y,true_D,true_alpha,state
            }
        }
        Files.writeString(tracks, still, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        return tracks;
    }

    @Test
    void classifyAndAnalyzeGiveIdenticalPredictionsOnFingerprintsWithNaN() throws Exception {
        Path tracks = tracksWithNaNFeatures();
        Path labels = dir.resolve("labels.csv");
        List<String> rows = new ArrayList<>(List.of("particle,label"));
        for (int i = 0; i < 40; i++) {
            rows.add(i + "," + (i % 2 == 0 ? "a" : "b"));
        }
        for (int k = 0; k < 4; k++) {
            rows.add("still" + k + "," + (k % 2 == 0 ? "a" : "b"));
        }
        Files.write(labels, rows);
        Path model = dir.resolve("model.json");
        CliRun train = run("train-classifier", "--in", tracks.toString(), "--labels", labels.toString(), "--out",
                model.toString(), "--model", "rolling-msd", "--folds", "0");
        assertEquals(0, train.code(), train.err());
        Path fp = dir.resolve("fp.csv");
        assertEquals(0, run("fingerprint", "--in", tracks.toString(), "--out", fp.toString(), "--model",
                "rolling-msd", "--no-progress").code());
        String still = Files.readAllLines(fp).stream().filter(l -> l.startsWith("still0,")).findFirst()
                .orElseThrow();
        assertTrue(still.contains("NaN"), still);

        Path classified = dir.resolve("classified.csv");
        CliRun c = run("classify", "--in", tracks.toString(), "--classifier", model.toString(), "--out",
                classified.toString(), "--model", "rolling-msd");
        assertEquals(0, c.code(), c.err());
        Path outDir = dir.resolve("analysis");
        CliRun a = run("analyze", "--in", tracks.toString(), "--out", outDir.toString(), "--model", "rolling-msd",
                "--classifier", model.toString(), "--no-progress");
        assertEquals(0, a.code(), a.err());
        List<String> fromClassify = Files.readAllLines(classified);
        List<String> fromAnalyze = Files.readAllLines(outDir.resolve("predictions.csv"));
        assertEquals(fromClassify, fromAnalyze);
        assertTrue(fromClassify.stream().anyMatch(l -> l.startsWith("still0,")));
        // The same predictions from a fingerprint CSV as input.
        Path fromFp = dir.resolve("from-fp.csv");
        assertEquals(0, run("classify", "--in", fp.toString(), "--classifier", model.toString(), "--out",
                fromFp.toString()).code());
        assertEquals(fromClassify, Files.readAllLines(fromFp));
    }

    @Test
    void anEngineFailureStopsTheRunWithOneLineInsteadOfRejectingEveryTrack() throws Exception {
        Path tracks = tracksWithNaNFeatures();
        for (String command : new String[] {"analyze", "segment", "fingerprint"}) {
            Path out = dir.resolve(command + (command.equals("analyze") ? "" : ".csv"));
            CliRun r = run(command, "--in", tracks.toString(), "--out", out.toString(), "--backend", "failing",
                    "--threads", "2", "--no-progress");
            assertEquals(1, r.code(), command + ": " + r.err());
            List<String> lines = r.err().lines().filter(l -> !l.isBlank() && !l.startsWith(command + ": ")
                    && !l.contains(": units assumed: "))
                    .collect(Collectors.toList());
            assertTrue(r.err().contains(command + ": tracks.csv: coordinates: µm (default; the file declares no "
                    + "unit); frame interval"), r.err());
            assertEquals(1, lines.size(), command + ": " + r.err());
            assertTrue(lines.get(0).startsWith("deepspt " + command + ": error: ")
                    && lines.get(0).contains("injected runtime failure"), lines.get(0));
            assertFalse(r.err().contains("rejected"), r.err());
        }
    }
}
