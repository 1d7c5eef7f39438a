package org.deepspt.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.Trajectory;
import org.deepspt.fingerprint.FingerprintContext;
import org.deepspt.fingerprint.FingerprintFeature;
import org.deepspt.msd.MsdFitter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FingerprintCsvTest {

    @TempDir
    Path dir;

    @Test
    void roundTripIncludingNaNAndQuotedIds() throws Exception {
        List<String> names = List.of("alpha", "diffusion_coefficient");
        List<Fingerprint> fps = List.of(Fingerprint.of("a,1", names, new double[] {0.1, Double.NaN}),
                Fingerprint.of("b", names, new double[] {1e-300, -0.0}));
        Path f = dir.resolve("fp.csv");
        FingerprintCsv.write(f, fps);
        List<String> lines = Files.readAllLines(f);
        assertEquals("particle,alpha,diffusion_coefficient,msd_fit_at_bound,msd_fit_status", lines.get(0));
        // α without D: a fit would give both; the status is read from the values (α 0.1 is not on a bound)
        assertEquals("\"a,1\",0.1,NaN,none,ok", lines.get(1));
        assertEquals("b,1.0E-300,-0.0,D+alpha,at_bound", lines.get(2));
        assertTrue(FingerprintCsv.isFingerprintCsv(f));
        assertEquals(fps, FingerprintCsv.read(f));
    }

    @Test
    void msdFitBoundColumnFlagsFitsOnABoundAndKeepsTheFeatureColumns() throws Exception {
        List<String> names = List.of("alpha", "diffusion_coefficient", "efficiency");
        List<Fingerprint> fps = List.of(
                Fingerprint.of("free", names, new double[] {0.98, 0.1, 0.2}),
                Fingerprint.of("stuck", names, new double[] {1.3, 1e-9, 0.2}),
                Fingerprint.of("confined", names, new double[] {1e-4, 0.004, 0.2}),
                Fingerprint.of("both", names, new double[] {1e-4 + 1e-12, 1e-9, 0.2}),
                Fingerprint.of("steep", names, new double[] {10, 3.0, 0.2}),
                Fingerprint.of("short", names, new double[] {Double.NaN, Double.NaN, Double.NaN}));
        Path f = dir.resolve("fp.csv");
        FingerprintCsv.write(f, fps);
        List<String> lines = Files.readAllLines(f);
        assertEquals("particle,alpha,diffusion_coefficient,efficiency,msd_fit_at_bound,msd_fit_status", lines.get(0));
        List<String> flags = lines.subList(1, lines.size()).stream().map(l -> l.split(",")[4]).toList();
        assertEquals(List.of("none", "D", "alpha", "D+alpha", "alpha", "none"), flags);
        List<String> statuses = lines.subList(1, lines.size()).stream().map(l -> l.split(",")[5]).toList();
        assertEquals(List.of("ok", "at_bound", "at_bound", "at_bound", "at_bound", "too_few_lags"), statuses);
        // the values themselves are unchanged; the flag is read and checked, not made a feature
        assertEquals(fps, FingerprintCsv.read(f));
        assertEquals(names, FingerprintCsv.read(f).get(0).names());
        // another fitter's bounds
        MsdFitter wide = MsdFitter.builder().minDiffusionCoefficient(1e-12).alphaBounds(0, 12).build();
        StringWriter out = new StringWriter();
        try (FingerprintCsvWriter w = FingerprintCsvWriter.open(out, names)) {
            w.write(fps.get(1));
        }
        assertTrue(out.toString().endsWith(",D,at_bound\n"), out.toString());
        Path g = dir.resolve("wide.csv");
        try (FingerprintCsvWriter w = FingerprintCsvWriter.open(g, names, wide)) {
            w.write(fps.get(1));
        }
        assertTrue(Files.readString(g).endsWith(",none,ok\n"), Files.readString(g));
        // without α and D there is no flag column
        Path h = dir.resolve("eff.csv");
        FingerprintCsv.write(h, List.of(Fingerprint.of("x", List.of("efficiency"), new double[] {0.5})));
        assertEquals("particle,efficiency", Files.readAllLines(h).get(0));
    }

    /**
     * A status computed once by the caller (analyze passes the same one to report.html) is written as given, not
     * fitted again: not_converged, which the values alone cannot tell; a table without α and D ignores it.
     */
    @Test
    void statusGivenByTheCallerIsWrittenAsGiven() throws Exception {
        List<String> names = List.of("alpha", "diffusion_coefficient");
        StringWriter out = new StringWriter();
        try (FingerprintCsvWriter w = FingerprintCsvWriter.open(out, names)) {
            w.write(Fingerprint.of("t", names, new double[] {0.98, 0.1}), org.deepspt.api.FitStatus.NOT_CONVERGED);
        }
        assertEquals("t,0.98,0.1,none,not_converged", out.toString().split("\n")[1]);
        StringWriter eff = new StringWriter();
        try (FingerprintCsvWriter w = FingerprintCsvWriter.open(eff, List.of("efficiency"))) {
            w.write(Fingerprint.of("t", List.of("efficiency"), new double[] {0.5}), org.deepspt.api.FitStatus.OK);
        }
        assertEquals("particle,efficiency\nt,0.5\n", eff.toString());
    }

    @Test
    void msdFitBoundColumnIsCheckedOnRead() throws Exception {
        String header = "particle,alpha,msd_fit_at_bound\n";
        List<Fingerprint> ok = FingerprintCsv.read(new StringReader(header + "1,0.5,none\n2,1e-4,D+alpha\n"), "x");
        assertEquals(List.of("alpha"), ok.get(1).names());
        assertEquals(1e-4, ok.get(1).value("alpha"));
        InputFormatException bad = assertThrows(InputFormatException.class, () -> FingerprintCsv.read(
                new StringReader(header + "1,0.5,none\n2,0.5,maybe\n"), "fp.csv"));
        assertEquals(3, bad.line());
        assertEquals("msd_fit_at_bound", bad.field().orElseThrow());
        assertThrows(InputFormatException.class, () -> FingerprintCsv.read(
                new StringReader("particle,msd_fit_at_bound\n1,none\n"), "fp.csv"));
        Path f = Files.writeString(dir.resolve("h.csv"), header + "1,0.5,none\n");
        assertTrue(FingerprintCsv.isFingerprintCsv(f));
        Path onlyFlag = Files.writeString(dir.resolve("o.csv"), "particle,msd_fit_at_bound\n1,none\n");
        assertFalse(FingerprintCsv.isFingerprintCsv(onlyFlag));
        // the status column is checked the same way
        String withStatus = "particle,alpha,msd_fit_at_bound,msd_fit_status\n";
        assertEquals(1, FingerprintCsv.read(new StringReader(withStatus + "1,NaN,none,too_few_lags\n"), "x").size());
        InputFormatException badStatus = assertThrows(InputFormatException.class, () -> FingerprintCsv.read(
                new StringReader(withStatus + "1,0.5,none,fine\n"), "fp.csv"));
        assertEquals("msd_fit_status", badStatus.field().orElseThrow());
        assertTrue(FingerprintCsv.isFingerprintCsv(Files.writeString(dir.resolve("s.csv"), withStatus
                + "1,0.5,none,ok\n")));
    }

    @Test
    void detectsOnlyFingerprintHeaders() throws Exception {
        Path tracks = dir.resolve("t.csv");
        Files.writeString(tracks, "particle,frame,x,y\n1,0,0.0,0.0\n");
        assertFalse(FingerprintCsv.isFingerprintCsv(tracks));
    }

    /**
     * Review: a fingerprint table with one unknown column (a misspelt {@code alpah}, a metadata column
     * {@code condition}) was taken for a track file ("cannot detect the format … expected x/y/particle/frame").
     * With most feature names and no x/y/frame it is a fingerprint table, and reading names the column.
     */
    @Test
    void oneUnknownColumnKeepsAFingerprintTableAndIsNamed() throws Exception {
        List<String> all = org.deepspt.fingerprint.FingerprintFeature.allNames();
        List<String> typo = new java.util.ArrayList<>(all);
        typo.set(0, "alpah");
        List<String> extra = new java.util.ArrayList<>(all);
        extra.add("condition");
        for (List<String> names : List.of(typo, extra)) {
            String header = "particle," + String.join(",", names);
            String row = "1" + ",0.5".repeat(names.size());
            Path f = Files.writeString(dir.resolve("u.csv"), header + "\n" + row + "\n");
            assertTrue(FingerprintCsv.isFingerprintCsv(f), header);
            InputFormatException e = assertThrows(InputFormatException.class, () -> FingerprintCsv.readTable(f));
            String bad = names == typo ? "alpah" : "condition";
            assertEquals(bad, e.field().orElseThrow());
            assertEquals(1, e.line());
            assertTrue(e.getMessage().contains("not a fingerprint feature name"), e.getMessage());
            assertEquals(names == typo, e.getMessage().contains("(did you mean 'alpha'?)"), e.getMessage());
        }
        // the 31 track features with one unknown column: still a fingerprint table (a majority of the 31)
        List<String> track = new java.util.ArrayList<>(org.deepspt.fingerprint.FingerprintFeature.trackNames());
        track.add("condition");
        assertTrue(FingerprintCsv.isFingerprintHeader(concat("particle", track)));
        // a track file stays a track file, whatever feature-like columns it has
        List<String> withCoordinates = new java.util.ArrayList<>(all);
        withCoordinates.addAll(List.of("frame", "X", "y"));
        assertFalse(FingerprintCsv.isFingerprintHeader(concat("particle", withCoordinates)));
        // few features and an unknown column: not enough to call it a fingerprint table
        assertFalse(FingerprintCsv.isFingerprintHeader(List.of("particle", "alpah", "diffusion_coefficient")));
        assertTrue(FingerprintCsv.isFingerprintHeader(List.of("particle", "alpha", "diffusion_coefficient")));
    }

    private static List<String> concat(String first, List<String> rest) {
        List<String> out = new java.util.ArrayList<>();
        out.add(first);
        out.addAll(rest);
        return out;
    }

    @Test
    void badValueNamesLineAndColumn() {
        InputFormatException e = assertThrows(InputFormatException.class, () -> FingerprintCsv.read(
                new StringReader("particle,alpha\n1,0.5\n2,abc\n"), "fp.csv"));
        assertEquals(3, e.line());
        assertEquals("alpha", e.field().orElseThrow());
        InputFormatException dup = assertThrows(InputFormatException.class, () -> FingerprintCsv.read(
                new StringReader("particle,alpha\n1,0.5\n1,0.6\n"), "fp.csv"));
        assertTrue(dup.getMessage().contains("repeats"), dup.getMessage());
        assertEquals(Double.NaN, FingerprintCsv.read(new StringReader("particle,alpha\n1,\n"), "x").get(0).value(0));
    }

    @Test
    void labelsFile() {
        Map<String, String> m = TrackLabels.read(new StringReader("label,particle\nA,1\nB,2\n"), "l.csv");
        assertEquals(Map.of("1", "A", "2", "B"), m);
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> TrackLabels.read(new StringReader("particle,label\n1,A\n1,B\n"), "l.csv"));
        assertEquals(3, e.line());
        assertThrows(InputFormatException.class,
                () -> TrackLabels.read(new StringReader("particle,label\n1,uncertain\n"), "l.csv"));
        assertThrows(InputFormatException.class,
                () -> TrackLabels.read(new StringReader("id,label\n1,A\n"), "l.csv"));
    }

    /**
     * The context columns say what the fingerprints were computed with; the reader gathers them into the table's
     * context (every frame interval, one of each other part), checks them, and reads a table without them (written
     * before them) with an unknown context.
     */
    @Test
    void contextColumnsRoundTripIntoTheTablesContext() throws Exception {
        List<Trajectory> tracks = List.of(
                Trajectory.of("a", 0.03, new int[] {0, 1, 2}, new double[] {0, 1, 2}, new double[] {0, 0, 1}),
                Trajectory.of("b", 0.1, new int[] {0, 1, 2}, new double[] {0, 1, 1}, new double[] {0, 1, 2}));
        ReadResult read = new ReadResult(tracks, List.of());
        List<String> names = List.of("alpha");
        Path f = dir.resolve("ctx.csv");
        try (FingerprintCsvWriter w = FingerprintCsvWriter.open(f, names, MsdFitter.defaults(),
                TrackColumns.of(read, false).and(TrackColumns.context(read, "unet", "smooth=9.0;refine=on")))) {
            w.write(Fingerprint.of("a", names, new double[] {0.5}));
            w.write(Fingerprint.of("b", names, new double[] {1.5}));
        }
        List<String> lines = Files.readAllLines(f);
        assertEquals("particle,alpha,dimension,frame_interval_s,length_unit,segmenter,post_processing,"
                + "fingerprint_version", lines.get(0));
        assertEquals("a,0.5,2,0.03,µm,unet,smooth=9.0;refine=on," + FingerprintFeature.DEFINITION_VERSION,
                lines.get(1));
        assertTrue(FingerprintCsv.isFingerprintCsv(f));
        FingerprintTable t = FingerprintCsv.readTable(f);
        assertEquals(FingerprintContext.of(2, List.of(0.1, 0.03), "µm", "unet", "smooth=9.0;refine=on"), t.context());
        assertEquals(List.of("alpha"), t.fingerprints().get(0).names());
        assertEquals(FingerprintContext.UNKNOWN, FingerprintCsv.readTable(new StringReader("particle,alpha\n1,0.5\n"),
                "old.csv").context());
        // one table, one run: rows that disagree on anything but the frame interval are refused, naming line and column
        InputFormatException mixed = assertThrows(InputFormatException.class, () -> FingerprintCsv.readTable(
                new StringReader("particle,alpha,segmenter\n1,0.5,unet\n2,0.5,rolling-msd\n"), "mixed.csv"));
        assertEquals(3, mixed.line());
        assertEquals("segmenter", mixed.field().orElseThrow());
        assertTrue(mixed.getMessage().contains("differs from 'unet' on line 2"), mixed.getMessage());
        InputFormatException dim = assertThrows(InputFormatException.class, () -> FingerprintCsv.readTable(
                new StringReader("particle,alpha,dimension\n1,0.5,4\n"), "d.csv"));
        assertEquals("dimension", dim.field().orElseThrow());
        InputFormatException dt = assertThrows(InputFormatException.class, () -> FingerprintCsv.readTable(
                new StringReader("particle,alpha,frame_interval_s\n1,0.5,-1\n"), "dt.csv"));
        assertEquals("frame_interval_s", dt.field().orElseThrow());
    }
}
