package org.deepspt.cli;

import static org.deepspt.cli.CliRun.run;
import static org.deepspt.cli.CliRun.withStdin;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code deepspt stream} writes its outputs while it runs (review: they went through hidden temporary files renamed
 * at the end, so an acquisition program saw no state until the run ended, and an older output meanwhile): the
 * outputs replace an existing file when the stream starts, header first, and hold whole rows at every moment.
 */
class StreamLiveOutputCliTest {
    private static final String HEADER = "particle,frame,x,y\n";
    private static final String STATES_HEADER =
            "particle,track,frame,state,p_normal,p_directed,p_confined,p_subdiffusive";

    @TempDir
    Path dir;

    /** Standard input fed by the test, chunk by chunk, until {@link #end()}. */
    static final class FedInput extends InputStream {
        private static final byte[] END = new byte[0];
        private final BlockingQueue<byte[]> chunks = new LinkedBlockingQueue<>();
        private byte[] current = new byte[0];
        private int pos;
        private boolean ended;

        void send(String text) {
            chunks.add(text.getBytes(StandardCharsets.UTF_8));
        }

        void end() {
            chunks.add(END);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            while (pos == current.length) {
                if (ended) {
                    return -1;
                }
                try {
                    current = chunks.take();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException();
                }
                pos = 0;
                if (current == END) {
                    ended = true;
                    return -1;
                }
            }
            int n = Math.min(len, current.length - pos);
            System.arraycopy(current, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    /** @return rows of particles a, b, c (Brownian, fixed seed) for frames {@code from .. to - 1} */
    static String rows(int from, int to) {
        Random random = new Random(11);
        double[][] at = new double[3][2];
        StringBuilder sb = new StringBuilder();
        for (int f = 0; f < to; f++) {
            for (int p = 0; p < 3; p++) {
                at[p][0] += 0.1 * random.nextGaussian();
                at[p][1] += 0.1 * random.nextGaussian();
                if (f >= from) {
                    sb.append("abc".charAt(p)).append(',').append(f).append(',')
                            .append(String.format(Locale.ROOT, "%.4f,%.4f", at[p][0], at[p][1])).append('\n');
                }
            }
        }
        return sb.toString();
    }

    /** @return the file's text, asserting that it is whole rows of {@code columns} fields after {@code header} */
    private static List<String> wholeRows(Path file, String header, int columns) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(text.endsWith("\n"), "a row cut off: " + text.substring(Math.max(0, text.length() - 80)));
        List<String> lines = text.lines().toList();
        assertEquals(header, lines.get(0));
        for (String l : lines.subList(1, lines.size())) {
            assertEquals(columns, l.split(",", -1).length, l);
        }
        return lines.subList(1, lines.size());
    }

    private static void waitFor(java.util.function.BooleanSupplier condition, String what) throws Exception {
        for (int i = 0; i < 400 && !condition.getAsBoolean(); i++) {
            Thread.sleep(25);
        }
        assertTrue(condition.getAsBoolean(), what);
    }

    /**
     * While standard input is still open, the states and events final so far are in the outputs, as whole rows
     * after the header, and an older output was replaced when the stream started; at the end the files are what
     * a run on the whole input at once writes.
     */
    @Test
    void theOutputsHoldTheFinalStatesWhileTheStreamRuns() throws Exception {
        Path out = dir.resolve("s.csv");
        Path events = dir.resolve("e.csv");
        Files.writeString(out, "previous run\n");
        FedInput in = new FedInput();
        InputStream saved = System.in;
        System.setIn(in);
        CliRun[] result = new CliRun[1];
        Thread t = new Thread(() -> result[0] = run("stream", "--model", "rolling-msd", "--in", "-", "--out",
                out.toString(), "--events", events.toString(), "--lag", "3", "--min-dwell", "1", "--no-progress"));
        try {
            t.start();
            in.send(HEADER);
            waitFor(() -> {
                try {
                    return Files.readString(out).startsWith(STATES_HEADER);
                } catch (IOException e) {
                    return false;
                }
            }, "the older output was not replaced when the stream started");
            // 40 frames, then the input stays open: frame 39 is being read, 0..38 are complete, 0..35 final (lag 3)
            in.send(rows(0, 40));
            waitFor(() -> {
                try {
                    return Files.readAllLines(out).size() == 1 + 3 * 36;
                } catch (IOException e) {
                    return false;
                }
            }, "the states final so far are not in the output while the stream runs");
            assertTrue(t.isAlive(), "the stream waits for more input");
            List<String> states = wholeRows(out, STATES_HEADER, 8);
            assertEquals(3 * 36, states.size());
            assertTrue(states.stream().allMatch(l -> Integer.parseInt(l.split(",")[2]) <= 35), states.toString());
            wholeRows(events, "particle,track,frame,from,to,confidence", 6);
            try (Stream<Path> files = Files.list(dir)) {
                assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith(".")).toList(),
                        "no hidden temporary file while the stream runs");
            }
            in.send(rows(40, 60));
            in.end();
            t.join(30_000);
        } finally {
            System.setIn(saved);
        }
        assertFalse(t.isAlive());
        assertEquals(0, result[0].code(), result[0].err());
        Path whole = dir.resolve("whole.csv");
        Path wholeEvents = dir.resolve("whole-e.csv");
        CliRun once = withStdin(HEADER + rows(0, 60), "stream", "--model", "rolling-msd", "--in", "-", "--out",
                whole.toString(), "--events", wholeEvents.toString(), "--lag", "3", "--min-dwell", "1",
                "--no-progress");
        assertEquals(0, once.code(), once.err());
        assertEquals(Files.readString(whole), Files.readString(out));
        assertEquals(Files.readString(wholeEvents), Files.readString(events));
        assertEquals(181, Files.readAllLines(out).size());
    }

