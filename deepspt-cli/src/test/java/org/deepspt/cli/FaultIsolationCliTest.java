package org.deepspt.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hardening issue, "what held": faulting 2 % of the tracks of a file (a non-finite coordinate, a 2-point track)
 * leaves the output rows of every untouched track byte-identical, with the bundled neural ensemble; the faulted
 * tracks are in the error report.
 */
class FaultIsolationCliTest {
    @TempDir
    Path dir;

    /** @return output rows per particle id, in file order */
    private static Map<String, List<String>> rowsByTrack(Path csv) throws Exception {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            rows.computeIfAbsent(line.substring(0, line.indexOf(',')), k -> new ArrayList<>()).add(line);
        }
        return rows;
    }

    @Test
    void untouchedTracksKeepByteIdenticalRowsWhenOthersAreFaulted() throws Exception {
        Path clean = dir.resolve("clean.csv");
        assertEquals(0, CliRun.run("simulate", "--tracks", "200", "--seed", "7", "--out", clean.toString()).code());
        List<String> lines = Files.readAllLines(clean);
        String[] header = lines.get(0).split(",");
        int particle = List.of(header).indexOf("particle");
        int x = List.of(header).indexOf("x");
        Set<String> nanTracks = Set.of("3", "77", "150");
        Set<String> shortTracks = Set.of("42");
        List<String> faulted = new ArrayList<>(List.of(lines.get(0)));
        Map<String, Integer> kept = new LinkedHashMap<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            String id = f[particle];
            if (shortTracks.contains(id) && kept.merge(id, 1, Integer::sum) > 2) {
                continue;                                   // track 42 keeps 2 points: too short
            }
            if (nanTracks.contains(id) && kept.merge(id, 1, Integer::sum) == 5) {
                f[x] = "NaN";                               // one non-finite coordinate
            }
            faulted.add(String.join(",", f));
        }
        Path bad = dir.resolve("faulted.csv");
        Files.write(bad, faulted);

        Path outClean = dir.resolve("clean-seg.csv");
        Path outBad = dir.resolve("faulted-seg.csv");
        assertEquals(0, CliRun.run("segment", "--threads", "2", "--no-progress", "--in", clean.toString(), "--out",
                outClean.toString()).code());
        assertEquals(0, CliRun.run("segment", "--threads", "2", "--no-progress", "--non-finite", "DROP_TRACK", "--in",
                bad.toString(), "--out", outBad.toString()).code());
        Map<String, List<String>> a = rowsByTrack(outClean);
        Map<String, List<String>> b = rowsByTrack(outBad);
        assertEquals(200, a.size());
        int compared = 0;
        for (Map.Entry<String, List<String>> e : a.entrySet()) {
            if (nanTracks.contains(e.getKey()) || shortTracks.contains(e.getKey())) {
                assertTrue(!b.containsKey(e.getKey()), "faulted track " + e.getKey() + " is not in the output");
                continue;
            }
            assertEquals(e.getValue(), b.get(e.getKey()), "rows of untouched track " + e.getKey());
            compared++;
        }
        assertEquals(196, compared);
        String report = Files.readString(Path.of(outBad + ".errors.csv"));
        for (String id : List.of("3", "77", "150", "42")) {
            assertTrue(report.lines().anyMatch(l -> l.startsWith(id + ",REJECTED,")), id + " in\n" + report);
        }
    }
}
