package org.deepspt.cli;

import static org.deepspt.cli.CliRun.run;
import static org.deepspt.cli.CliRun.withStdin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deepspt stream} on live input that fails midway: the outputs, written as the states become final, are
 * completed with the states final by then, the one error line names the failure and the frame the partial outputs
 * reach, and the exit status is 1 (before: nothing was written, hours of an acquisition lost to one bad row). A
 * track file is read whole before anything is written: its errors write nothing.
 */
class StreamLiveFailureCliTest {
    private static final String HEADER = "particle,frame,x,y\n";

    @TempDir
    Path dir;

    /** @return rows of particles a, b, c (Brownian, fixed seed), frames {@code 0 .. frames - 1} in frame order */
    private static String rows(int frames) {
        Random random = new Random(7);
        double[][] at = new double[3][2];
        StringBuilder sb = new StringBuilder();
        for (int f = 0; f < frames; f++) {
            for (int p = 0; p < 3; p++) {
                at[p][0] += 0.1 * random.nextGaussian();
                at[p][1] += 0.1 * random.nextGaussian();
                sb.append("abc".charAt(p)).append(',').append(f).append(',')
                        .append(String.format(Locale.ROOT, "%.4f,%.4f", at[p][0], at[p][1])).append('\n');
            }
        }
        return sb.toString();
    }

    /** @return the one line on stderr, asserting there is exactly one and it is the command's error line */
    private static String errorLine(CliRun r) {
        List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
        assertEquals(1, lines.size(), r.err());
        assertTrue(lines.get(0).startsWith("deepspt stream: error: "), r.err());
        return lines.get(0);
    }

