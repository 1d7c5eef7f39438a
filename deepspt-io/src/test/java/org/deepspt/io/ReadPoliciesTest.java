package org.deepspt.io;

import static org.deepspt.io.IoTestSupport.assertAccounted;
import static org.deepspt.io.IoTestSupport.readCsv;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.TrackIssue;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;

/** Gap, ordering, minimum-length and accounting policies. */
class ReadPoliciesTest {
    /** Track g: frames 0,1,4,5,7 (missing 2..3 and 6); track h: 0..2 without gaps. */
    private static final String GAPPY = """
            particle,frame,x,y,state
            g,0,0.0,0.0,0
            g,1,1.0,10.0,1
            g,4,4.0,40.0,2
            h,0,9.0,9.0,3
            g,5,5.0,50.0,2
            h,1,9.5,9.5,3
            g,7,7.0,70.0,0
            h,2,9.9,9.9,3
            """;

    @Test
    void splitIsTheDefault() {
        ReadResult r = readCsv(GAPPY, ReadOptions.defaults());
        List<String> ids = r.trajectories().stream().map(Trajectory::id).toList();
        assertEquals(List.of("g.1", "g.2", "g.3", "h"), ids);
        assertArrayEquals(new int[] {0, 1}, r.trajectories().get(0).frames());
        assertArrayEquals(new int[] {4, 5}, r.trajectories().get(1).frames());
        assertArrayEquals(new int[] {2, 2}, r.trajectories().get(1).stateIndices());
        assertArrayEquals(new int[] {7}, r.trajectories().get(2).frames());
        assertEquals(3, r.issues().size());
        for (TrackIssue i : r.issues()) {
            assertEquals("g", i.trackId());
            assertEquals(TrackIssue.Kind.MODIFIED, i.kind());
            assertTrue(i.detail().endsWith("missing frames 2..3, 6"), i.detail());
        }
        assertTrue(r.issues().get(1).detail().contains("'g.2' (frames 4..5)"), r.issues().get(1).detail());
        assertAccounted(List.of("g", "h"), r);
        assertEquals(List.of("g", "g", "g", "h"), ids.stream().map(r::inputId).toList(), "pieces name their track");
        assertEquals(java.util.Map.of("g.1", "g", "g.2", "g", "g.3", "g"), r.inputIds());
    }

    @Test
    void splitPiecesShorterThanMinimumAreRejected() {
        ReadResult r = readCsv(GAPPY, ReadOptions.builder().minLength(2).build());
        assertEquals(List.of("g.1", "g.2", "h"), r.trajectories().stream().map(Trajectory::id).toList());
        TrackIssue last = r.issues().get(r.issues().size() - 1);
        assertEquals(TrackIssue.rejected("g", "piece 'g.3' has 1 point; minimum is 2"), last);
    }

