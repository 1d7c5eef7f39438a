package org.deepspt.cli;

import static org.deepspt.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the user is told about how a file's numbers were read (review with TrackMate/trackpy files): units assumed
 * for want of any in the file and the options, an option that disagrees with the file, a stray z that makes a 2D
 * file 3D, z scaled by the xy pixel size. Each is one {@code warning:} line; the results are those of before.
 */
class InputUnitsCliTest {
    @TempDir
    Path dir;

    /** TrackMate spots CSV: the 4 header rows, then 3 tracks of 40 points; z and t as given per point. */
    private Path trackMateCsv(String name, boolean withT, int strayZ) throws Exception {
        StringBuilder sb = new StringBuilder();
        String t = withT ? ",POSITION_T" : "";
        sb.append("LABEL,ID,TRACK_ID,POSITION_X,POSITION_Y,POSITION_Z").append(t).append(",FRAME\n");
        sb.append("Label,Spot ID,Track ID,X,Y,Z").append(withT ? ",T" : "").append(",Frame\n");
        sb.append("Label,Spot ID,Track ID,X,Y,Z").append(withT ? ",T" : "").append(",Frame\n");
        sb.append(",,,(micron),(micron),(micron)").append(withT ? ",(sec)" : "").append(",\n");
        Random rng = new Random(7);
        int id = 0;
        for (int track = 0; track < 3; track++) {
            double x = 5 * track;
            double y = 0;
            for (int f = 0; f < 40; f++, id++) {
                x += 0.1 * rng.nextGaussian();
                y += 0.1 * rng.nextGaussian();
                double z = id == strayZ ? 0.7 : 0.0;
                sb.append(String.format(Locale.ROOT, "ID%d,%d,%d,%.4f,%.4f,%.1f", id, id, track, x, y, z))
                        .append(withT ? String.format(Locale.ROOT, ",%.2f", 0.05 * f) : "").append(',').append(f)
                        .append('\n');
            }
        }
        return Files.writeString(dir.resolve(name), sb);
    }

    /** trackpy's table: positions in pixels (50–600), no unit, no time. */
    private Path trackpyPx(boolean threeD) throws Exception {
        StringBuilder sb = new StringBuilder(threeD ? "z,y,x,frame,particle\n" : "y,x,frame,particle\n");
        Random rng = new Random(3);
        for (int p = 0; p < 3; p++) {
            double x = 100 + 100 * p;
            double y = 100;
            for (int f = 0; f < 40; f++) {
                x += 2 * rng.nextGaussian();
                y += 2 * rng.nextGaussian();
                sb.append(threeD ? String.format(Locale.ROOT, "%.3f,", 10 + rng.nextGaussian()) : "")
                        .append(String.format(Locale.ROOT, "%.3f,%.3f,%d,%d%n", y, x, f, p));
            }
        }
        return Files.writeString(dir.resolve(threeD ? "trackpy3d_px.csv" : "trackpy_px.csv"), sb);
    }

    private static List<String> warnings(CliRun r) {
        return r.err().lines().filter(l -> l.startsWith("warning:")).toList();
    }

    /** From review: a trackpy CSV in px was read as µm at 1 s per frame with only an info line. */
    @Test
    void unitsAssumedForWantOfAnyAreAWarningAndInTheReport() throws Exception {
        Path in = trackpyPx(false);
        CliRun r = run("analyze", "--model", "rolling-msd", "--in", in.toString(), "--out",
                dir.resolve("an").toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("warning: trackpy_px.csv: units assumed: coordinates taken as µm (the file declares no "
                + "unit; give --pixel-size in µm/px if they are pixels) and frame interval 1 s (the file gives none; "
                + "give --frame-interval in s)"), warnings(r));
        String html = Files.readString(dir.resolve("an/report.html"));
        assertTrue(html.contains("<th>units ASSUMED (in neither the file nor the options)</th><td>coordinates "
                + "taken as µm (the file declares no unit; give --pixel-size in µm/px if they are pixels)"), html);
        CliRun given = run("segment", "--model", "rolling-msd", "--in", in.toString(), "--out",
                dir.resolve("g.csv").toString(), "--pixel-size", "0.1", "--frame-interval", "0.05", "--no-progress");
        assertEquals(0, given.code(), given.err());
        assertEquals(List.of(), warnings(given));
    }