    private static String read(Path p) throws Exception {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    /**
     * 300 frames of 3 particles on standard input, then a malformed row: exit 1, and the states output holds the
     * final states of all 900 points, exactly what the same rows followed by the end of the input give (the live
     * particles are finished as at the end of the stream); the events too; the error report names the failure.
     */
    @Test
    void aMalformedRowOnStandardInputKeepsTheFinalStatesOfTheFramesBeforeIt() throws Exception {
        String good = HEADER + rows(300);
        Path out = dir.resolve("o.csv");
        Path events = dir.resolve("e.csv");
        CliRun r = withStdin(good + "a,300,oops,0\nb,300,1,1\n", "stream", "--model", "rolling-msd", "--in", "-",
                "--out", out.toString(), "--events", events.toString(), "--no-progress");
        assertEquals(1, r.code(), r.err());
        String line = errorLine(r);
        assertEquals("deepspt stream: error: (standard input), line 902, field 'x': 'oops' is not a number; the "
                + "stream stopped there: the outputs hold the final states up to frame 299 (partial: 900 states in "
                + out + ")", line);
        assertEquals(901, Files.readAllLines(out).size());

        Path cleanOut = dir.resolve("clean.csv");
        Path cleanEvents = dir.resolve("clean-events.csv");
        CliRun clean = withStdin(good, "stream", "--model", "rolling-msd", "--in", "-", "--out", cleanOut.toString(),
                "--events", cleanEvents.toString(), "--no-progress");
        assertEquals(0, clean.code(), clean.err());
        assertEquals(read(cleanOut), read(out));
        assertEquals(read(cleanEvents), read(events));

        List<String> report = Files.readAllLines(dir.resolve("o.csv.errors.csv"));
        assertEquals(2, report.size(), String.join("\n", report));
        assertTrue(report.get(1).startsWith("(rest of the stream),REJECTED,") && report.get(1).contains("line 902")
                && report.get(1).contains("up to frame 299"), report.get(1));
    }

    /**
     * A followed file truncated mid-run: exit 1 naming the truncation, and the outputs hold the final states of
     * the 60 rows read before it (what the same rows on standard input give).
     */
    @Test
    void aFollowedFileTruncatedMidRunKeepsTheFinalStates() throws Exception {
        String good = HEADER + rows(20);
        Path live = dir.resolve("live.csv");
        Files.writeString(live, good);
        Path out = dir.resolve("o.csv");
        CliRun[] result = new CliRun[1];
        Thread t = new Thread(() -> result[0] = run("stream", "--model", "rolling-msd", "--in", live.toString(),
                "--follow", "--follow-timeout", "20", "--out", out.toString(), "--lag", "3", "--no-progress"));
        t.start();
        // the outputs are created once the model is open, right before the rows are read: then they are read at once
        for (int i = 0; i < 300 && !Files.exists(out); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.exists(out), "the stream did not start");
        Thread.sleep(1000); // the stream has read the 60 rows and waits for more
        Files.writeString(live, HEADER + "a,0,0,0\n");
        t.join(15_000);
        assertFalse(t.isAlive(), "the truncation ends the stream at once, not after --follow-timeout");
        assertEquals(1, result[0].code(), result[0].err());
        String line = errorLine(result[0]);
        assertTrue(line.contains(live + ": ") && line.contains("was truncated while following it")
                && line.endsWith("the stream stopped there: the outputs hold the final states up to frame 19 "
                        + "(partial: 60 states in " + out + ")"), line);

        Path clean = dir.resolve("clean.csv");
        CliRun c = withStdin(good, "stream", "--model", "rolling-msd", "--in", "-", "--out", clean.toString(),
                "--lag", "3", "--no-progress");
        assertEquals(0, c.code(), c.err());
        assertEquals(61, Files.readAllLines(out).size());
        assertEquals(read(clean), read(out));
    }

    /**
     * The engine fails at frame 54 (its 51st batch; the first is at frame 4, when the particles have the 5 points
     * rolling-MSD needs): with lag 5 the states of frames 0..48 were final before it, and they are kept, the same
     * rows a run without the failure writes first. The failed online segmenter is not finished further.
     */
    @Test
    void anEngineFailureMidStreamKeepsTheStatesFinalBeforeIt() throws Exception {
        String good = HEADER + rows(100);
        Path out = dir.resolve("o.csv");
        CliRun r = withStdin(good, "stream", "--model", FailingAfterSegmenterProvider.PREFIX + "50", "--in", "-",
                "--out", out.toString(), "--lag", "5", "--no-progress");
        assertEquals(1, r.code(), r.err());
        String line = errorLine(r);
        assertTrue(line.contains("injected failure after 50 batches") && line.endsWith("the outputs hold the final "
                + "states up to frame 48 (partial: 147 states in " + out + ")"), line);

        Path clean = dir.resolve("clean.csv");
        CliRun c = withStdin(good, "stream", "--model", "rolling-msd", "--in", "-", "--out", clean.toString(),
                "--lag", "5", "--no-progress");
        assertEquals(0, c.code(), c.err());
        List<String> partial = Files.readAllLines(out);
        assertEquals(148, partial.size());
        assertEquals(Files.readAllLines(clean).subList(0, 148), partial);
    }

    /**
     * Live input that fails before any state is final (its first row) leaves the outputs it created when the stream
     * started: their header and no row, as the error line says; a track file with the malformed row is read whole
     * before anything is written, so its error writes nothing and the previous outputs stay as they were.
     */
    @Test
    void withNothingFinalTheOutputsHoldTheHeaderAndForATrackFileAnErrorWritesNothing() throws Exception {
        Path out = dir.resolve("o.csv");
        CliRun first = withStdin(HEADER + "a,0,oops,0\n", "stream", "--model", "rolling-msd", "--in", "-", "--out",
                out.toString(), "--no-progress");
        assertEquals(1, first.code(), first.err());
        assertEquals("deepspt stream: error: (standard input), line 2, field 'x': 'oops' is not a number; the "
                + "stream stopped there: no state was final, the outputs hold their header only: " + out,
                errorLine(first));
        assertEquals(List.of("particle,track,frame,state,p_normal,p_directed,p_confined,p_subdiffusive"),
                Files.readAllLines(out));
        // --out -: standard output named once, without doubled parentheses (review: "header only ((standard output))")
        CliRun dash = withStdin(HEADER + "a,0,oops,0\n", "stream", "--model", "rolling-msd", "--in", "-", "--out", "-",
                "--no-progress");
        assertEquals(1, dash.code(), dash.err());
        assertTrue(errorLine(dash).endsWith("the outputs hold their header only: (standard output)"), dash.err());

        Files.writeString(out, "previous run\n");
        Files.delete(dir.resolve("o.csv.errors.csv"));
        Path file = dir.resolve("tracks.csv");
        Files.writeString(file, HEADER + rows(300) + "a,300,oops,0\n");
        CliRun replay = run("stream", "--model", "rolling-msd", "--in", file.toString(), "--out", out.toString(),
                "--no-progress");
        assertEquals(1, replay.code(), replay.err());
        assertTrue(errorLine(replay).contains("line 902"), replay.err());
        assertFalse(replay.err().contains("partial"), replay.err());

        assertEquals("previous run\n", read(out));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(out, file), files.sorted().toList());
        }
    }

    /** One final state is "1 state" (review: "partial: 1 states"). */
    @Test
    void oneFinalStateIsSingular() throws Exception {
        Path out = dir.resolve("o.csv");
        CliRun r = withStdin(HEADER + "a,0,0,0\na,1,oops,0\n", "stream", "--in", "-", "--out", out.toString(),
                "--no-progress");
        assertEquals(1, r.code(), r.err());
        assertTrue(errorLine(r).endsWith("the outputs hold the final states up to frame 0 (partial: 1 state in " + out
                + ")"), r.err());
    }

    /**
     * A stream that stops on a malformed row and then cannot write its error report (its folder replaced by a file
     * meanwhile) names both failures in its one error line (review: the report's failure replaced the stream's).
     */
    @Test
    void aFailedErrorReportAfterAFailureNamesBoth() throws Exception {
        Path out = dir.resolve("s.csv");
        Path folder = dir.resolve("rep");
        Files.createDirectory(folder);
        Path report = folder.resolve("r.csv");
        StreamLiveOutputCliTest.FedInput in = new StreamLiveOutputCliTest.FedInput();
        java.io.InputStream saved = System.in;
        System.setIn(in);
        java.io.StringWriter err = new java.io.StringWriter();
        java.util.concurrent.ExecutorService runner = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<Integer> run = runner.submit(() -> Main.run(new String[] {"stream", "--model",
                    "rolling-msd", "--in", "-", "--out", out.toString(), "--errors", report.toString(), "--lag", "3",
                    "--no-progress"}, new java.io.PrintWriter(new java.io.StringWriter()), new java.io.PrintWriter(err)));
            in.send(HEADER + rows(20));
            for (int i = 0; i < 400 && !Files.exists(report); i++) {
                Thread.sleep(25);
            }
            assertTrue(Files.exists(report), "the report is created when the stream starts");
            Files.delete(report);
            Files.delete(folder);
            Files.writeString(folder, "a file where the report's folder was\n");
            in.send("a,20,oops,0\n");
            assertEquals(1, run.get(20, java.util.concurrent.TimeUnit.SECONDS), err.toString());
        } finally {
            in.end();
            System.setIn(saved);
            runner.shutdownNow();
        }
        String line = err.toString().lines().filter(l -> l.startsWith("deepspt stream: error:")).findFirst()
                .orElseThrow();
        assertTrue(line.contains("'oops' is not a number") && line.contains("the error report could not be written "
                + "either: "), line);
    }
}