    /**
     * {@code --out -} writes the states to standard output (review: it created files named {@code -} and
     * {@code -.errors.csv}); the summary stays on stderr, the error report is written only where --errors names it,
     * and no other output may be {@code -}.
     */
    @Test
    void outDashWritesTheStatesToStandardOutput() throws Exception {
        Path cwdDash = Path.of("-");
        Path cwdReport = Path.of("-.errors.csv");
        String input = HEADER + rows(0, 30);
        CliRun r = withStdin(input, "stream", "--model", "rolling-msd", "--in", "-", "--out", "-", "--lag", "3",
                "--no-progress");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(STATES_HEADER, lines.get(0));
        assertEquals(91, lines.size(), r.out());
        assertTrue(r.err().contains("-> (standard output)") && !r.err().contains(STATES_HEADER), r.err());
        assertFalse(Files.exists(cwdDash), "a file named -");
        assertFalse(Files.exists(cwdReport), "a file named -.errors.csv");

        Path report = dir.resolve("report.csv");
        CliRun withReport = withStdin(input, "stream", "--model", "rolling-msd", "--in", "-", "--out", "-",
                "--lag", "3", "--errors", report.toString(), "--no-progress");
        assertEquals(0, withReport.code(), withReport.err());
        assertEquals(r.out(), withReport.out());
        assertEquals("particle,kind,detail", Files.readAllLines(report).get(0));

        for (String option : List.of("--events", "--errors")) {
            CliRun dash = withStdin(input, "stream", "--model", "rolling-msd", "--in", "-", "--out",
                    dir.resolve("o.csv").toString(), option, "-", "--no-progress");
            assertEquals(2, dash.code(), dash.err());
            assertTrue(dash.err().contains(option + " -"), dash.err());
        }
        assertFalse(Files.exists(cwdDash));
    }

    /**
     * A write of the outputs that fails (here standard output, as a consumer of {@code --out -} that exits) stops
     * the stream at once, as a signal does (review: it kept reading and computing until the end of the input,
     * discarding every row, and said so only then): with standard input still open, the run ends with exit status
     * 1 and one error line naming the output and what was written.
     */
    @Test
    void aFailedWriteStopsTheStreamWithoutWaitingForTheEndOfTheInput() throws Exception {
        java.io.Writer closedPipe = new java.io.Writer() {
            private int written;

            @Override
            public void write(char[] chars, int off, int len) throws IOException {
                written += len;
                if (written > 2000) {
                    throw new IOException("Broken pipe");
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        FedInput in = new FedInput();
        InputStream saved = System.in;
        System.setIn(in);
        java.io.StringWriter err = new java.io.StringWriter();
        java.util.concurrent.ExecutorService runner = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<Integer> run = runner.submit(() -> Main.run(new String[] {"stream", "--model",
                    "rolling-msd", "--in", "-", "--out", "-", "--lag", "3", "--no-progress"},
                    new java.io.PrintWriter(closedPipe), new java.io.PrintWriter(err)));
            in.send(HEADER + rows(0, 200));   // standard input stays open
            int code = run.get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(1, code, err.toString());
            List<String> lines = err.toString().lines().toList();
            assertEquals(1, lines.size(), err.toString());
            assertTrue(lines.get(0).startsWith("deepspt stream: error: cannot write (standard output): ")
                    && lines.get(0).contains("final states)"), lines.get(0));
        } finally {
            in.end();
            System.setIn(saved);
            runner.shutdownNow();
        }
    }
}
