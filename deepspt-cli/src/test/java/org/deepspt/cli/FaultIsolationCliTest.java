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

    /**
     * When the reader rejects every track (here all five have a NaN and --non-finite DROP_TRACK), the command fails
     * but every track is still accounted for: the error report lists all five with their reasons (before, only the
     * message named three and no report was written).
     */
    @Test
    void whenNoTrackCanBeReadEveryTrackIsInTheErrorReport() throws Exception {
        StringBuilder csv = new StringBuilder("x,y,particle,frame\n");
        for (int p = 1; p <= 5; p++) {
            for (int f = 0; f < 3; f++) {
                csv.append("nan,1,").append(p).append(',').append(f).append('\n');
            }
        }
        Path in = Files.writeString(dir.resolve("allbad.csv"), csv);
        for (String command : new String[] {"segment", "fingerprint", "msd"}) {
            Path out = dir.resolve(command + ".csv");
            List<String> args = new ArrayList<>(List.of(command, "--in", in.toString(), "--out", out.toString(),
                    "--non-finite", "DROP_TRACK", "--no-progress"));
            if (!command.equals("msd")) {
                args.addAll(List.of("--model", "rolling-msd"));
            }
            CliRun r = CliRun.run(args.toArray(String[]::new));
            assertEquals(1, r.code(), command + ": " + r.err());
            Path report = dir.resolve(command + ".csv.errors.csv");
            assertTrue(r.err().contains("no track could be read") && r.err().contains("the reasons of all 5 are in"),
                    r.err());
            List<String> rows = Files.readAllLines(report);
            assertEquals(6, rows.size(), command + ": " + rows);
            for (int p = 1; p <= 5; p++) {
                String id = Integer.toString(p);
                assertTrue(rows.stream().anyMatch(l -> l.startsWith(id + ",REJECTED,non-finite x")), rows.toString());
            }
            assertTrue(!Files.exists(out), "no output without a track");
        }
    }

    /** The summary counts input tracks: three tracks split at a gap into six pieces are three modified tracks. */
    @Test
    void theSummaryCountsTracksNotReportEntries() throws Exception {
        StringBuilder csv = new StringBuilder("x,y,particle,frame\n");
        for (int p = 1; p <= 3; p++) {
            for (int f = 0; f < 45; f++) {
                if (f < 20 || f >= 25) {
                    csv.append(0.1 * f).append(',').append(0.05 * p).append(',').append(p).append(',').append(f)
                            .append('\n');
                }
            }
        }
        Path in = Files.writeString(dir.resolve("gaps.csv"), csv);
        CliRun r = CliRun.run("segment", "--in", in.toString(), "--out", dir.resolve("o.csv").toString(), "--model",
                "rolling-msd", "--no-progress");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("segmented 6 tracks") && r.err().contains("0 tracks rejected, 3 modified (6 report "
                + "entries)"), r.err());
        assertEquals(7, Files.readAllLines(dir.resolve("o.csv.errors.csv")).size());
    }
}
