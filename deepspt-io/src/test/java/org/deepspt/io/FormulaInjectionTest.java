package org.deepspt.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.List;
import org.deepspt.api.Segmentation;
import org.deepspt.api.TrackIssue;
import org.junit.jupiter.api.Test;

/** CSV outputs neutralise spreadsheet formulas in ids and labels (OWASP CSV injection). */
class FormulaInjectionTest {

    @Test
    void textCellsStartingWithAFormulaCharacterGetAQuotePrefixNumbersDoNot() {
        assertEquals("'=cmd|' /C calc'!A0", CsvOut.text("=cmd|' /C calc'!A0"));
        assertEquals("'+HYPERLINK(\"http://x\")", CsvOut.text("+HYPERLINK(\"http://x\")"));
        assertEquals("'@SUM(A1)", CsvOut.text("@SUM(A1)"));
        assertEquals("'-2+3", CsvOut.text("-2+3"));
        assertEquals("'\tx", CsvOut.text("\tx"));
        for (String plain : new String[] {"-12", "+5", "-1.5e3", "track 7", "5.1", ""}) {
            assertEquals(plain, CsvOut.text(plain));
        }
    }

    @Test
    void segmentationAndErrorReportsAreNeutralised() throws Exception {
        StringWriter out = new StringWriter();
        double[] p = {0.7, 0.1, 0.1, 0.1};
        try (SegmentationCsvWriter w = SegmentationCsvWriter.open(out)) {
            w.write(Segmentation.ofFlat("=1+1", new int[] {0}, p));
            w.write(Segmentation.ofFlat("-3", new int[] {0}, p));
        }
        List<String> lines = out.toString().lines().toList();
        assertTrue(lines.get(1).startsWith("'=1+1,0,0,"), lines.get(1));
        assertTrue(lines.get(2).startsWith("-3,0,0,"), lines.get(2));
        java.nio.file.Path f = java.nio.file.Files.createTempFile("issues", ".csv");
        try {
            IssueReportWriter.write(f, List.of(TrackIssue.rejected("+cmd", "=bad")));
            assertEquals("'+cmd,REJECTED,'=bad", java.nio.file.Files.readAllLines(f).get(1));
        } finally {
            java.nio.file.Files.delete(f);
        }
    }

    /**
     * From review: the guard is undone when the library reads its own tables back, so a track id such as {@code =x}
     * keeps its identity from segment to evaluate (before: "truth without prediction (=cmd|x), prediction without
     * truth ('=cmd|x)"); an id that itself starts with a quote before a guarded character survives too.
     */
    @Test
    void theGuardIsUndoneWhenOurTablesAreReadBack() throws Exception {
        for (String id : new String[] {"=cmd|x", "'=x", "-2+3", "-12", "'plain", "''"}) {
            assertEquals(id, CsvOut.untext(CsvOut.text(id)), id);
        }
        java.nio.file.Path f = java.nio.file.Files.createTempFile("seg", ".csv");
        try {
            double[] p = {0.7, 0.1, 0.1, 0.1};
            try (SegmentationCsvWriter w = SegmentationCsvWriter.open(f)) {
                w.write(Segmentation.ofFlat("=cmd|x", new int[] {0}, p));
            }
            assertEquals("=cmd|x", SegmentationCsvReader.read(f).get(0).trackId());
            FingerprintCsv.write(f, List.of(org.deepspt.api.Fingerprint.of("@SUM(A1)", List.of("alpha"),
                    new double[] {1})));
            assertEquals("@SUM(A1)", FingerprintCsv.read(f).get(0).trackId());
        } finally {
            java.nio.file.Files.delete(f);
        }
    }
}
