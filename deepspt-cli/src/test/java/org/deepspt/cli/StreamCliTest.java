package org.deepspt.cli;

import static org.deepspt.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code deepspt stream} on the bundled examples. */
class StreamCliTest {
    private static final String STATES_HEADER = "particle,frame,state,p_normal,p_directed,p_confined,p_subdiffusive,"
            + "reliable,reason";
    private static final String[] LABELS = {"normal", "directed", "confined", "subdiffusive"};

    @TempDir
    Path dir;

    private static List<String> sortedRows(Path csv) throws Exception {
        List<String> lines = new ArrayList<>();
        for (String l : Files.readAllLines(csv, StandardCharsets.UTF_8)) {
            // segment also writes where each point is (x, y[, z], interpolated): compare the states only
            lines.add(String.join(",", java.util.Arrays.asList(l.split(",", -1)).subList(0, 7)));
        }
        assertEquals(STATES_HEADER, lines.get(0));
        List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
        rows.sort(null);
        return rows;
    }

    /** With window, lag and update interval beyond every track's length, stream writes what segment writes. */
    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void windowAndLagBeyondTheTracksGiveSegmentsOutput(int dim) throws Exception {
        Path in = Path.of("../examples/tracks-" + dim + "d.csv");
        Path seg = dir.resolve("seg.csv");
        Path stream = dir.resolve("stream.csv");
        CliRun s = run("segment", "--model", "rolling-msd", "--in", in.toString(), "--out", seg.toString(),
                "--no-smooth");
        assertEquals(0, s.code(), s.err());
        CliRun r = run("stream", "--model", "rolling-msd", "--in", in.toString(), "--out", stream.toString(),
                "--window", "1000", "--lag", "1000", "--update-interval", "1000");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().startsWith("stream: ") && r.err().contains("\nstreamed "), r.err());
        List<String> expected = sortedRows(seg);
        assertTrue(expected.size() > 10_000);
        assertEquals(expected, sortedRows(stream));
    }

    @Test
    void bundledUnetWritesFinalStatesAndEventsThatAgree() throws Exception {
        Path in = Path.of("../examples/tracks-2d.csv");
        Path states = dir.resolve("states.csv");
        Path events = dir.resolve("events.csv");
        CliRun r = run("stream", "--in", in.toString(), "--out", states.toString(), "--events", events.toString(),
                "--window", "20", "--lag", "19", "--update-interval", "20");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("deepspt-unet-2d"), r.err());
        long points = Files.readAllLines(in).size() - 1;
        List<String> lines = Files.readAllLines(states, StandardCharsets.UTF_8);
        assertEquals(STATES_HEADER, lines.get(0));
        assertEquals(points, lines.size() - 1);
        // Replay the state column per particle (rows of one particle are in frame order) and rebuild the events.
        Map<String, Integer> last = new HashMap<>();
        Map<String, Integer> lastFrame = new HashMap<>();
        List<String> expected = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            int frame = Integer.parseInt(f[1]);
            int state = Integer.parseInt(f[2]);
            Integer prevFrame = lastFrame.put(f[0], frame);
            assertTrue(prevFrame == null || prevFrame < frame, line);
            Integer prev = last.put(f[0], state);
            if (prev != null && prev != state) {
                expected.add(f[0] + "," + frame + "," + LABELS[prev] + "," + LABELS[state] + "," + f[3 + state]);
            }
        }
        List<String> ev = Files.readAllLines(events, StandardCharsets.UTF_8);
        assertEquals("particle,frame,from,to,confidence", ev.get(0));
        assertEquals(expected, ev.subList(1, ev.size()));
    }

    @Test
    void fpsPacesTheReplayAndBadOptionsFailWithOneLine() throws Exception {
        Path tracks = dir.resolve("t.csv");
        assertEquals(0, run("simulate", "--tracks", "5", "--seed", "3", "--length", "30", "--out",
                tracks.toString()).code());
        Path out = dir.resolve("o.csv");
        long t0 = System.nanoTime();
        CliRun r = run("stream", "--model", "rolling-msd", "--in", tracks.toString(), "--out", out.toString(),
                "--fps", "200");
        double seconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(0, r.code(), r.err());
        assertTrue(seconds >= 29 / 200.0, "30 frames at 200 fps take >= 0.145 s, took " + seconds);
        assertEquals(151, Files.readAllLines(out).size());

        CliRun bad = run("stream", "--model", "rolling-msd", "--in", tracks.toString(), "--out", out.toString(),
                "--lag", "-1");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("--lag must be >= 0"), bad.err());
        CliRun badFps = run("stream", "--model", "rolling-msd", "--in", tracks.toString(), "--out", out.toString(),
                "--fps", "-3");
        assertEquals(2, badFps.code());
        assertTrue(badFps.err().contains("--fps"), badFps.err());
    }
}
