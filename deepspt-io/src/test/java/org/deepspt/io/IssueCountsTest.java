package org.deepspt.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.deepspt.api.TrackIssue;
import org.junit.jupiter.api.Test;

/** The counts of the summary lines: tracks, and the spots and tracks of the file notes, by their count field. */
class IssueCountsTest {
    /**
     * Golden: notes whose detail does not start with their count (reading the leading digits, as before, would count
     * 1 untracked spot and 1 filtered-out track here, or 2026 from a date) are counted by {@link TrackIssue#count()}.
     */
    @Test
    void fileNotesAreCountedByTheirCountNotByTheirText() {
        List<TrackIssue> issues = List.of(
                TrackIssue.fileNote("(untracked spots)", TrackIssue.Kind.REJECTED, 3,
                        "three of 7385 spots belong to no track and are not read"),
                TrackIssue.fileNote("b.xml:(untracked spots)", TrackIssue.Kind.REJECTED, 4,
                        "2026-01-05 export: 4 spots belong to no track"),
                TrackIssue.fileNote("(filtered-out tracks)", TrackIssue.Kind.REJECTED, 2,
                        "Track_1 and Track_7 are not in FilteredTracks and not read"),
                TrackIssue.fileNote("c.xml:(filtered-out tracks)", TrackIssue.Kind.MODIFIED, 5,
                        "5 tracks are not in FilteredTracks and read as asked"),
                TrackIssue.rejected("7", "12 points, fewer than 20"),
                TrackIssue.modified("8", "split at gaps"),
                TrackIssue.modified("7", "interpolated"));
        IssueCounts c = IssueCounts.of(issues);
        assertEquals(7, c.untrackedSpots());
        assertEquals(2, c.filteredOutTracks(), "the MODIFIED note was read: not counted");
        assertEquals(Set.of("7"), c.rejected());
        assertEquals(Set.of("8"), c.modified());
        assertEquals(4, c.notes());
        assertEquals("1 track rejected, 1 modified, 7 untracked spots and 2 filtered-out tracks not read",
                c.describe());
        IssueCounts byInput = IssueCounts.of(issues, id -> id, Set.of("8"));
        assertEquals(7, byInput.untrackedSpots());
        assertEquals(2, byInput.filteredOutTracks());
    }

    /** The readers set the count: a TrackMate file's untracked spots and filtered-out tracks. */
    @Test
    void theTrackMateReaderSetsTheCountOfItsNotes() {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <TrackMate version="7.0.0">
                  <Model spatialunits="micron" timeunits="sec">
                    <AllSpots nspots="9">
                      <SpotsInFrame frame="0">
                        <Spot ID="1" POSITION_X="1" POSITION_Y="1" POSITION_Z="0" FRAME="0" />
                        <Spot ID="4" POSITION_X="5" POSITION_Y="5" POSITION_Z="0" FRAME="0" />
                        <Spot ID="7" POSITION_X="9" POSITION_Y="9" POSITION_Z="0" FRAME="0" />
                        <Spot ID="8" POSITION_X="7" POSITION_Y="7" POSITION_Z="0" FRAME="0" />
                      </SpotsInFrame>
                      <SpotsInFrame frame="1">
                        <Spot ID="2" POSITION_X="1.1" POSITION_Y="1" POSITION_Z="0" FRAME="1" />
                        <Spot ID="5" POSITION_X="5.1" POSITION_Y="5" POSITION_Z="0" FRAME="1" />
                        <Spot ID="9" POSITION_X="8" POSITION_Y="8" POSITION_Z="0" FRAME="1" />
                      </SpotsInFrame>
                      <SpotsInFrame frame="2">
                        <Spot ID="3" POSITION_X="1.2" POSITION_Y="1" POSITION_Z="0" FRAME="2" />
                        <Spot ID="6" POSITION_X="5.2" POSITION_Y="5" POSITION_Z="0" FRAME="2" />
                      </SpotsInFrame>
                    </AllSpots>
                    <AllTracks>
                      <Track name="Track_0" TRACK_ID="0">
                        <Edge SPOT_SOURCE_ID="1" SPOT_TARGET_ID="2" />
                        <Edge SPOT_SOURCE_ID="2" SPOT_TARGET_ID="3" />
                      </Track>
                      <Track name="Track_1" TRACK_ID="1">
                        <Edge SPOT_SOURCE_ID="4" SPOT_TARGET_ID="5" />
                        <Edge SPOT_SOURCE_ID="5" SPOT_TARGET_ID="6" />
                      </Track>
                    </AllTracks>
                    <FilteredTracks>
                      <TrackID TRACK_ID="0" />
                    </FilteredTracks>
                  </Model>
                </TrackMate>
                """;
        ReadResult r = TrackReaders.read(new java.io.ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)),
                "t.xml", TrackFormat.TRACKMATE_XML, ReadOptions.defaults());
        TrackIssue untracked = r.issues().stream().filter(i -> i.trackId().equals("(untracked spots)")).findFirst()
                .orElseThrow(() -> new AssertionError(r.issues().toString()));
        assertEquals(3, untracked.count(), untracked.toString());
        TrackIssue filtered = r.issues().stream().filter(i -> i.trackId().equals("(filtered-out tracks)"))
                .findFirst().orElseThrow(() -> new AssertionError(r.issues().toString()));
        assertEquals(1, filtered.count(), filtered.toString());
        assertEquals("0 tracks rejected, 0 modified, 3 untracked spots and 1 filtered-out track not read",
                IssueCounts.of(r.issues()).describe());
    }
}
