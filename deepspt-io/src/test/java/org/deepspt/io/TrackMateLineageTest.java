package org.deepspt.io;

import static org.deepspt.io.IoTestSupport.assertAccounted;
import static org.deepspt.io.IoTestSupport.byId;
import static org.deepspt.io.IoTestSupport.readString;
import static org.deepspt.io.IoTestSupport.resource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.deepspt.api.TrackIssue;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;

/**
 * TrackMate XML as Fiji users export it: the hand-made {@code trackmate_lineage.xml} has a split (track AB,
 * daughters at x = 9 and x = 12 after frame 2, the left one bridged over missing frame 5 by gap closing), a
 * merge (track M: two roots joining at frame 2), a linear track with a closed gap (frame 2 of Gap missing), a
 * track outside FilteredTracks and an untracked spot; 22 spots in the filtered tracks.
 */
class TrackMateLineageTest {
    private static final double EPS = 1e-12;
    /** Spot IDs of the three filtered tracks. */
    private static final Set<Long> TRACKED = Set.of(100L, 101L, 102L, 103L, 104L, 106L, 107L, 110L, 111L, 112L,
            200L, 201L, 210L, 211L, 220L, 221L, 222L, 300L, 301L, 302L, 303L, 304L);

    private static ReadResult read(ReadOptions.Builder b) {
        return TrackReaders.read(resource("trackmate_lineage.xml"), b.build());
    }

    private static long[] spotIds(ReadResult r, String id) {
        Trajectory t = byId(r, id);
        TrackSource s = r.source(id);
        long[] ids = new long[t.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = s.spotId(i);
        }
        return ids;
    }

