package org.deepspt.cli;

import static org.deepspt.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hardening issue, "errors in the CLI's terms": summary lines with elapsed time and rates, a loud line when every
 * track was rejected, case-insensitive choices, help texts that match behaviour, the class legend of evaluate.
 */
class FirstHourCliTest {
    private static final Pattern RATE = Pattern.compile(
            "; in \\d+\\.\\d s \\([\\d,]+ tracks/s(, [\\d,]+ points/s)?\\)$");

    @TempDir
    Path dir;

    private Path simulated() {
        Path in = dir.resolve("tracks.csv");
        assertEquals(0, run("simulate", "--tracks", "4", "--length", "40", "--seed", "3", "--out", in.toString())
                .code());
        return in;
    }

    private static String lineStarting(String text, String prefix) {
        return text.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + text));
    }

    @Test
    void summaryLinesGiveElapsedTimeAndRatesAlsoWithoutATerminal() {
        Path in = simulated();
        CliRun s = run("segment", "--model", "rolling-msd", "--in", in.toString(), "--out",
                dir.resolve("s.csv").toString());
        assertEquals(0, s.code(), s.err());
        String line = lineStarting(s.err(), "segmented 4 tracks (160 points)");
        assertTrue(RATE.matcher(line).find() && line.contains("points/s"), line);
        CliRun f = run("fingerprint", "--model", "rolling-msd", "--in", in.toString(), "--out",
                dir.resolve("f.csv").toString());
        assertEquals(0, f.code(), f.err());
        assertTrue(RATE.matcher(lineStarting(f.err(), "fingerprinted 4 tracks")).find(), f.err());
        CliRun a = run("analyze", "--model", "rolling-msd", "--in", in.toString(), "--out",
                dir.resolve("a").toString());
        assertEquals(0, a.code(), a.err());
        assertTrue(RATE.matcher(lineStarting(a.err(), "analysed 4 tracks")).find(), a.err());
        CliRun m = run("msd", "--in", in.toString(), "--out", dir.resolve("m.csv").toString());
        assertEquals(0, m.code(), m.err());
        assertTrue(RATE.matcher(lineStarting(m.err(), "fitted 4 tracks")).find(), m.err());
        String version = run("--version").out().strip();
        assertTrue(version.matches("deepspt \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?"), version);
    }

    @Test
    void aRunThatRejectsEveryTrackSaysSoLoudlyAndNamesTheReport() throws Exception {
        Path in = dir.resolve("short.csv");
        Files.writeString(in, "particle,frame,x,y\n1,0,0.0,0.0\n1,1,0.1,0.1\n2,0,1.0,1.0\n2,1,1.2,1.1\n");
        Path out = dir.resolve("o.csv");
        CliRun r = run("segment", "--model", "rolling-msd", "--in", in.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        String warning = lineStarting(r.err(), "warning: no track segmented: all 2 tracks were rejected");
        assertTrue(warning.endsWith("the reasons are in " + out + ".errors.csv"), warning);
        assertTrue(Files.readString(Path.of(out + ".errors.csv")).contains("REJECTED"));
        CliRun ok = run("segment", "--model", "rolling-msd", "--in", simulated().toString(), "--out",
                dir.resolve("ok.csv").toString());
        assertFalse(ok.err().contains("warning: no track"), ok.err());
    }

    @Test
    void choicesAreCaseInsensitive() {
        Path in = simulated();
        for (String[] c : new String[][] {{"--gaps", "split"}, {"--gaps", "Interpolate"},
                {"--non-finite", "drop_track"}, {"--backend", "JVM"}}) {
            CliRun r = run("segment", "--model", "rolling-msd", c[0], c[1], "--in", in.toString(), "--out",
                    dir.resolve("c.csv").toString());
            assertEquals(0, r.code(), String.join(" ", c) + ": " + r.err());
        }
        CliRun bad = run("segment", "--gaps", "sideways", "--in", in.toString(), "--out",
                dir.resolve("c.csv").toString());
        assertEquals(2, bad.code(), bad.err());
    }

    @Test
    void helpTextsMatchBehaviour() {
        String export = run("export-training", "--help").out();
        assertFalse(export.contains("<dim>") || export.contains("<tracks>") || export.contains("<seed>"), export);
        assertTrue(export.contains("--dim=DIM") && export.contains("--tracks=N") && export.contains("--out=DIR"),
                export);
        String classify = run("classify", "--help").out();
        assertFalse(classify.contains("rolling-MSD baseline"), classify);
        assertTrue(classify.contains("--classifier=MODEL.json") && classify.contains("--model=NAME"), classify);
        assertFalse(classify.contains("--segmenter"), "the deprecated spelling is hidden: " + classify);
        String train = run("train-classifier", "--help").out().replaceAll("\\s+", " ");
        assertTrue(train.contains("the fingerprint's 43 without n_points, total_step_length and speed"), train);
    }

    @Test
    void theProgressBarShowsRateAndTimeLeft() {
        StringWriter sw = new StringWriter();
        try (Progress p = new Progress(new PrintWriter(sw), "segment", 3, true)) {
            p.step();                                   // the first step draws
            String first = sw.toString();
            assertTrue(Pattern.compile("segment \\[#{10}\\.{20}\\] 1/3 \\d+\\.\\d s, [\\d,]+/s, ~\\d+ s left")
                    .matcher(first).find(), first);
            p.step();
            p.step();                                   // the last step draws, without time left
        }
        String last = sw.toString().substring(sw.toString().lastIndexOf('\r'));
        assertTrue(last.contains("3/3") && last.contains("/s") && !last.contains("left"), last);
    }

    @Test
    void evaluateExplainsTheClassAbbreviations() {
        Path in = simulated();
        Path seg = dir.resolve("s.csv");
        assertEquals(0, run("segment", "--model", "rolling-msd", "--in", in.toString(), "--out", seg.toString())
                .code());
        CliRun r = run("evaluate", "--truth", in.toString(), "--pred", seg.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("Classes: ND normal (Brownian), DM directed motion, CD confined diffusion, "
                + "SD subdiffusive"), r.out());
    }
}