    /** From review: a TrackMate spots CSV with a units row but no T column was read at 1 s per frame silently. */
    @Test
    void aFrameIntervalAssumedAloneIsAWarning() throws Exception {
        Path in = trackMateCsv("spots_noT.csv", false, -1);
        CliRun r = run("segment", "--model", "rolling-msd", "--in", in.toString(), "--out",
                dir.resolve("o.csv").toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("warning: spots_noT.csv: units assumed: frame interval 1 s (the file gives none; give "
                + "--frame-interval in s)"), warnings(r));
    }

    /** From review: one z of 0.7 among zeros switched a 2D file to the 3D model with no word. */
    @Test
    void aStrayZIsAWarningNamingItsPoint() throws Exception {
        Path in = trackMateCsv("mixed_z.csv", true, 45);
        CliRun r = run("segment", "--model", "rolling-msd", "--in", in.toString(), "--out",
                dir.resolve("o.csv").toString(), "--no-progress");
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.readAllLines(dir.resolve("o.csv")).get(0).contains(",z,"), "still read as 3D");
        // 1 of 120 points is 0.83 %: under 1 %
        assertEquals(List.of("warning: mixed_z.csv: read as 3D because 1 of 120 points (0.83 %) has a z other than "
                + "0, the first in track '1' at frame 5 (z 0.7); a 2D file with a stray z is read with the 3D model: "
                + "set those z to 0 (or drop the z column) to read it as 2D"), warnings(r));
    }

    /** From review: --frame-interval replaced the file's timeinterval silently; --pixel-size against µm warned. */
    @Test
    void anOptionAgainstTheFilesValueIsAWarningNamingBoth() throws Exception {
        Path xml = Path.of(getClass().getResource("/bad-input/trackmate_filtered_out.xml").toURI());
        CliRun r = run("segment", "--model", "rolling-msd", "--in", xml.toString(), "--out",
                dir.resolve("o.csv").toString(), "--frame-interval", "0.1", "--pixel-size", "0.2", "--no-progress");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("warning: trackmate_filtered_out.xml: --pixel-size 0.2 µm/px conflicts with the file's "
                + "spatial unit 'micron'; the file's unit is used (--pixel-size applies to pixel coordinates only)",
                "warning: trackmate_filtered_out.xml: --frame-interval 0.1 s conflicts with the file's frame interval "
                + "0.05 s (file timeinterval); --frame-interval is used"), warnings(r));
        assertFalse(r.err().contains("[WARN]"), "one line per conflict, not a log line besides: " + r.err());
        assertTrue(r.err().contains("frame interval 0.100000 s (--frame-interval)"), "the option wins");
        CliRun same = run("segment", "--model", "rolling-msd", "--in", xml.toString(), "--out",
                dir.resolve("s.csv").toString(), "--frame-interval", "0.05", "--no-progress");
        assertEquals(List.of(), warnings(same));
        Path csv = trackMateCsv("spots.csv", true, -1);
        CliRun times = run("segment", "--model", "rolling-msd", "--in", csv.toString(), "--out",
                dir.resolve("t.csv").toString(), "--frame-interval", "0.1", "--no-progress");
        assertEquals(List.of("warning: spots.csv: --frame-interval 0.1 s conflicts with the file's frame interval "
                + "0.05 s (file times); --frame-interval is used"), warnings(times));
    }

    /** From review: --pixel-size scaled z of 3D pixel data by the xy pixel size with no note. */
    @Test
    void aPixelSizeAppliedTo3dSaysZIsScaledByIt() throws Exception {
        Path in = trackpyPx(true);
        CliRun r = run("segment", "--model", "rolling-msd", "--in", in.toString(), "--out",
                dir.resolve("o.csv").toString(), "--pixel-size", "0.1", "--frame-interval", "0.05", "--no-progress");
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("warning: trackpy3d_px.csv: 3D coordinates × --pixel-size 0.1 µm/px: z is scaled by "
                + "the same size as x and y (there is no separate z step); give z in µm, or in units of the xy pixel "
                + "size, if its step differs"), warnings(r));
    }
}
