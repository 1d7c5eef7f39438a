package org.deepspt.cli;

import static org.deepspt.cli.CliRun.run;
import static org.deepspt.cli.CliRun.withStdin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
    private static final String STATES_HEADER = "particle,frame,state,p_normal,p_directed,p_confined,p_subdiffusive";
    private static final String STREAM_HEADER =
            "particle,track,frame,state,p_normal,p_directed,p_confined,p_subdiffusive";
    private static final String[] LABELS = {"normal", "directed", "confined", "subdiffusive"};

    @TempDir
    Path dir;

    private static List<String> sortedRows(Path csv) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(csv, StandardCharsets.UTF_8));
        List<String> rows = new ArrayList<>();
        if (lines.get(0).equals(STREAM_HEADER)) {
            // stream's rows without the track column: the format of segment
            for (String l : lines.subList(1, lines.size())) {
                String[] f = l.split(",", 3);
                rows.add(f[0] + "," + f[2]);
            }
        } else {
            // segment also writes the verdict and where each point is (reliable, reason, x, y[, z], interpolated):
            // compare the states only
            List<String> states = new ArrayList<>();
            for (String l : lines) {
                states.add(String.join(",", java.util.Arrays.asList(l.split(",", -1)).subList(0, 7)));
            }
            assertEquals(STATES_HEADER, states.get(0));
            rows.addAll(states.subList(1, states.size()));
        }
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
        CliRun r = run("stream", "--model", "unet", "--in", in.toString(), "--out", states.toString(), "--events",
                events.toString(), "--window", "20", "--lag", "19", "--update-interval", "20", "--min-dwell", "1");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("deepspt-unet-2d"), r.err());
        long points = Files.readAllLines(in).size() - 1;
        List<String> lines = Files.readAllLines(states, StandardCharsets.UTF_8);
        assertEquals(STREAM_HEADER, lines.get(0));
        assertEquals(points, lines.size() - 1);
        // Replay the state column per particle (rows of one particle are in frame order) and rebuild the events.
        Map<String, Integer> last = new HashMap<>();
        Map<String, Integer> lastFrame = new HashMap<>();
        List<String> expected = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] c = line.split(",");
            // without the track column: particle,frame,state,p_normal,p_directed,p_confined,p_subdiffusive
            String[] f = {c[0], c[2], c[3], c[4], c[5], c[6], c[7]};
            int frame = Integer.parseInt(f[1]);
            int state = Integer.parseInt(f[2]);
            Integer prevFrame = lastFrame.put(f[0], frame);
            assertTrue(prevFrame == null || prevFrame < frame, line);
            Integer prev = last.put(f[0], state);
            if (prev != null && prev != state) {
                expected.add(f[0] + "," + c[1] + "," + frame + "," + LABELS[prev] + "," + LABELS[state]
                        + "," + f[3 + state]);
            }
        }
        List<String> ev = Files.readAllLines(events, StandardCharsets.UTF_8);
        assertEquals("particle,track,frame,from,to,confidence", ev.get(0));
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
        assertTrue(bad.err().contains("--lag must be 0..10000"), bad.err());
        CliRun badFps = run("stream", "--model", "rolling-msd", "--in", tracks.toString(), "--out", out.toString(),
                "--fps", "-3");
        assertEquals(2, badFps.code());
        assertTrue(badFps.err().contains("--fps"), badFps.err());
    }

    @Test
    void optionsAreBoundedWithUsageErrors() throws Exception {
        Path tracks = dir.resolve("t.csv");
        assertEquals(0, run("simulate", "--tracks", "3", "--seed", "3", "--length", "20", "--out",
                tracks.toString()).code());
        Path out = dir.resolve("o.csv");
        String[][] bad = {
            {"--window", "2147483647"}, {"--window", "0"}, {"--lag", "2147483647"}, {"--fps", "1e-300"},
            {"--fps", "NaN"}, {"--fps", "Infinity"}, {"--idle-frames", "0"}, {"--min-dwell", "0"},
            {"--follow-timeout", "0"}, {"--update-interval", "161"}, {"--sentinel", "END"},
            {"--switch-penalty", "-1"}, {"--switch-penalty", "NaN"}, {"--switch-penalty", "1e9"},
            {"--threads", "0"}, {"--threads", "65"}, {"--threads", "2"},
        };
        for (String[] b : bad) {
            List<String> args = new ArrayList<>(List.of("stream", "--model", "rolling-msd", "--in", tracks.toString(),
                    "--out", out.toString()));
            args.addAll(List.of(b));
            CliRun r = run(args.toArray(String[]::new));
            assertEquals(2, r.code(), String.join(" ", b) + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), String.join(" ", b) + ": " + r.err());
            assertTrue(r.err().contains(b[0]) || r.err().contains("--lag"), String.join(" ", b) + ": " + r.err());
        }
        CliRun r = run("stream", "--model", "rolling-msd", "--in", tracks.toString(), "--out", out.toString(),
                "--no-progress");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("latency to final state p50 ") && r.err().contains(" ms, p99 "), r.err());
    }

    /**
     * Runs the command with a standard input that sends nothing until the run ends (a producer that has not
     * started yet).
     *
     * @return the run, or null when it did not end within 10 s (it waited for the input)
     */
    private static CliRun withSilentStdin(String... args) throws Exception {
        java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(1);
        java.io.InputStream silent = new java.io.InputStream() {
            @Override
            public int read() throws java.io.IOException {
                try {
                    done.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return -1;
            }
        };
        java.io.InputStream saved = System.in;
        System.setIn(silent);
        try {
            CliRun[] result = new CliRun[1];
            Thread t = new Thread(() -> result[0] = run(args));
            t.start();
            t.join(10_000);
            CliRun r = result[0];
            done.countDown();
            t.join(20_000);
            return r;
        } finally {
            System.setIn(saved);
        }
    }

    /** Bad --frame-interval and --lag values are usage errors before the live input sends its header. */
    @Test
    void liveOptionsAreRefusedBeforeTheInputArrives() throws Exception {
        Path out = dir.resolve("o.csv");
        String[][] bad = {
            {"--frame-interval", "-1"}, {"--frame-interval", "NaN"}, {"--lag", "21"},
            {"--lag", "21", "--model", "deepspt-stream-2d"},
        };
        for (String[] b : bad) {
            assertRefusedBeforeInput(List.of("stream", "--in", "-", "--out", out.toString(), "--no-progress"), b);
        }
    }

    /** Runs a live stream with {@code bad} added and stdin silent: exit 2 at once, naming the option. */
    private void assertRefusedBeforeInput(List<String> command, String[] bad) throws Exception {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of(bad));
        CliRun r = withSilentStdin(args.toArray(String[]::new));
        String c = String.join(" ", bad);
        assertTrue(r != null, c + ": waited for the input before refusing the option");
        assertEquals(2, r.code(), c + ": " + r.err());
        assertTrue(r.err().contains(bad[0]), c + ": " + r.err());
    }

    /**
     * A blank sentinel (before: any blank line ended the stream) and the read policies of track files that live
     * input ignored (--gaps, --branches, --all-tracks, --non-finite DROP_TRACK) are usage errors naming the option.
     */
    @Test
    void liveModeRefusesBlankSentinelsAndTheTrackFilePolicies() throws Exception {
        Path out = dir.resolve("o.csv");
        String[][] bad = {
            {"--sentinel", ""}, {"--sentinel", "  "}, {"--gaps", "REJECT"}, {"--gaps", "SPLIT"},
            {"--branches", "LONGEST"}, {"--all-tracks"}, {"--non-finite", "DROP_TRACK"},
        };
        for (String[] b : bad) {
            assertRefusedBeforeInput(List.of("stream", "--model", "rolling-msd", "--in", "-", "--out", out.toString(),
                    "--no-progress"), b);
        }
    }

    /** The sentinel and the line are compared without white space around them (before: " END" never matched). */
    @Test
    void theSentinelIsComparedTrimmed() throws Exception {
        StringBuilder sb = new StringBuilder("particle,frame,x,y\n");
        for (int f = 0; f < 10; f++) {
            sb.append("a,").append(f).append(',').append(f * 0.1).append(",0\n");
        }
        Path out = dir.resolve("o.csv");
        CliRun r = withStdin(sb + "END  \ngarbage,that,is,never,read\n", "stream", "--model", "rolling-msd", "--in",
                "-", "--out", out.toString(), "--sentinel", " END", "--no-progress");
        assertEquals(0, r.code(), r.err());
        assertEquals(11, Files.readAllLines(out).size());
    }

    @Test
    void standardInputGivesWhatTheReplayOfTheSameFileGives() throws Exception {
        Path tracks = dir.resolve("t.csv");
        assertEquals(0, run("simulate", "--tracks", "6", "--seed", "5", "--length", "40", "--out",
                tracks.toString()).code());
        // rows in frame order, as an acquisition writes them
        List<String> lines = Files.readAllLines(tracks);
        String header = lines.get(0);
        List<String> rows = new ArrayList<>(lines.subList(1, lines.size()));
        int frameCol = List.of(header.split(",")).indexOf("frame");
        rows.sort(java.util.Comparator.comparingInt(l -> Integer.parseInt(l.split(",")[frameCol])));
        String text = header + "\n" + String.join("\n", rows) + "\n";
        Path sorted = dir.resolve("sorted.csv");
        Files.writeString(sorted, text);
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        CliRun file = run("stream", "--model", "rolling-msd", "--in", sorted.toString(), "--out", a.toString(),
                "--lag", "5");
        assertEquals(0, file.code(), file.err());
        CliRun stdin = withStdin(text, "stream", "--model", "rolling-msd", "--in", "-", "--out", b.toString(),
                "--lag", "5", "--no-progress");
        assertEquals(0, stdin.code(), stdin.err());
        assertEquals(sortedRows(a), sortedRows(b));
        assertEquals(rows.size(), sortedRows(b).size());
    }

    @Test
    void standardInputErrorsNameTheLineAndReusedIdsGetNewTrackNumbers() throws Exception {
        StringBuilder sb = new StringBuilder("particle,frame,x,y\n");
        for (int f = 0; f < 10; f++) {
            sb.append("a,").append(f).append(",").append(f * 0.1).append(",0\n");
        }
        for (int f = 30; f < 40; f++) { // a again after 20 idle frames: a new track
            sb.append("a,").append(f).append(",").append(f * 0.1).append(",1\n");
        }
        Path out = dir.resolve("o.csv");
        CliRun r = withStdin(sb + "END\ngarbage,that,is,never,read\n", "stream", "--model", "rolling-msd",
                "--in", "-", "--out", out.toString(), "--idle-frames", "5", "--sentinel", "END");
        assertEquals(0, r.code(), r.err());
        List<String> lines = Files.readAllLines(out);
        assertEquals(21, lines.size());
        assertEquals(10, lines.stream().filter(l -> l.startsWith("a,1,")).count());
        assertEquals(10, lines.stream().filter(l -> l.startsWith("a,2,")).count());

        CliRun back = withStdin("particle,frame,x,y\na,5,0,0\nb,5,1,1\na,4,0,0\n", "stream", "--model",
                "rolling-msd", "--in", "-", "--out", out.toString());
        assertEquals(1, back.code(), back.err());
        assertTrue(back.err().contains("line 4") && back.err().contains("backwards"), back.err());
        CliRun nan = withStdin("particle,frame,x,y\na,5,0,0\nb,5,NaN,1\n", "stream", "--model",
                "rolling-msd", "--in", "-", "--out", out.toString());
        assertEquals(1, nan.code(), nan.err());
        assertTrue(nan.err().contains("line 3"), nan.err());
    }

    @Test
    void followReadsAGrowingFileUntilItStopsGrowing() throws Exception {
        Path live = dir.resolve("live.csv");
        Files.writeString(live, "particle,frame,x,y\n");
        Path out = dir.resolve("o.csv");
        CliRun[] result = new CliRun[1];
        Thread t = new Thread(() -> result[0] = run("stream", "--model", "rolling-msd", "--in", live.toString(),
                "--follow", "--follow-timeout", "1.5", "--out", out.toString(), "--lag", "3"));
        t.start();
        for (int f = 0; f < 30; f++) {
            Files.writeString(live, "p," + f + "," + (f * 0.1) + ",0\nq," + f + ",0," + (f * 0.2) + "\n",
                    java.nio.file.StandardOpenOption.APPEND);
            Thread.sleep(10);
        }
        t.join(20_000);
        assertTrue(!t.isAlive(), "the stream ends 1.5 s after the file stopped growing");
        assertEquals(0, result[0].code(), result[0].err());
        assertEquals(61, Files.readAllLines(out).size());
    }

    /** A followed file truncated while it is read stops the stream with an error naming it (before: read on). */
    @Test
    void followFailsOnATruncatedFile() throws Exception {
        Path live = dir.resolve("live.csv");
        StringBuilder sb = new StringBuilder("particle,frame,x,y\n");
        for (int f = 0; f < 20; f++) {
            sb.append("p,").append(f).append(',').append(f * 0.1).append(",0\n");
        }
        Files.writeString(live, sb);
        Path out = dir.resolve("o.csv");
        CliRun[] result = new CliRun[1];
        Thread t = new Thread(() -> result[0] = run("stream", "--model", "rolling-msd", "--in", live.toString(),
                "--follow", "--follow-timeout", "20", "--out", out.toString(), "--lag", "3", "--no-progress"));
        t.start();
        Thread.sleep(1500); // the stream has read the 20 rows and waits for more
        Files.writeString(live, "particle,frame,x,y\np,0,0,0\n");
        t.join(15_000);
        assertTrue(!t.isAlive(), "the truncation ends the stream at once, not after --follow-timeout");
        assertEquals(1, result[0].code(), result[0].err());
        assertTrue(result[0].err().contains(live.toString()) && result[0].err().contains("truncated while following"),
                result[0].err());
    }

    /**
     * A last line without a line break when the stream ends is a row cut off while it was written: an error naming
     * its line, not a data row (before: read as the row 17,10,0.755,-1.307). A sentinel may end without one.
     */
    @Test
    void anUnfinishedLastLineIsAnErrorNotARow() throws Exception {
        StringBuilder sb = new StringBuilder("particle,frame,x,y\n");
        for (int f = 0; f < 10; f++) {
            sb.append("a,").append(f).append(',').append(f * 0.1).append(",0\n");
        }
        String rows = sb.toString();
        Path out = dir.resolve("o.csv");
        // standard input: its end is the writer closing it, so a last row without a line break is a row
        CliRun closed = withStdin(rows + "17,10,0.755,-1.307", "stream", "--model", "rolling-msd", "--in", "-",
                "--out", out.toString(), "--no-progress");
        assertEquals(0, closed.code(), closed.err());
        assertTrue(closed.err().contains("streamed 11 points"), closed.err());

        Path live = dir.resolve("live.csv");
        Files.writeString(live, rows + "17,10,0.755,-1.307");
        CliRun followed = run("stream", "--model", "rolling-msd", "--in", live.toString(), "--follow",
                "--follow-timeout", "0.2", "--out", out.toString(), "--no-progress");
        assertEquals(1, followed.code(), followed.err());
        assertTrue(followed.err().contains("line 12"), followed.err());

        CliRun sentinel = withStdin(rows + "END", "stream", "--model", "rolling-msd", "--in", "-", "--out",
                out.toString(), "--sentinel", "END", "--no-progress");
        assertEquals(0, sentinel.code(), sentinel.err());
        assertEquals(11, Files.readAllLines(out).size());
    }

    @ParameterizedTest
    @ValueSource(strings = {"jvm", "onnx"})
    void theStreamingModelOnBothBackends(String backend) throws Exception {
        Path in = Path.of("../examples/tracks-3d.csv");
        Path out = dir.resolve("s.csv");
        CliRun r = run("stream", "--model", "stream", "--backend", backend, "--in", in.toString(), "--out",
                out.toString(), "--lag", "10");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("deepspt-stream-3d (" + backend + ")") && r.err().contains("lag 10"), r.err());
        assertEquals(Files.readAllLines(in).size(), Files.readAllLines(out).size());
        CliRun tooLate = run("stream", "--model", "stream", "--backend", backend, "--in", in.toString(), "--out",
                out.toString(), "--lag", "21");
        assertEquals(2, tooLate.code(), tooLate.err());
        assertTrue(tooLate.err().contains("--lag must be 0..20"), tooLate.err());
    }

    /** --threads reaches the engine (named in the summary) and does not change a single output byte. */
    @Test
    void threadsSplitTheStepWithoutChangingTheOutputs() throws Exception {
        Path in = Path.of("../examples/tracks-2d.csv");
        Path one = dir.resolve("one.csv");
        Path two = dir.resolve("two.csv");
        CliRun r1 = run("stream", "--in", in.toString(), "--out", one.toString(), "--threads", "1", "--no-progress");
        assertEquals(0, r1.code(), r1.err());
        assertTrue(r1.err().contains("deepspt-stream-2d (jvm) in ") || r1.err().contains("deepspt-stream-2d (jvm), "),
                r1.err());
        CliRun r2 = run("stream", "--in", in.toString(), "--out", two.toString(), "--threads", "2", "--no-progress");
        assertEquals(0, r2.code(), r2.err());
        assertTrue(r2.err().contains("deepspt-stream-2d (jvm) on up to 2 threads"), r2.err());
        assertEquals(Files.readAllLines(one), Files.readAllLines(two));
    }

    @Test
    void withoutModelTheStreamingModelRunsOnTheJvmEngine() throws Exception {
        Path in = Path.of("../examples/tracks-2d.csv");
        Path out = dir.resolve("d.csv");
        CliRun r = run("stream", "--in", in.toString(), "--out", out.toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        // auto picks the pure-JVM engine for a streaming model when it is on the class path (it is here, beside ONNX)
        assertTrue(r.err().contains("deepspt-stream-2d (jvm)"), r.err());
        assertEquals(Files.readAllLines(in).size(), Files.readAllLines(out).size());
    }

    /**
     * The bundled streaming models' names, which the help says --model takes, run the streaming model (before:
     * "field 'kind' must be 'deepspt-segmentation-ensemble'"); the other dimension's name is a usage error.
     */
    @Test
    void theStreamingModelsNamesSelectTheStreamingModel() throws Exception {
        Path in = Path.of("../examples/tracks-2d.csv");
        Path byName = dir.resolve("by-name.csv");
        Path byAlias = dir.resolve("by-alias.csv");
        CliRun named = CliRun.run("stream", "--in", in.toString(), "--out", byName.toString(), "--model",
                "deepspt-stream-2d", "--no-progress");
        assertEquals(0, named.code(), named.err());
        assertEquals(0, CliRun.run("stream", "--in", in.toString(), "--out", byAlias.toString(), "--model", "stream",
                "--no-progress").code());
        assertEquals(java.nio.file.Files.readAllLines(byAlias), java.nio.file.Files.readAllLines(byName));
        CliRun other = CliRun.run("stream", "--in", in.toString(), "--out", dir.resolve("x.csv").toString(),
                "--model", "deepspt-stream-3d", "--no-progress");
        assertEquals(2, other.code(), other.err());
        assertTrue(other.err().contains("is the 3D streaming model, the tracks are 2D"), other.err());
    }

    /** From review: stream's --help named unet as the default model; the default is the streaming model. */
    @Test
    void helpNamesTheStreamingModelAsTheDefault() {
        String help = run("stream", "--help").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("--model=NAME Model: stream (the default: the streaming model"), help);
        assertTrue(!help.contains("(default unet)"), help);
    }

    /**
     * Live input prints the reliability warning too, from the checks that need no whole track: length and estimated
     * SNR, each track judged when it ends (review: only a replayed file was judged). Particle a comes back after 30
     * idle frames: two tracks.
     */
    @Test
    void liveInputJudgesEachTrackWhenItEnds() throws Exception {
        Path out = dir.resolve("live.csv");
        CliRun run = withStdin(blinkingParticle(30), "stream", "--in", "-", "--out", out.toString(),
                "--no-progress");
        assertEquals(0, run.code(), run.err());
        assertTrue(run.err().contains("warning: 6 of 6 tracks (240 of 240 frames, 100.0 %) outside the model's "
                + "reliable range: too_short (< 100 points) 6 tracks / 240 frames"), run.err());
    }

    /**
     * Live input for the reliability tests: particles p1..p4 in frames 0..39, particle a in frames 0..109 but for
     * {@code gap} frames from frame 40 (Brownian, fixed seed).
     */
    private static String blinkingParticle(int gap) {
        StringBuilder sb = new StringBuilder("particle,frame,x,y\n");
        java.util.Random r = new java.util.Random(9);
        double[][] pos = new double[5][2];
        for (int f = 0; f < 110; f++) {
            for (int p = 0; p < 5; p++) {
                boolean a = p == 0;
                if (a && f >= 40 && f < 40 + gap || !a && f >= 40) {
                    continue;
                }
                pos[p][0] += 0.1 * r.nextGaussian();
                pos[p][1] += 0.1 * r.nextGaussian();
                sb.append(a ? "a" : "p" + p).append(',').append(f).append(',').append(pos[p][0]).append(',')
                        .append(pos[p][1]).append('\n');
            }
        }
        return sb.toString();
    }

    /**
     * A particle back after a 15-frame blink (longer than the blinks a track bridges, shorter than --idle-frames 20)
     * is two tracks in the output, and the reliability warning counts and judges those two tracks (review: it
     * judged the particle id as one track, "5 of 5 tracks").
     */
    @Test
    void liveReliabilityJudgesTheTracksTheOutputHas() throws Exception {
        Path out = dir.resolve("live.csv");
        CliRun run = withStdin(blinkingParticle(15), "stream", "--in", "-", "--out", out.toString(),
                "--no-progress");
        assertEquals(0, run.code(), run.err());
        long tracks = Files.readAllLines(out).stream().skip(1).map(l -> l.split(",", 3)[0] + "," + l.split(",", 3)[1])
                .distinct().count();
        assertEquals(6, tracks, "particle a is two tracks");
        assertTrue(run.err().contains("(6 tracks, "), run.err());
        assertTrue(run.err().contains("warning: 6 of 6 tracks (255 of 255 frames, 100.0 %) outside the model's "
                + "reliable range: too_short (< 100 points) 6 tracks / 255 frames"), run.err());
    }

    /**
     * Window mode with --window, --lag and --update-interval beyond every track's length gives the rows of
     * {@code segment --no-smooth} with a neural model too, probabilities included (review: the README promised
     * segment's rows, whose default smoothing a stream never applies), and the README says so.
     */
    @Test
    void unetWindowModeBeyondTheTracksGivesSegmentNoSmoothRows() throws Exception {
        Path in = dir.resolve("t.csv");
        assertEquals(0, run("simulate", "--tracks", "20", "--seed", "4", "--length", "100", "--out",
                in.toString()).code());
        Path seg = dir.resolve("seg.csv");
        Path stream = dir.resolve("stream.csv");
        CliRun s = run("segment", "--model", "unet", "--in", in.toString(), "--out", seg.toString(), "--no-smooth");
        assertEquals(0, s.code(), s.err());
        CliRun r = run("stream", "--model", "unet", "--in", in.toString(), "--out", stream.toString(), "--window",
                "1000", "--lag", "1000", "--update-interval", "1000", "--no-progress");
        assertEquals(0, r.code(), r.err());
        List<String> expected = sortedRows(seg);
        assertEquals(2000, expected.size());
        assertEquals(expected, sortedRows(stream));
        String readme = String.join(" ", Files.readAllLines(Path.of("../README.md"))).replaceAll("\\s+", " ");
        assertTrue(readme.contains("`--window`, `--lag` and `--update-interval` beyond every track's length give the "
                + "rows of `segment --no-smooth`"), "README's statement of the window mode");
    }

    /** The models stream takes are listed when --model names none (review: the streaming models were left out). */
    @Test
    void anUnknownModelListsTheStreamingModelsToo() throws Exception {
        CliRun r = run("stream", "--model", "nope", "--in", "../examples/tracks-2d.csv", "--out",
                dir.resolve("o.csv").toString());
        assertEquals(2, r.code(), r.err());
        for (String name : List.of("stream", "deepspt-stream-2d", "deepspt-stream-3d", "unet", "rolling-msd")) {
            assertTrue(r.err().contains(name), name + ": " + r.err());
        }
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    /**
     * Options that do not apply to the run are usage errors naming the option (review: --follow with --in -,
     * --follow-timeout without --follow and --window or --update-interval with the streaming model were silently
     * accepted, while --fps with live input and --sentinel without it were refused).
     */
    @Test
    void optionsThatDoNotApplyAreUsageErrors() throws Exception {
        Path tracks = dir.resolve("t.csv");
        assertEquals(0, run("simulate", "--tracks", "3", "--seed", "3", "--length", "20", "--out",
                tracks.toString()).code());
        Path out = dir.resolve("o.csv");
        String[][] file = {
            {"--follow-timeout", "3"}, {"--window", "50"}, {"--update-interval", "3"},
            {"--model", "stream", "--window", "50"}, {"--model", "rolling-msd", "--switch-penalty", "3"},
        };
        for (String[] b : file) {
            List<String> args = new ArrayList<>(List.of("stream", "--in", tracks.toString(), "--out", out.toString(),
                    "--no-progress"));
            args.addAll(List.of(b));
            CliRun r = run(args.toArray(String[]::new));
            String c = String.join(" ", b);
            assertEquals(2, r.code(), c + ": " + r.err());
            assertEquals(1, r.err().strip().lines().count(), c + ": " + r.err());
            assertTrue(r.err().contains(b[b.length - 2]), c + ": " + r.err());
        }
        String[][] live = {{"--follow"}, {"--follow-timeout", "3"}, {"--window", "50"}};
        for (String[] b : live) {
            assertRefusedBeforeInput(List.of("stream", "--in", "-", "--out", out.toString(), "--no-progress"), b);
        }
    }

    /**
     * Messages of live input name standard input one way, "(standard input)", and a frame going backwards names the
     * frame being read, not a completed one (review: "frame 4 pushed after frame 5 was completed" while frame 5 was
     * being read, and the source named "-").
     */
    @Test
    void liveInputMessagesNameTheSourceAndTheFrameTruly() throws Exception {
        Path out = dir.resolve("o.csv");
        CliRun back = withStdin("particle,frame,x,y\na,4,0,0\na,5,0,0\nb,5,1,1\na,4,0,0\n", "stream", "--model",
                "rolling-msd", "--in", "-", "--out", out.toString(), "--no-progress");
        assertEquals(1, back.code(), back.err());
        assertTrue(back.err().contains("error: (standard input), line 5, field 'frame': frame 4 after rows of frame 5 "
                + "(the frame being read): frames must not go backwards"), back.err());
        CliRun twice = withStdin("particle,frame,x,y\na,4,0,0\na,4,1,1\n", "stream", "--model", "rolling-msd",
                "--in", "-", "--out", out.toString(), "--no-progress");
        assertEquals(1, twice.code(), twice.err());
        assertTrue(twice.err().contains("error: (standard input), line 3"), twice.err());
        CliRun nan = withStdin("particle,frame,x,y\na,5,0,0\nb,5,NaN,1\n", "stream", "--model", "rolling-msd",
                "--in", "-", "--out", out.toString(), "--no-progress");
        assertTrue(nan.err().contains("error: (standard input), line 3"), nan.err());
    }

    /**
     * A point beyond the streaming model's span stops live input with an error line in the command line's words
     * (review: the line showed the library's API hint {@code particleLost("a") starts a new track}).
     */
    @Test
    void theSpanRefusalNamesNoLibraryCall() throws Exception {
        Path out = dir.resolve("span.csv");
        CliRun r = CliRun.withStdin("particle,frame,x,y\na,0,0,0\na,1,0.1,0\na,2,2e9,0\n", "stream", "--in", "-",
                "--out", out.toString(), "--no-progress");
        assertEquals(1, r.code(), r.err());
        String line = r.err().lines().filter(l -> l.startsWith("deepspt stream: error:")).findFirst().orElseThrow();
        assertTrue(line.contains("takes spans up to") && line.contains("end the particle's track first"), line);
        assertFalse(line.contains("particleLost") || line.contains("(\""), line);
    }
}
