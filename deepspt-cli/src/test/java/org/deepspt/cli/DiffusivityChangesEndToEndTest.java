package org.deepspt.cli;

import static org.deepspt.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.Segmenters;
import org.deepspt.api.Trajectory;
import org.deepspt.io.TrajectoryCsvWriter;
import org.deepspt.sim.SegmentGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Changes of D within one class through the bundled default model: from the library ({@link Segmenters#open}) and
 * from {@code segment} (segmentation CSV, segments.csv), on by default and off with the option / flag.
 */
class DiffusivityChangesEndToEndTest {
    private static final int N = 400;
    private static final int CUT = 200;

    @TempDir
    Path dir;

    /**
     * Brownian motion, D 0.2 µm²/s for the first 200 points then 0.005 µm²/s (40× slower, transient binding),
     * localisation noise σ = √(0.005 µm²/s · 1 s)/8; the slow part starts at point 200.
     */
    private static Trajectory drop(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[][] axes = new double[2][N];
        SegmentGenerator.normal(0.2, 1.0, new double[2], rng, axes, 1, CUT - 1);
        SegmentGenerator.normal(0.005, 1.0, new double[] {axes[0][CUT - 1], axes[1][CUT - 1]}, rng, axes, CUT,
                N - CUT);
        SegmentGenerator.addNoise(Math.sqrt(0.005) / 8, rng, axes, 0, N);
        return Trajectory.ofAxes("drop", 1.0, axes);
    }

    /** Brownian motion at one D (0.05 µm²/s), the same noise: nothing to split. */
    private static Trajectory steady(long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        double[][] axes = new double[2][N];
        SegmentGenerator.normal(0.05, 1.0, new double[2], rng, axes, 1, N - 1);
        SegmentGenerator.addNoise(Math.sqrt(0.005) / 8, rng, axes, 0, N);
        return Trajectory.ofAxes("steady", 1.0, axes);
    }

    @Test
    void theLibrarySplitsAtTheDropByDefaultAndNotWhenAskedNotTo() {
        Trajectory t = drop(11);
        Trajectory s = steady(12).withId("steady");
        try (Segmenter on = Segmenters.open("unet", 2, SegmenterOptions.defaults());
                Segmenter off = Segmenters.open("unet", 2, SegmenterOptions.defaults().withDiffusivityChanges(false))) {
            Segmentation with = on.segment(t);
            Segmentation without = off.segment(t);
            // the model's states are the same either way; the detector only adds segment starts within a state
            assertArrayEquals(without.stateIndices(), with.stateIndices());
            assertEquals(0, without.splitIndices().length);
            boolean atDrop = false;
            for (int c : with.changePointIndices()) {
                atDrop |= Math.abs(c - CUT) < 10;
            }
            assertTrue(atDrop, "a change point within 10 frames of " + CUT + ": "
                    + java.util.Arrays.toString(with.changePointIndices()) + " (model's own: "
                    + java.util.Arrays.toString(without.changePointIndices()) + ")");
            assertEquals(0, on.segment(s).splitIndices().length, "no D change in a steady track");
        }
    }

    @Test
    void segmentWritesTheSplitsInBothFilesAndNoDChangesTurnsThemOff() throws Exception {
        Path tracks = dir.resolve("tracks.csv");
        try (TrajectoryCsvWriter w = TrajectoryCsvWriter.open(tracks, 2, false)) {
            w.write(drop(11));
        }
        Path seg = dir.resolve("seg.csv");
        Path segments = dir.resolve("segments.csv");
        CliRun r = run("segment", "--in", tracks.toString(), "--out", seg.toString(), "--segments",
                segments.toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        Path segOff = dir.resolve("seg-off.csv");
        Path segmentsOff = dir.resolve("segments-off.csv");
        CliRun off = run("segment", "--in", tracks.toString(), "--out", segOff.toString(), "--segments",
                segmentsOff.toString(), "--no-progress", "--no-d-changes");
        assertEquals(0, off.code(), off.err());

        List<String[]> on = rows(segments);
        List<String[]> without = rows(segmentsOff);
        assertTrue(on.size() > without.size(), on.size() + " segments with, " + without.size() + " without");
        // a segment starts within 10 frames of the drop, and it has the state of the segment before it
        boolean found = false;
        for (int k = 1; k < on.size(); k++) {
            int first = Integer.parseInt(on.get(k)[2]);
            if (Math.abs(first - CUT) < 10) {
                found = true;
            }
        }
        assertTrue(found, "segments.csv has a segment starting near frame " + CUT);
        // the segmentation CSV's segment column steps up exactly at the first frames of segments.csv
        List<String> lines = Files.readAllLines(seg, StandardCharsets.UTF_8);
        int col = List.of(lines.get(0).split(",")).indexOf("segment");
        List<Integer> starts = new ArrayList<>();
        String prev = null;
        for (String l : lines.subList(1, lines.size())) {
            String[] c = l.split(",");
            if (!c[col].equals(prev)) {
                starts.add(Integer.parseInt(c[1]));
                prev = c[col];
            }
        }
        List<Integer> expected = new ArrayList<>();
        for (String[] row : on) {
            expected.add(Integer.parseInt(row[2]));
        }
        assertEquals(expected, starts);
        // every segment of segments.csv (split ones included) has its own estimate from 3 points on
        for (String[] row : on) {
            assertTrue(Integer.parseInt(row[4]) < 3 || (row[12].equals("two_lags")
                    || row[12].equals("alpha_from_state") || row[12].equals("at_bound"))
                    && Double.parseDouble(row[7]) > 0, String.join(",", row));
        }
    }

    private static List<String[]> rows(Path segments) throws java.io.IOException {
        List<String> lines = Files.readAllLines(segments, StandardCharsets.UTF_8);
        List<String[]> out = new ArrayList<>();
        for (String l : lines.subList(1, lines.size())) {
            out.add(l.split(","));
        }
        return out;
    }
}
