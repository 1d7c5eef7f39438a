package org.deepspt.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A report line counts one track, or as many spots or tracks as its file note says. */
class TrackIssueTest {
    @Test
    void aTrackLineCountsOneAndTheOldConstructorsKeepWorking() {
        TrackIssue r = TrackIssue.rejected("7", "too short");
        assertEquals(new TrackIssue("7", TrackIssue.Kind.REJECTED, "too short"), r);
        assertEquals(1, r.count());
        assertEquals(1, TrackIssue.modified("7", "split").count());
    }

    @Test
    void aFileNoteCarriesItsCountThroughRewordingAndRenaming() {
        TrackIssue n = TrackIssue.fileNote("(untracked spots)", TrackIssue.Kind.REJECTED, 3,
                "three spots belong to no track");
        assertEquals(3, n.count());
        TrackIssue moved = n.withTrackId("a.xml:(untracked spots)").withDetail("3 spots …");
        assertEquals(new TrackIssue("a.xml:(untracked spots)", TrackIssue.Kind.REJECTED, "3 spots …", 3), moved);
    }

    @Test
    void aCountBelowOneIsRefusedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrackIssue.fileNote("(untracked spots)", TrackIssue.Kind.REJECTED, 0, "none"));
        assertTrue(e.getMessage().startsWith("count must be >= 1, got 0"), e.getMessage());
    }
}