    @Test
    void defaultKeepsEveryTrackedPointOnRootToLeafPathsWithLineageNames() {
        ReadResult r = read(ReadOptions.builder());
        List<String> ids = r.trajectories().stream().map(Trajectory::id).toList();
        assertEquals(List.of("AB.a", "AB.b", "M.m", "M.m~2", "Gap"), ids);
        // each path keeps the mother → daughter step (frame 2 → 3)
        assertArrayEquals(new long[] {100, 101, 102, 103, 104, TrackSource.NO_SPOT, 106, 107}, spotIds(r, "AB.a"));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, byId(r, "AB.a").frames());
        assertArrayEquals(new long[] {100, 101, 102, 110, 111, 112}, spotIds(r, "AB.b"));
        assertArrayEquals(new long[] {200, 201, 220, 221, 222}, spotIds(r, "M.m"));
        assertArrayEquals(new long[] {210, 211, 220, 221, 222}, spotIds(r, "M.m~2"));
        // the closed gap is kept whole: frame 5 of AB.a and frame 2 of Gap are interpolated and marked
        Trajectory ab = byId(r, "AB.a");
        assertEquals(1, ab.interpolatedCount());
        assertTrue(ab.interpolated(5));
        assertEquals((8.8 + 8.4) / 2, byId(r, "AB.a").x(5), EPS, "midway between frames 4 and 6");
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5}, byId(r, "Gap").frames());
        assertTrue(byId(r, "Gap").interpolated(2));
        assertFalse(byId(r, "Gap").interpolated(3));
        assertEquals(50.2, byId(r, "Gap").x(2), EPS);
        assertTrue(r.hasInterpolatedPoints());
        // not a tracked point lost
        Set<Long> seen = new TreeSet<>();
        for (Trajectory t : r.trajectories()) {
            for (long id : spotIds(r, t.id())) {
                if (id != TrackSource.NO_SPOT) {
                    seen.add(id);
                }
            }
        }
        assertEquals(new TreeSet<>(TRACKED), seen);
        assertEquals("AB", r.inputId("AB.a"));
        assertEquals("M", r.inputId("M.m~2"));
        assertAccounted(List.of("AB", "M", "Gap"), r);
        TrackIssue filtered = r.issues().stream().filter(i -> i.trackId().equals(TrackMateXmlReader.FILTERED_OUT_ID))
                .findFirst().orElseThrow();
        assertEquals(TrackIssue.Kind.REJECTED, filtered.kind());
        assertTrue(filtered.detail().contains("Out"), filtered.detail());
        assertEquals(0.1, byId(r, "Gap").frameInterval(), EPS);
        assertFalse(r.calibration().uncalibrated());
    }

    @Test
    void longestPathIsOneTrajectoryPerTrackUnderTheTrackName() {
        ReadResult r = read(ReadOptions.builder().branchPolicy(BranchPolicy.LONGEST));
        assertEquals(List.of("AB", "M", "Gap"), r.trajectories().stream().map(Trajectory::id).toList());
        assertArrayEquals(new long[] {100, 101, 102, 103, 104, TrackSource.NO_SPOT, 106, 107}, spotIds(r, "AB"));
        assertArrayEquals(new long[] {200, 201, 220, 221, 222}, spotIds(r, "M"), "tie: the first root");
        TrackIssue note = r.issues().stream().filter(i -> i.trackId().equals("AB")
                && i.detail().contains("longest")).findFirst().orElseThrow();
        assertTrue(note.detail().contains("'AB.a' (7 of 10 points"), note.detail());
    }

    @Test
    void splitCutsTheGraphIntoBranchesNamedByLineage() {
        ReadResult r = read(ReadOptions.builder().branchPolicy(BranchPolicy.SPLIT));
        assertEquals(List.of("AB", "AB.a", "AB.b", "M", "M.r2", "M.m", "Gap"),
                r.trajectories().stream().map(Trajectory::id).toList());
        assertArrayEquals(new long[] {103, 104, TrackSource.NO_SPOT, 106, 107}, spotIds(r, "AB.a"));
        assertAccounted(List.of("AB", "M", "Gap"), r);
    }

    @Test
    void gapPolicyGivenExplicitlyStillSplits() {
        ReadResult r = read(ReadOptions.builder().gapPolicy(GapPolicy.SPLIT));
        assertTrue(r.trajectories().stream().anyMatch(t -> t.id().equals("Gap.1")));
        assertFalse(r.hasInterpolatedPoints());
    }

    @Test
    void tracksOutsideFilteredTracksAreReadWhenAsked() {
        ReadResult r = read(ReadOptions.builder().includeFilteredOut(true));
        assertArrayEquals(new long[] {400, 401, 402}, spotIds(r, "Out"));
        TrackIssue note = r.issues().stream().filter(i -> i.trackId().equals(TrackMateXmlReader.FILTERED_OUT_ID))
                .findFirst().orElseThrow();
        assertEquals(TrackIssue.Kind.MODIFIED, note.kind());
    }

    @Test
    void uncalibratedFileStaysInPixelsAndSaysSo() {
        String xml = """
                <TrackMate version="8.1.6"><Model spatialunits="pixel" timeunits="frame">
                <AllSpots><SpotsInFrame frame="0"><Spot ID="0" POSITION_X="100" POSITION_Y="200" FRAME="0"/>
                </SpotsInFrame><SpotsInFrame frame="1"><Spot ID="1" POSITION_X="103" POSITION_Y="204" FRAME="1"/>
                </SpotsInFrame></AllSpots>
                <AllTracks><Track name="T" TRACK_ID="0"><Edge SPOT_SOURCE_ID="0" SPOT_TARGET_ID="1"/></Track>
                </AllTracks></Model><Settings><ImageData pixelwidth="1.0" pixelheight="1.0" timeinterval="1.0"/>
                </Settings></TrackMate>""";
        ReadResult r = readString(xml, TrackFormat.TRACKMATE_XML, ReadOptions.defaults());
        assertTrue(r.calibration().uncalibrated());
        assertEquals("px", r.calibration().lengthUnit());
        assertEquals("px²/s", r.calibration().diffusionUnit());
        assertTrue(r.calibration().describe().contains("uncalibrated"), r.calibration().describe());
        assertFalse(r.calibration().describe().contains("µm/px"), r.calibration().describe());
        assertArrayEquals(new double[] {100, 103}, r.trajectories().get(0).axis(0), 0);
        ReadResult given = readString(xml, TrackFormat.TRACKMATE_XML, ReadOptions.builder().pixelSize(0.1).build());
        assertFalse(given.calibration().uncalibrated());
        assertEquals("µm", given.calibration().lengthUnit());
        assertArrayEquals(new double[] {10, 10.3}, given.trajectories().get(0).axis(0), EPS);
    }

    /**
     * A straight 30-spot track whose every edge is listed twice (and one also reversed): one track of 30 points
     * with a MODIFIED note, not a merge-and-split (before: two copies with one duplicate, and "more than 10000
     * root-to-leaf paths" when every edge was duplicated).
     */
    @Test
    void duplicateEdgesLinkTheSameSpotsOnce() {
        StringBuilder spots = new StringBuilder();
        StringBuilder edges = new StringBuilder();
        for (int f = 0; f < 30; f++) {
            spots.append("<SpotsInFrame frame=\"").append(f).append("\"><Spot ID=\"").append(f)
                    .append("\" POSITION_X=\"").append(0.1 * f).append("\" POSITION_Y=\"0\" FRAME=\"").append(f)
                    .append("\"/></SpotsInFrame>\n");
            if (f > 0) {
                String e = "<Edge SPOT_SOURCE_ID=\"" + (f - 1) + "\" SPOT_TARGET_ID=\"" + f + "\"/>";
                edges.append(e).append(e);
            }
        }
        edges.append("<Edge SPOT_SOURCE_ID=\"6\" SPOT_TARGET_ID=\"5\"/>");
        String xml = "<TrackMate version=\"8.1.6\"><Model spatialunits=\"micron\" timeunits=\"sec\">\n<AllSpots>"
                + spots + "</AllSpots>\n<AllTracks><Track name=\"T\" TRACK_ID=\"0\">" + edges + "</Track></AllTracks>"
                + "</Model><Settings><ImageData pixelwidth=\"1.0\" pixelheight=\"1.0\" timeinterval=\"0.1\"/>"
                + "</Settings></TrackMate>";
        ReadResult r = readString(xml, TrackFormat.TRACKMATE_XML, ReadOptions.defaults());
        assertEquals(List.of("T"), r.trajectories().stream().map(Trajectory::id).toList());
        assertEquals(30, r.trajectories().get(0).size());
        TrackIssue note = r.issues().stream().filter(i -> i.trackId().equals("T")).findFirst().orElseThrow();
        assertEquals(TrackIssue.Kind.MODIFIED, note.kind());
        assertTrue(note.detail().startsWith("30 duplicate edges ignored"), note.detail());
    }

    /** A TrackMate file of one track: a trunk of {@code frames} spots with a one-spot side branch every {@code every} frames. */
    private static String spurs(int frames, int every, boolean duplicateEdge) {
        StringBuilder[] inFrame = new StringBuilder[frames];
        StringBuilder edges = new StringBuilder();
        int side = 1_000_000;
        for (int f = 0; f < frames; f++) {
            inFrame[f] = new StringBuilder();
        }
        for (int f = 0; f < frames; f++) {
            inFrame[f].append("<Spot ID=\"").append(f).append("\" POSITION_X=\"").append(0.1 * f)
                    .append("\" POSITION_Y=\"0\" FRAME=\"").append(f).append("\"/>");
            if (f > 0 && f % every == 0 && f + 1 < frames) {
                // a spur: spot f splits into the trunk (f + 1) and a one-spot side branch in frame f + 1
                inFrame[f + 1].append("<Spot ID=\"").append(side + f).append("\" POSITION_X=\"").append(0.1 * f + 5)
                        .append("\" POSITION_Y=\"1\" FRAME=\"").append(f + 1).append("\"/>");
                edges.append("<Edge SPOT_SOURCE_ID=\"").append(f).append("\" SPOT_TARGET_ID=\"").append(side + f)
                        .append("\"/>");
            }
            if (f > 0) {
                edges.append("<Edge SPOT_SOURCE_ID=\"").append(f - 1).append("\" SPOT_TARGET_ID=\"").append(f)
                        .append("\"/>");
            }
        }
        StringBuilder spots = new StringBuilder();
        for (int f = 0; f < frames; f++) {
            spots.append("<SpotsInFrame frame=\"").append(f).append("\">").append(inFrame[f]).append("</SpotsInFrame>\n");
        }
        if (duplicateEdge) {
            edges.append("<Edge SPOT_SOURCE_ID=\"1\" SPOT_TARGET_ID=\"0\"/>");
        }
        return "<TrackMate version=\"8.1.6\"><Model spatialunits=\"micron\" timeunits=\"sec\">\n<AllSpots>"
                + spots + "</AllSpots>\n<AllTracks><Track name=\"S\" TRACK_ID=\"0\">" + edges + "</Track></AllTracks>"
                + "</Model><Settings><ImageData pixelwidth=\"1.0\" pixelheight=\"1.0\" timeinterval=\"0.1\"/>"
                + "</Settings></TrackMate>";
    }

    /**
     * Every root-to-leaf path repeats the trunk it shares: 400 frames with a spur every 2 frames would write about
     * 200 × 200 = 40,000 points for 599 spots under PATHS (a 4,000-frame file of 1 MB became a 5.5 GB output). The
     * track is rejected naming SPLIT and LONGEST, which read it whole; a small lineage is still read as paths.
     */
    @Test
    void pathsThatRepeatTheTrunkTooOftenRejectTheTrack() {
        ReadResult r = readString(spurs(400, 2, false), TrackFormat.TRACKMATE_XML, ReadOptions.defaults());
        assertEquals(List.of(), r.trajectories());
        TrackIssue why = r.issues().get(0);
        assertEquals(TrackIssue.Kind.REJECTED, why.kind());
        assertTrue(why.detail().contains("SPLIT") && why.detail().contains("LONGEST"), why.detail());
        ReadResult longest = readString(spurs(400, 2, false), TrackFormat.TRACKMATE_XML,
                ReadOptions.builder().branchPolicy(BranchPolicy.LONGEST).build());
        assertEquals(400, longest.trajectories().get(0).size());
        ReadResult few = readString(spurs(40, 10, false), TrackFormat.TRACKMATE_XML, ReadOptions.defaults());
        assertEquals(4, few.trajectories().size());   // three spurs: four paths
    }

    /** A lineage 12,000 chains deep (a spur every 2 frames) is walked without recursion (before: StackOverflowError). */
    @Test
    void deepLineagesDoNotOverflowTheStack() {
        ReadResult r = readString(spurs(12_000, 2, false), TrackFormat.TRACKMATE_XML,
                ReadOptions.builder().branchPolicy(BranchPolicy.LONGEST).build());
        assertEquals(12_000, r.trajectories().get(0).size());
    }

    /**
     * A duplicate edge in a branching track read as pieces: the note goes with the first piece; before, it made an
     * empty track under the track's name, reported "REJECTED has 0 points" (and, with SPLIT, renamed the root piece
     * {@code S~2}).
     */
    @Test
    void duplicateEdgeOfABranchingTrackMakesNoEmptyTrack() {
        for (BranchPolicy policy : new BranchPolicy[] {BranchPolicy.PATHS, BranchPolicy.SPLIT}) {
            ReadResult r = readString(spurs(40, 10, true), TrackFormat.TRACKMATE_XML,
                    ReadOptions.builder().branchPolicy(policy).build());
            assertTrue(r.issues().stream().noneMatch(i -> i.kind() == TrackIssue.Kind.REJECTED), policy + ": "
                    + r.issues());
            assertTrue(r.issues().stream().anyMatch(i -> i.detail().startsWith("1 duplicate edge ignored")),
                    policy + ": " + r.issues());
            assertTrue(r.trajectories().stream().noneMatch(t -> t.id().contains("~")), policy + ": "
                    + r.trajectories());
        }
    }
}
