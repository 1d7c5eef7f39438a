package org.deepspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --in} names a pipe ({@code --in /dev/stdin} under {@code cat tracks.csv | deepspt ...}, here a FIFO):
 * the input is read once into a copy, so format detection and parsing both see it. Before, the detection
 * consumed the pipe and the parser said "empty file: no header row".
 */
class PipeInputCliTest {

    @TempDir
    Path dir;

    /** @return the run of {@code segment} reading {@code text} through a FIFO */
    private CliRun throughFifo(String text) throws Exception {
        Path fifo = dir.resolve("stdin");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        Assumptions.assumeTrue(p.waitFor() == 0 && Files.exists(fifo), "mkfifo is not available");
        Thread writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(fifo)) {
                out.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (Exception e) {
                // the reader reports what it got
            }
        });
        writer.setDaemon(true);
        writer.start();
        return assertTimeoutPreemptively(Duration.ofSeconds(20), () -> CliRun.run("segment", "--in",
                fifo.toString(), "--out", dir.resolve("seg.csv").toString(), "--model", "rolling-msd"));
    }

    @Test
    void tracksFromAPipeAreSegmented() throws Exception {
        StringBuilder csv = new StringBuilder("x,y,particle,frame\n");
        for (int f = 0; f < 30; f++) {
            csv.append(0.1 * f).append(',').append(Math.sin(f)).append(",a,").append(f).append('\n');
        }
        CliRun r = throughFifo(csv.toString());
        assertEquals(0, r.code(), r.err());
        List<String> rows = Files.readAllLines(dir.resolve("seg.csv"));
        assertEquals(31, rows.size());
    }

    @Test
    void aBadLineInAPipeNamesThePipe() throws Exception {
        CliRun r = throughFifo("x,y,particle,frame\n1,2,a,0\n1,zz,a,1\n");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("deepspt segment: error: " + dir.resolve("stdin") + ", line 3, field 'y': 'zz' "
                + "is not a number"), r.err());
    }

    @Test
    void anEmptyPipeIsCalledEmpty() throws Exception {
        CliRun r = throughFifo("");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("empty file"), r.err());
    }
}
