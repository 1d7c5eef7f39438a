package org.deepspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code deepspt stream} in a JVM of its own, stopped by SIGINT (Ctrl-C) or SIGTERM ({@link ProcessHandle#destroy()}) while
 * it waits for more localisations (review: the run lost everything, left hidden temporary files ending mid-row and
 * printed nothing): it finishes as at the end of the input, so the outputs hold whole rows with the final states of
 * every point sent before the signal, prints its summary and one line saying it was interrupted, and exits with
 * 128 + the signal's number.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class StreamSignalTest {
    private static final String STATES_HEADER =
            "particle,track,frame,state,p_normal,p_directed,p_confined,p_subdiffusive";

    @TempDir
    Path dir;

    private Process start(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx512m", "-Ddeepspt.relaunch=false", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectError(dir.resolve("stderr.txt").toFile()).start();
    }

    private static int rows(Path csv) {
        try {
            return Files.exists(csv) ? Files.readAllLines(csv).size() - 1 : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private static void signal(Process p, String signal) throws Exception {
        if (signal.equals("TERM")) {
            // SIGTERM on Linux and macOS; Process.destroy() would also close the child's standard input, an end of
            // the input that may come first
            assertTrue(p.toHandle().destroy(), "SIGTERM");
            return;
        }
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).start();
        Assumptions.assumeTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal);
    }

    /**
     * 40 frames of 3 particles on standard input, which then stays open; once the states final so far (frames
     * 0..35 with lag 3) are in the output, the signal: the outputs hold the final states of all 120 points (frame
     * 39 included, finished as at the end of the input) as whole rows, the events too, no temporary file is left,
     * stderr has the summary and the interrupted line, and the exit status is 130 (SIGINT) or 143 (SIGTERM).
     */
    @ParameterizedTest
    @ValueSource(strings = {"INT", "TERM"})
    void aSignalFinishesTheStreamAsTheEndOfTheInputDoes(String signal) throws Exception {
        Path out = dir.resolve("s.csv");
        Path events = dir.resolve("e.csv");
        Process p = start("stream", "--model", "rolling-msd", "--in", "-", "--out", out.toString(), "--events",
                events.toString(), "--lag", "3", "--min-dwell", "1", "--no-progress");
        OutputStream stdin = p.getOutputStream();
        try {
            stdin.write(("particle,frame,x,y\n" + StreamLiveOutputCliTest.rows(0, 40))
                    .getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            for (int i = 0; i < 600 && rows(out) != 3 * 36 && p.isAlive(); i++) {
                Thread.sleep(50);
            }
            assertEquals(3 * 36, rows(out), "the states of frames 0..35 are written while the stream runs: "
                    + Files.readString(dir.resolve("stderr.txt")));
            signal(p, signal);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the stream did not end after SIG" + signal);
        } finally {
            p.destroyForcibly();
            stdin.close();
        }
        String err = Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
        assertEquals(signal.equals("INT") ? 130 : 143, p.exitValue(), err);
        String text = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n"), text);
        List<String> lines = text.lines().toList();
        assertEquals(STATES_HEADER, lines.get(0));
        assertEquals(1 + 120, lines.size(), "every point sent before the signal is final: " + err);
        for (String l : lines.subList(1, lines.size())) {
            assertEquals(8, l.split(",", -1).length, l);
        }
        assertEquals(3, lines.stream().filter(l -> l.matches("[abc],[123],39,.*")).count(), text);
        Path whole = dir.resolve("whole.csv");
        Path wholeEvents = dir.resolve("whole-e.csv");
        CliRun once = CliRun.withStdin("particle,frame,x,y\n" + StreamLiveOutputCliTest.rows(0, 40), "stream",
                "--model", "rolling-msd", "--in", "-", "--out", whole.toString(), "--events", wholeEvents.toString(),
                "--lag", "3", "--min-dwell", "1", "--no-progress");
        assertEquals(0, once.code(), once.err());
        assertEquals(Files.readString(whole), text, "the same states as the end of the input at that point gives");
        assertEquals(Files.readString(wholeEvents), Files.readString(events));
        assertTrue(err.contains("streamed 120 points"), err);
        assertTrue(err.lines().anyMatch(l -> l.startsWith("stream: interrupted (SIGINT or SIGTERM): stopped reading "
                + "the input after line 121 (frame 39)")), err);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith(".")).toList());
        }
    }

    /**
     * A track file replayed at 20 frames/s, stopped by SIGTERM after about a second: the outputs hold the final
     * states of every point replayed by then (as many rows as the summary's points), and the status is 143. Every
     * input track is in the outputs or in the error report (review: the tracks after the last frame replayed were in
     * neither, and the summary said 0 tracks rejected): particle d, which starts at frame 380, is REJECTED, the
     * tracks cut by the stop are MODIFIED, and the summary counts them.
     */
    @ParameterizedTest
    @ValueSource(strings = {"TERM"})
    void aSignalStopsAPacedReplay(String signal) throws Exception {
        Path tracks = dir.resolve("t.csv");
        StringBuilder late = new StringBuilder();
        for (int f = 380; f < 400; f++) {
            late.append("d,").append(f).append(',').append(0.01 * f).append(",0\n");
        }
        Files.writeString(tracks, "particle,frame,x,y\n" + StreamLiveOutputCliTest.rows(0, 400) + late);
        Path out = dir.resolve("s.csv");
        Process p = start("stream", "--model", "rolling-msd", "--in", tracks.toString(), "--out", out.toString(),
                "--lag", "3", "--fps", "20", "--frame-interval", "0.05", "--no-progress");
        try {
            for (int i = 0; i < 600 && rows(out) < 3 * 10 && p.isAlive(); i++) {
                Thread.sleep(50);
            }
            assertTrue(rows(out) >= 30, "the replay writes as it goes: " + Files.readString(dir.resolve("stderr.txt")));
            signal(p, signal);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the replay did not end after SIG" + signal);
        } finally {
            p.destroyForcibly();
        }
        String err = Files.readString(dir.resolve("stderr.txt"), StandardCharsets.UTF_8);
        assertEquals(143, p.exitValue(), err);
        Matcher m = Pattern.compile("streamed (\\d+) points").matcher(err);
        assertTrue(m.find(), err);
        long points = Long.parseLong(m.group(1));
        assertTrue(points > 30 && points < 1200, err);
        assertEquals(points, rows(out), err);
        assertTrue(Files.readString(out).endsWith("\n"));
        assertTrue(err.lines().anyMatch(l -> l.startsWith("stream: interrupted")), err);
        assertTrue(err.contains("1 track rejected, 3 modified"), err);
        List<String> report = Files.readAllLines(dir.resolve("s.csv.errors.csv"));
        assertTrue(report.stream().anyMatch(l -> l.startsWith("d,REJECTED,the replay was interrupted")), report
                .toString());
        for (String id : List.of("a", "b", "c")) {
            assertTrue(report.stream().anyMatch(l -> l.startsWith(id + ",MODIFIED,the replay was interrupted")),
                    report.toString());
        }
    }
}
