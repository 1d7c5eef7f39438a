package org.deepspt.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.TrackIssue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NothingReadTest {
    @TempDir
    Path dir;

    @Test
    void theMessageQuotesThreeReasonsAndTheReportHoldsAll() throws Exception {
        List<TrackIssue> issues = new ArrayList<>();
        for (int i = 1; i <= 5; i++) {
            issues.add(TrackIssue.rejected("t" + i, "non-finite x on line " + (i + 1)));
        }
        Path report = dir.resolve("in.csv.errors.csv");
        InputFormatException e = NothingRead.error("in.csv", issues, report);
        assertEquals("in.csv: no track could be read: track 't1': non-finite x on line 2; track 't2': non-finite x "
                + "on line 3; track 't3': non-finite x on line 4; …; the reasons of all 5 are in " + report,
                e.getMessage());
        List<String> rows = Files.readAllLines(report);
        assertEquals(6, rows.size(), rows.toString());
        assertTrue(rows.get(5).startsWith("t5,REJECTED,non-finite x on line 6"), rows.get(5));
    }

    @Test
    void withoutAReportOnlyTheMessageAndWithoutAReasonTheEmptyInputIsNamed() {
        InputFormatException e = NothingRead.error("a.csv", List.of(TrackIssue.rejected("x", "one point")), null);
        assertEquals("a.csv: no track could be read: track 'x': one point", e.getMessage());
        e = NothingRead.error("b.csv", List.of(), dir.resolve("never.csv"));
        assertEquals("b.csv: no track could be read (the input has no data rows)", e.getMessage());
        assertFalse(Files.exists(dir.resolve("never.csv")));
    }
}
