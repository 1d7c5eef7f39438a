package org.deepspt.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams a 5,000,000-row trackpy-style CSV (rows in frame order, so all 100,000 tracks are interleaved,
 * with the usual extra columns) and checks the heap retained after reading is close to the primitive payload
 * of the result (frames int + x, y double = 20 bytes per point) and far below the file held as a String.
 */
@Tag("slow")
class LargeFileMemoryTest {
    private static final Logger LOG = LoggerFactory.getLogger(LargeFileMemoryTest.class);
    private static final int TRACKS = 100_000;
    private static final int FRAMES = 50;

    @TempDir
    Path dir;

    @Test
    void fiveMillionRowsStayBounded() throws IOException {
        Path file = dir.resolve("big.csv");
        SplittableRandom rnd = new SplittableRandom(1);
        try (BufferedWriter w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write(",y,x,mass,size,ecc,signal,raw_mass,ep,frame,particle\n");
            long row = 0;
            StringBuilder sb = new StringBuilder(128);
            for (int f = 0; f < FRAMES; f++) {
                for (int p = 0; p < TRACKS; p++) {
                    sb.setLength(0);
                    sb.append(row++).append(',').append(round(rnd.nextDouble() * 512, 1e6)).append(',')
                            .append(round(rnd.nextDouble() * 512, 1e6)).append(',')
                            .append(round(1000 + rnd.nextDouble() * 500, 1e4)).append(',')
                            .append(round(1.5 + rnd.nextDouble(), 1e4)).append(',')
                            .append(round(rnd.nextDouble() * 0.3, 1e4)).append(',')
                            .append(round(rnd.nextDouble() * 50, 1e4)).append(',')
                            .append(round(20000 + rnd.nextDouble() * 1000, 10)).append(',')
                            .append(round(rnd.nextDouble() * 0.1, 1e5)).append(',').append(f).append(',').append(p)
                            .append('\n');
                    w.append(sb);
                }
            }
        }
        long fileBytes = Files.size(file);
        long rows = (long) TRACKS * FRAMES;
        MemoryMXBean mem = ManagementFactory.getMemoryMXBean();
        long before = usedAfterGc(mem);
        long start = System.nanoTime();
        ReadResult r = TrackReaders.read(file, ReadOptions.builder().pixelSize(0.16).frameInterval(0.03).build());
        double seconds = (System.nanoTime() - start) / 1e9;
        long retained = usedAfterGc(mem) - before;
        List<Trajectory> tracks = r.trajectories();
        assertEquals(TRACKS, tracks.size());
        assertEquals(FRAMES, tracks.get(TRACKS - 1).size());
        assertEquals("0", tracks.get(0).id());
        long payload = rows * (4 + 2 * 8);
        long limit = (long) (1.6 * payload);
        LOG.info("{} rows, file {} MB, read in {} s, retained {} MB (payload {} MB, limit {} MB)", rows,
                fileBytes >> 20, String.format(Locale.ROOT, "%.1f", seconds), retained >> 20, payload >> 20,
                limit >> 20);
        assertTrue(fileBytes > 2 * limit, "the file as a String would be " + (fileBytes >> 20) + " MB");
        assertTrue(retained < limit, "retained " + (retained >> 20) + " MB > limit " + (limit >> 20) + " MB");
    }

    private static double round(double v, double scale) {
        return Math.round(v * scale) / scale;
    }

    private static long usedAfterGc(MemoryMXBean mem) {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return mem.getHeapMemoryUsage().getUsed();
    }
}
