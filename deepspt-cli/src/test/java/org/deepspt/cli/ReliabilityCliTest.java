package org.deepspt.cli;

import static org.deepspt.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reliability verdict on the command line: the {@code reliable,reason} columns, the one {@code warning:} line of
 * segment, analyze and stream (only above 10 % of the frames), and the report's length histogram.
 */
class ReliabilityCliTest {
    private static final String MODEL = "deepspt-unet-2d-int8";

    @TempDir
    Path dir;

    /** Brownian tracks, D = 0.1 µm²/s, Δt = 1 s, noise-free: {@code shortCount} of 7 points, {@code longCount} of 100. */
    private Path tracks(String name, int shortCount, int longCount) throws Exception {
        SplittableRandom r = new SplittableRandom(7);
        StringBuilder sb = new StringBuilder("particle,frame,x,y\n");
        int id = 0;
        for (int t = 0; t < shortCount + longCount; t++) {
            int n = t < shortCount ? 7 : 100;
            double x = 0;
            double y = 0;
            for (int i = 0; i < n; i++) {
                x += Math.sqrt(0.2) * gauss(r);
                y += Math.sqrt(0.2) * gauss(r);
                sb.append(String.format(Locale.ROOT, "%d,%d,%.6f,%.6f%n", id, i, x, y));
            }
            id++;
        }
        Path p = dir.resolve(name);
        Files.writeString(p, sb.toString());
        return p;
    }

    private static double gauss(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /**
     * The bundled int8 model's files in a folder, its manifest with a {@code reliability} object that only checks the
     * length (min 10 points), so that which tracks are unreliable does not depend on the model's outputs.
     */
    private Path lengthOnlyModel() throws Exception {
        ObjectMapper mapper = new ObjectMapper();
        String root = "org/deepspt/models/" + MODEL + "/";
        ObjectNode manifest;
        try (InputStream in = getClass().getClassLoader().getResourceAsStream(root + MODEL + ".manifest.json")) {
            manifest = (ObjectNode) mapper.readTree(in);
        }
        Path folder = Files.createDirectories(dir.resolve("model"));
        for (JsonNode f : manifest.path("files")) {
            try (InputStream in = getClass().getClassLoader().getResourceAsStream(root + f.path("name").asText())) {
                Files.copy(in, folder.resolve(f.path("name").asText()));
            }
        }
        manifest.putObject("reliability").put("min_length", 10).put("min_snr", 0).put("min_mean_confidence", 0);
        Path m = folder.resolve(MODEL + ".manifest.json");
        mapper.writeValue(m.toFile(), manifest);
        return m;
    }

    private static List<String> warnings(String err) {
        List<String> out = new ArrayList<>();
        for (String line : err.split("\n")) {
            if (line.startsWith("warning:") && !line.contains(": units assumed: ")) {   // unitless test CSV
                out.add(line);
            }
        }
        return out;
    }

    @Test
    void shortBrownianTracksAreMarkedTooShortAndWarnedAboutOnce() throws Exception {
        Path in = tracks("short.csv", 30, 0);
        Path out = dir.resolve("seg.csv");
        CliRun r = run("segment", "--in", in.toString(), "--out", out.toString(), "--model", "unet-int8",
                "--no-progress");
        assertEquals(0, r.code(), r.err());
        List<String> w = warnings(r.err());
        assertEquals(1, w.size(), r.err());
        assertTrue(w.get(0).contains("30 of 30 tracks (210 of 210 frames, 100.0 %)")
                && w.get(0).contains("too_short (< 100 points) 30 tracks / 210 frames")
                && w.get(0).contains(out.toString()), w.get(0));
        List<String> rows = Files.readAllLines(out);
        assertTrue(rows.get(0).contains(",reliable,reason,"), rows.get(0));
        for (String row : rows.subList(1, rows.size())) {
            String[] f = row.split(",", -1);
            assertEquals("false", f[7], row);
            assertTrue(f[8].startsWith("too_short:7.0<100.0"), row);
        }
    }

    @Test
    void theWarningSpeaksOnlyAboveTenPercentOfTheFrames() throws Exception {
        Path model = lengthOnlyModel();
        // 1 short track: 7 of 907 frames (0.8 %) -> no warning; 20 short tracks: 140 of 1040 frames (13.5 %) -> one.
        Path few = tracks("few.csv", 1, 9);
        Path many = tracks("many.csv", 20, 9);
        CliRun quiet = run("segment", "--in", few.toString(), "--out", dir.resolve("a.csv").toString(), "--model",
                model.toString(), "--no-progress");
        assertEquals(0, quiet.code(), quiet.err());
        assertEquals(List.of(), warnings(quiet.err()));
        List<String> rows = Files.readAllLines(dir.resolve("a.csv"));
        assertEquals(1, rows.stream().filter(l -> l.startsWith("0,")).filter(l -> l.contains(",false,too_short:7.0<10.0,"))
                .count() / 7, "the short track is marked on each of its 7 rows");
        assertEquals(900, rows.stream().filter(l -> l.contains(",true,,")).count());
        CliRun loud = run("segment", "--in", many.toString(), "--out", dir.resolve("b.csv").toString(), "--model",
                model.toString(), "--no-progress");
        assertEquals(0, loud.code(), loud.err());
        List<String> w = warnings(loud.err());
        assertEquals(1, w.size(), loud.err());
        assertTrue(w.get(0).startsWith("warning: 20 of 29 tracks (140 of 1040 frames, 13.5 %) outside the model's "
                + "reliable range: too_short (< 10 points) 20 tracks / 140 frames"), w.get(0));
        CliRun stream = run("stream", "--in", many.toString(), "--out", dir.resolve("c.csv").toString(), "--model",
                model.toString());
        assertEquals(0, stream.code(), stream.err());
        assertEquals(1, warnings(stream.err()).size(), stream.err());
        assertTrue(warnings(stream.err()).get(0).contains("too_short (< 10 points) 20 tracks / 140 frames"),
                stream.err());
        CliRun streamQuiet = run("stream", "--in", few.toString(), "--out", dir.resolve("d.csv").toString(), "--model",
                model.toString());
        assertEquals(0, streamQuiet.code(), streamQuiet.err());
        assertEquals(List.of(), warnings(streamQuiet.err()));
    }

    @Test
    void analyzeWarnsOnceAndItsReportShowsLengthsAndTheModelsAccuracyByLength() throws Exception {
        Path in = tracks("mixed.csv", 30, 3);
        Path out = dir.resolve("analysis");
        CliRun r = run("analyze", "--in", in.toString(), "--out", out.toString(), "--model", "unet-int8",
                "--no-progress");
        assertEquals(0, r.code(), r.err());
        assertEquals(1, warnings(r.err()).size(), r.err());
        String html = Files.readString(out.resolve("report.html"));
        assertTrue(html.contains("<section id=\"lengths\">") && html.contains("<section id=\"model-accuracy\">"),
                "length histogram and accuracy by length");
        assertTrue(html.contains("tracks outside the model"), "unreliable count in the summary");
        assertTrue(html.contains("5–9: 30"), "30 tracks of 7 points in the histogram");
        assertTrue(Files.readAllLines(out.resolve("segmentation.csv")).get(0).contains(",reliable,reason,"));
    }
}
