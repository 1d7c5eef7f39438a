package org.deepspt.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deepspt.api.TrackIssue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A file the writers make is recognised by its header; a track file is not. */
class OwnOutputFilesTest {
    @TempDir
    Path dir;

    @Test
    void outputsAreRecognisedAndTracksAreNot() throws Exception {
        Path report = dir.resolve("o.csv.errors.csv");
        IssueReportWriter.write(report, List.of(TrackIssue.rejected("1", "too short")));
        assertTrue(OwnOutputFiles.isOwnOutput(report));
        Path segments = Files.writeString(dir.resolve("segs.csv"), "\uFEFF\"particle\",\"segment\",\"first_frame\","
                + "\"last_frame\",points\n");
        assertTrue(OwnOutputFiles.isOwnOutput(segments));
        Path tracks = Files.writeString(dir.resolve("t.csv"), "particle,frame,x,y\n1,0,0,0\n");
        assertFalse(OwnOutputFiles.isOwnOutput(tracks));
        assertFalse(OwnOutputFiles.isOwnOutput(Files.writeString(dir.resolve("empty.csv"), "")));
    }
}
