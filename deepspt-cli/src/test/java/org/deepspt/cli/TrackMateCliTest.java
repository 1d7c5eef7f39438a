package org.deepspt.cli;

import static org.deepspt.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TrackMate XML from the command line (issue "Where the users are", item 5): the hand-made
 * {@code io/trackmate_lineage.xml} (a split, a merge, closed gaps, 22 tracked spots) analysed without losing a
 * tracked point, interpolated rows marked, coordinates and spot ids in the segmentation; an uncalibrated file
 * never labelled µm.
 */
class TrackMateCliTest {
    @TempDir
    Path dir;

    private Path copy(String resource) throws IOException {
        Path p = dir.resolve(Path.of(resource).getFileName().toString());
        try (InputStream in = TrackMateCliTest.class.getResourceAsStream("/" + resource)) {
            Files.copy(in, p);
        }
        return p;
    }

    private static List<String[]> rows(Path csv) throws IOException {
        List<String[]> out = new ArrayList<>();
        for (String l : Files.readAllLines(csv)) {
            out.add(l.split(",", -1));
        }
        return out;
    }

    @Test
    void defaultPolicyKeepsEveryTrackedPointAndMarksInterpolatedRows() throws IOException {
        Path xml = copy("io/trackmate_lineage.xml");
        Path out = dir.resolve("seg.csv");
        CliRun r = run("segment", "--model", "rolling-msd", "--in", xml.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        List<String[]> rows = rows(out);
        List<String> header = List.of(rows.get(0));
        assertEquals(List.of("particle", "frame", "state", "p_normal", "p_directed", "p_confined", "p_subdiffusive",
                "reliable", "reason", "segment", "x", "y", "interpolated", "spot_id"), header);
        Set<Long> spots = new TreeSet<>();
        int interpolated = 0;
        for (String[] row : rows.subList(1, rows.size())) {
            if (row[12].equals("1")) {
                interpolated++;
                assertEquals("", row[13], "an interpolated point has no spot");
            } else {
                spots.add(Long.parseLong(row[13]));
            }
            if (row[0].equals("Gap") && row[1].equals("2")) {
                assertEquals("1", row[12]);
                assertEquals(50.2, Double.parseDouble(row[10]), 1e-12);
                assertEquals(5.2, Double.parseDouble(row[11]), 1e-12);
            }
            if (row[0].equals("AB.b") && row[1].equals("3")) {
                assertEquals("110", row[13]);
                assertEquals(12.0, Double.parseDouble(row[10]), 0, "µm, as in the file");
            }
        }
        assertEquals(new TreeSet<>(Set.of(100L, 101L, 102L, 103L, 104L, 106L, 107L, 110L, 111L, 112L, 200L, 201L,
                210L, 211L, 220L, 221L, 222L, 300L, 301L, 302L, 303L, 304L)), spots, "no tracked point lost");
        assertEquals(2, interpolated, "frame 5 of AB.a and frame 2 of Gap");
        String errors = Files.readString(dir.resolve("seg.csv.errors.csv"));
        assertTrue(errors.contains("interpolated 1 missing frame"), errors);
        assertTrue(errors.contains("Out"), errors);

        Path longest = dir.resolve("longest.csv");
        assertEquals(0, run("segment", "--model", "rolling-msd", "--branches", "longest", "--all-tracks", "--in",
                xml.toString(), "--out", longest.toString()).code());
        Set<String> ids = new TreeSet<>();
        rows(longest).subList(1, rows(longest).size()).forEach(row -> ids.add(row[0]));
        assertEquals(Set.of("AB", "M", "Gap"), ids, "Out has 3 points, under the minimum of rolling-msd");
        assertTrue(Files.readString(dir.resolve("longest.csv.errors.csv")).contains("read as asked"));
    }

    @Test
    void uncalibratedFileIsNamedSoAndNeverLabelledMicrometres() throws IOException {
        String xml = Files.readString(copy("io/trackmate_lineage.xml"))
                .replace("spatialunits=\"micron\"", "spatialunits=\"pixel\"")
                .replace("pixelwidth=\"0.1\" pixelheight=\"0.1\"", "pixelwidth=\"1.0\" pixelheight=\"1.0\"");
        Path px = dir.resolve("uncalibrated.xml");
        Files.writeString(px, xml);
        Path out = dir.resolve("a");
        CliRun r = run("analyze", "--model", "rolling-msd", "--in", px.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("analyze: uncalibrated.xml: coordinates: pixels, uncalibrated"), r.err());
        assertTrue(r.err().lines().anyMatch(l -> l.startsWith("warning: uncalibrated.xml: uncalibrated file")),
                r.err());
        String html = Files.readString(out.resolve("report.html"));
        assertFalse(html.contains("µm"), "an uncalibrated report never says µm");
        assertTrue(html.contains("px²/s"), "D in px²/s");
        CliRun given = run("msd", "--pixel-size", "0.1", "--in", px.toString(), "--out",
                dir.resolve("m.csv").toString());
        assertEquals(0, given.code(), given.err());
        assertFalse(given.err().contains("warning:"), given.err());
        assertTrue(given.err().contains("pixels × 0.1 µm/px (--pixel-size)"), given.err());
    }
}
