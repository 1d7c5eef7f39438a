package org.deepspt.cli;

import static org.deepspt.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.Segmenters;
import org.deepspt.api.Trajectory;
import org.deepspt.io.ReadOptions;
import org.deepspt.io.TrackReaders;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code segment --no-refine}: the command's states are the library's with
 * {@link SegmenterOptions#withRefinedBoundaries(boolean) withRefinedBoundaries(false)}, and by default those with
 * the refinement, on the bundled 2D example, where the two differ on some tracks.
 */
class RefineBoundariesCliTest {
    @TempDir
    Path dir;

    @Test
    void noRefineKeepsTheSmoothedPathsChangePoints() throws Exception {
        Path in = Path.of("../examples/tracks-2d.csv");
        List<Trajectory> tracks = TrackReaders.read(in, ReadOptions.defaults()).trajectories();
        Map<String, int[]> refined = new LinkedHashMap<>();
        Map<String, int[]> kept = new LinkedHashMap<>();
        try (Segmenter on = Segmenters.open("unet", 2, SegmenterOptions.defaults());
                Segmenter off = Segmenters.open("unet", 2, SegmenterOptions.defaults().withRefinedBoundaries(false))) {
            for (Trajectory t : tracks) {
                refined.put(t.id(), on.segment(t).stateIndices());
                kept.put(t.id(), off.segment(t).stateIndices());
            }
        }
        int differ = 0;
        for (String id : refined.keySet()) {
            differ += java.util.Arrays.equals(refined.get(id), kept.get(id)) ? 0 : 1;
        }
        assertTrue(differ > 0, "the refinement moves a change point on some example track");

        Path byDefault = dir.resolve("default.csv");
        Path noRefine = dir.resolve("no-refine.csv");
        CliRun a = run("segment", "--in", in.toString(), "--out", byDefault.toString(), "--no-progress");
        assertEquals(0, a.code(), a.err());
        CliRun b = run("segment", "--in", in.toString(), "--out", noRefine.toString(), "--no-progress",
                "--no-refine");
        assertEquals(0, b.code(), b.err());
        Map<String, int[]> cliDefault = states(byDefault);
        Map<String, int[]> cliNoRefine = states(noRefine);
        for (String id : refined.keySet()) {
            assertArrayEquals(refined.get(id), cliDefault.get(id), "track " + id + " by default");
            assertArrayEquals(kept.get(id), cliNoRefine.get(id), "track " + id + " with --no-refine");
        }
    }

    /** The state column of a segmentation CSV, per particle in row order. */
    private static Map<String, int[]> states(Path csv) throws java.io.IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String> header = List.of(lines.get(0).split(","));
        int particle = header.indexOf("particle");
        int state = header.indexOf("state");
        Map<String, List<Integer>> rows = new LinkedHashMap<>();
        for (String l : lines.subList(1, lines.size())) {
            String[] c = l.split(",");
            rows.computeIfAbsent(c[particle], k -> new ArrayList<>()).add(Integer.parseInt(c[state]));
        }
        Map<String, int[]> out = new LinkedHashMap<>();
        rows.forEach((k, v) -> out.put(k, v.stream().mapToInt(Integer::intValue).toArray()));
        return out;
    }
}