    @Test
    void interpolateFillsLinearlyAndCopiesPreviousState() {
        ReadResult r = readCsv(GAPPY, ReadOptions.builder().gapPolicy(GapPolicy.INTERPOLATE).build());
        Trajectory g = r.trajectories().get(0);
        assertEquals("g", g.id());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, g.frames());
        assertArrayEquals(new double[] {0, 1, 2, 3, 4, 5, 6, 7}, g.axis(0), 1e-12);
        assertArrayEquals(new double[] {0, 10, 20, 30, 40, 50, 60, 70}, g.axis(1), 1e-12);
        assertArrayEquals(new int[] {0, 1, 1, 1, 2, 2, 2, 0}, g.stateIndices());
        assertEquals(List.of(TrackIssue.modified("g", "interpolated 3 missing frames: 2..3, 6")), r.issues());
        // the made-up points are marked on the trajectory, the one record of them (estimators and writers read it)
        assertEquals(3, g.interpolatedCount());
        assertTrue(g.interpolated(2) && g.interpolated(3) && g.interpolated(6));
        assertArrayEquals(new int[] {0, 1, 4, 5, 7}, g.measured().frames());
    }

    @Test
    void rejectDropsGappyTracks() {
        ReadResult r = readCsv(GAPPY, ReadOptions.builder().gapPolicy(GapPolicy.REJECT).build());
        assertEquals(List.of("h"), r.trajectories().stream().map(Trajectory::id).toList());
        assertEquals(List.of(TrackIssue.rejected("g", "has gaps: missing frames 2..3, 6")), r.issues());
    }

    @Test
    void unparseableFrameStateAndMissingIdAreErrors() {
        assertEquals("frame", assertThrows(InputFormatException.class, () -> readCsv(
                "particle,frame,x,y\n1,0.5,1,1\n", ReadOptions.defaults())).field().orElseThrow());
        assertEquals("state", assertThrows(InputFormatException.class, () -> readCsv(
                "particle,frame,x,y,state\n1,0,1,1,4\n", ReadOptions.defaults())).field().orElseThrow());
        InputFormatException id = assertThrows(InputFormatException.class, () -> readCsv(
                "particle,frame,x,y\n1,0,1,1\n,1,1,1\n", ReadOptions.defaults()));
        assertEquals(3, id.line());
        assertEquals("particle", id.field().orElseThrow());
        InputFormatException ragged = assertThrows(InputFormatException.class, () -> readCsv(
                "particle,frame,x,y\n1,0,1\n", ReadOptions.defaults()));
        assertEquals(2, ragged.line());
        assertEquals("y", ragged.field().orElseThrow());
    }

    @Test
    void infinityAndEmptyCoordinatesFollowNonFinitePolicy() {
        String csv = "particle,frame,x,y\na,0,1,1\na,1,-inf,1\nb,0,1,\nc,0,2,2\n";
        InputFormatException e = assertThrows(InputFormatException.class, () -> readCsv(csv,
                ReadOptions.defaults()));
        assertEquals(3, e.line());
        ReadResult r = readCsv(csv, ReadOptions.builder().nonFinitePolicy(NonFinitePolicy.DROP_TRACK).build());
        assertEquals(List.of("c"), r.trajectories().stream().map(Trajectory::id).toList());
        assertEquals(List.of(TrackIssue.rejected("a", "non-finite x = -inf at line 3"),
                TrackIssue.rejected("b", "non-finite y = (missing) at line 4")), r.issues());
    }

    /** Random shuffled file with duplicates, gaps, NaN, one-point tracks: every track is accounted for. */
    @Test
    void everyInputTrackIsAccountedForUnderEveryPolicy() {
        SplittableRandom rnd = new SplittableRandom(42);
        StringBuilder sb = new StringBuilder("particle,frame,x,y\n");
        List<String> rows = new ArrayList<>();
        Set<String> ids = new LinkedHashSet<>();
        for (int t = 0; t < 300; t++) {
            String id = "t" + t;
            ids.add(id);
            int len = 1 + rnd.nextInt(12);
            int frame = rnd.nextInt(5);
            for (int i = 0; i < len; i++) {
                String x = rnd.nextInt(100) == 0 ? "nan" : Double.toString(rnd.nextDouble());
                rows.add(id + "," + frame + "," + x + "," + rnd.nextDouble());
                if (rnd.nextInt(30) == 0) {
                    rows.add(id + "," + frame + ",0.5,0.5");
                }
                frame += rnd.nextInt(8) == 0 ? 2 + rnd.nextInt(3) : 1;
            }
        }
        for (int i = rows.size() - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            String tmp = rows.get(i);
            rows.set(i, rows.get(j));
            rows.set(j, tmp);
        }
        rows.forEach(row -> sb.append(row).append('\n'));
        int outputs = 0;
        for (GapPolicy gap : GapPolicy.values()) {
            for (int min : new int[] {1, 3}) {
                ReadResult r = readCsv(sb.toString(), ReadOptions.builder().gapPolicy(gap).minLength(min)
                        .nonFinitePolicy(NonFinitePolicy.DROP_TRACK).build());
                assertAccounted(ids, r);
                for (Trajectory t : r.trajectories()) {
                    assertTrue(t.size() >= min);
                    assertTrue(!t.hasGaps(), "no policy leaves gaps: " + t);
                }
                outputs += r.trajectories().size();
                Map<String, Integer> firstSeen = new HashMap<>();
                for (String row : rows) {
                    firstSeen.putIfAbsent(row.substring(0, row.indexOf(',')), firstSeen.size());
                }
                List<Integer> order = r.trajectories().stream().map(t -> firstSeen.get(
                        t.id().contains(".") ? t.id().substring(0, t.id().indexOf('.')) : t.id())).toList();
                for (int i = 1; i < order.size(); i++) {
                    assertTrue(order.get(i) >= order.get(i - 1), "output in order of first appearance");
                }
            }
        }
        assertTrue(outputs > 600, "most tracks survive: " + outputs);
    }

    /**
     * Interpolation makes up at most as many points as were measured (review: one spot every 1,000 frames became
     * 1,999,001 points, 99.9 % straight filler); such a track is rejected naming SPLIT, which reads its pieces.
     */
    @Test
    void interpolationRefusesTracksMostlyMadeUp() {
        String csv = "particle,frame,x,y\ns,0,0,0\ns,1,1,0\ns,6,2,0\nt,0,0,0\nt,1,1,0\nt,2,1,1\nt,4,2,0\n";
        ReadResult r = readCsv(csv, ReadOptions.builder().gapPolicy(GapPolicy.INTERPOLATE).build());
        assertEquals(List.of("t"), r.trajectories().stream().map(Trajectory::id).toList());
        TrackIssue s = r.issues().stream().filter(i -> i.trackId().equals("s")).findFirst().orElseThrow();
        assertEquals(TrackIssue.Kind.REJECTED, s.kind());
        assertTrue(s.detail().contains("4 missing frames for 3 points") && s.detail().contains("SPLIT"), s.detail());
    }

    /**
     * Interpolation fills gaps of up to 10 frames and cuts the track at longer ones (a long straight filler reads as
     * directed motion): frames 0..5, 8..12 (gap 6..7 filled), then 30..34 after a gap of 17 frames → pieces g.1
     * (frames 0..12, two made up) and g.2 (30..34).
     */
    @Test
    void interpolationCutsAtGapsLongerThanTenFrames() {
        StringBuilder csv = new StringBuilder("particle,frame,x,y\n");
        for (int f : new int[] {0, 1, 2, 3, 4, 5, 8, 9, 10, 11, 12, 30, 31, 32, 33, 34}) {
            csv.append("g,").append(f).append(',').append(f).append(",0\n");
        }
        ReadResult r = readCsv(csv.toString(), ReadOptions.builder().gapPolicy(GapPolicy.INTERPOLATE).build());
        assertEquals(List.of("g.1", "g.2"), r.trajectories().stream().map(Trajectory::id).toList());
        Trajectory first = r.trajectories().get(0);
        assertEquals(13, first.size());
        assertEquals(2, first.interpolatedCount());
        assertTrue(first.interpolated(6) && first.interpolated(7));
        assertEquals(0, r.trajectories().get(1).interpolatedCount());
        assertEquals(5, r.trajectories().get(1).size());
        assertEquals("g", r.inputId("g.1"));
        assertTrue(r.issues().stream().anyMatch(i -> i.detail().startsWith("split at gaps of more than 10 frames into "
                + "piece 'g.1' (frames 0..12)")), r.issues().toString());
        assertTrue(r.issues().stream().anyMatch(i -> i.detail().equals("piece 'g.1' interpolated 2 missing frames: "
                + "6..7")), r.issues().toString());
    }

    /**
     * From review: a z column that is NaN throughout is a 2D file (the z column is ignored, as an empty one), not a
     * non-finite coordinate on every row (before: ERROR stopped at line 2, DROP_TRACK rejected every track); in a 3D
     * file a non-finite z is still an error or drops its track.
     */
    @Test
    void aZColumnOfNaNIsA2dFile() {
        String flat = "particle,frame,x,y,z\na,0,0,0,nan\na,1,1,0,NaN\na,2,2,1,nan\nb,0,0,0,nan\nb,1,1,1,nan\n";
        ReadResult r = readCsv(flat, ReadOptions.defaults());
        assertEquals(List.of("a", "b"), r.trajectories().stream().map(Trajectory::id).toList());
        assertEquals(2, r.trajectories().get(0).dimension());
        String deep = "particle,frame,x,y,z\na,0,0,0,1\na,1,1,0,nan\na,2,2,1,1\nb,0,0,0,1\nb,1,1,1,2\n";
        InputFormatException e = assertThrows(InputFormatException.class, () -> readCsv(deep, ReadOptions.defaults()));
        assertEquals(3, e.line());
        ReadResult dropped = readCsv(deep, ReadOptions.builder().nonFinitePolicy(NonFinitePolicy.DROP_TRACK).build());
        assertEquals(List.of("b"), dropped.trajectories().stream().map(Trajectory::id).toList());
        assertEquals(3, dropped.trajectories().get(0).dimension());
        assertEquals(List.of(TrackIssue.rejected("a", "non-finite z = nan at line 3")), dropped.issues());
    }
}
