package org.deepspt.cli;

import static org.deepspt.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code fingerprint} and {@code analyze} write, in {@code msd_fit_status}, the status {@code msd} reports for the same
 * track: short noisy tracks whose α the MSD curve does not determine are {@code undetermined} in all of them (before,
 * the fingerprint read its status from α and D alone and called them {@code ok}).
 */
class FingerprintFitStatusCliTest {

    @TempDir
    Path dir;

    @Test
    void fingerprintAndAnalyzeReportTheMsdStatusOfEveryTrack() throws Exception {
        Path tracks = dir.resolve("short-noisy.csv");
        Files.writeString(tracks, shortNoisyBrownianTracks(40, 20, 5), StandardCharsets.UTF_8);
        Path msd = dir.resolve("msd.csv");
        Path fingerprints = dir.resolve("fp.csv");
        Path analysis = dir.resolve("analysis");
        CliRun m = run("msd", "--in", tracks.toString(), "--frame-interval", "0.01", "--out", msd.toString());
        assertEquals(0, m.code(), m.err());
        CliRun f = run("fingerprint", "--model", "rolling-msd", "--in", tracks.toString(), "--frame-interval", "0.01",
                "--out", fingerprints.toString());
        assertEquals(0, f.code(), f.err());
        CliRun a = run("analyze", "--model", "rolling-msd", "--in", tracks.toString(), "--frame-interval", "0.01",
                "--out", analysis.toString());
        assertEquals(0, a.code(), a.err());

        Map<String, String> expected = statusByParticle(msd);
        assertEquals(40, expected.size());
        long undetermined = expected.values().stream().filter("undetermined"::equals).count();
        long ok = expected.values().stream().filter("ok"::equals).count();
        assertTrue(undetermined >= 5 && ok >= 5, expected.toString());
        assertEquals(expected, statusByParticle(fingerprints));
        assertEquals(expected, statusByParticle(analysis.resolve("fingerprints.csv")));
    }

    /** particle → msd_fit_status of a CSV with a header. */
    private static Map<String, String> statusByParticle(Path csv) throws Exception {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        int column = List.of(lines.get(0).split(",")).indexOf("msd_fit_status");
        assertTrue(column > 0, lines.get(0));
        Map<String, String> status = new HashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] c = l.split(",");
            status.put(c[0], c[column]);
        }
        return status;
    }

    /**
     * 2D Brownian tracks with static localization noise, µm, as a track CSV: D 0.05 µm²/s at Δt 0.01 s (per-axis step
     * SD √(2·D·Δt) ≈ 0.032 µm), σ 0.04 µm, so σ²/(D·Δt) = 3.2, the set of the "undetermined α" rule.
     */
    static String shortNoisyBrownianTracks(int tracks, int points, long seed) {
        Random r = new Random(seed);
        double step = Math.sqrt(2 * 0.05 * 0.01);
        StringBuilder sb = new StringBuilder("particle,frame,x,y\n");
        for (int t = 0; t < tracks; t++) {
            double x = 0;
            double y = 0;
            for (int i = 0; i < points; i++) {
                if (i > 0) {
                    x += step * r.nextGaussian();
                    y += step * r.nextGaussian();
                }
                sb.append(String.format(Locale.ROOT, "%d,%d,%s,%s%n", t, i, x + 0.04 * r.nextGaussian(),
                        y + 0.04 * r.nextGaussian()));
            }
        }
        return sb.toString();
    }
}
