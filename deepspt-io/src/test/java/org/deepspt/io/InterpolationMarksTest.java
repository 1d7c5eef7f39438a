package org.deepspt.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The trajectory's marks ({@link Trajectory#withInterpolated}) are the one record of which points were interpolated:
 * the writers' {@code interpolated} and {@code interpolated_points} columns and the deprecated
 * {@link TrackSource#interpolated(int)} all read them, for a read result built by a library caller as for a reader's.
 */
class InterpolationMarksTest {
    @TempDir
    Path dir;

    /** Track "m": 4 points over frames 0..3, frame 2 made up over a gap. */
    private static Trajectory marked() {
        BitSet made = new BitSet();
        made.set(2);
        return Trajectory.of("m", 0.1, new int[] {0, 1, 2, 3}, new double[] {0, 1, 2, 3}, new double[] {0, 0, 0, 0})
                .withInterpolated(made);
    }

    private List<String> segmentationRows(ReadResult read, Trajectory t) throws IOException {
        Path file = dir.resolve("seg.csv");
        try (SegmentationCsvWriter w = SegmentationCsvWriter.withPoints(file, read, false)) {
            w.write(Segmentation.oneHot(t.id(), t.frames(), new int[t.size()]), t);
        }
        return Files.readAllLines(file);
    }

    /** The interpolated cell (last column: no spot ids, one file) of each point row. */
    private static List<String> interpolatedCells(List<String> rows) {
        assertTrue(rows.get(0).endsWith(",interpolated"), rows.get(0));
        return rows.subList(1, rows.size()).stream().map(r -> r.substring(r.lastIndexOf(',') + 1)).toList();
    }

    @Test
    void segmentationColumnComesFromTheTrajectorysMarks() throws IOException {
        // a library caller's read: the marks on the trajectory and no source recorded (the old writer read the
        // source and wrote 0 on every row)
        Trajectory t = marked();
        List<String> rows = segmentationRows(new ReadResult(List.of(t), List.of()), t);
        assertEquals(List.of("0", "0", "1", "0"), interpolatedCells(rows));
    }

    @Test
    @SuppressWarnings("deprecation")
    void marksGivenOnlyToTheDeprecatedSourceFactoryAreRefusedNotLost() {
        // the trajectory is the one record: marks given only to the source would be written as 0s, so they are refused
        BitSet side = new BitSet();
        side.set(1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TrackSource.of("", "m", null, side));
        assertTrue(e.getMessage().contains("Trajectory.withInterpolated"), e.getMessage());
        // an empty set is what callers that had no interpolated points passed: still accepted
        assertEquals(TrackSource.of("", "m", null), TrackSource.of("", "m", null, new BitSet()));
    }

    @Test
    @SuppressWarnings("deprecation")
    void deprecatedSourceAccessorsReadTheTrajectorysMarks() {
        Trajectory t = marked();
        ReadResult bare = new ReadResult(List.of(t), List.of());
        assertTrue(bare.source("m").interpolated(2));
        assertFalse(bare.source("m").interpolated(1));
        assertEquals(1, bare.source("m").interpolatedCount());
        ReadResult withSpots = new ReadResult(List.of(t), List.of(), Calibration.UNKNOWN, Map.of(),
                Map.of("m", TrackSource.of("f.xml", "m", new long[] {7, 8, TrackSource.NO_SPOT, 9})));
        assertTrue(withSpots.source("m").interpolated(2));
        assertEquals(1, withSpots.source("m").withFile("g.xml").interpolatedCount(), "kept by withFile");
        assertEquals(9, withSpots.source("m").spotId(3));
        assertFalse(TrackSource.plain("m").interpolated(2), "a source outside a read result has no trajectory");
    }

    @Test
    void interpolatedPointsColumnCountsTheTrajectorysMarks() {
        Trajectory plain = Trajectory.of("p", 0.1, new int[] {0, 1}, new double[] {0, 1}, new double[] {0, 0});
        ReadResult read = new ReadResult(List.of(marked(), plain), List.of());
        assertTrue(read.hasInterpolatedPoints());
        TrackColumns c = TrackColumns.of(read, false);
        assertEquals(List.of(TrackColumns.INTERPOLATED_POINTS), c.names());
        assertEquals(List.of("1"), c.values("m"));
        assertEquals(List.of("0"), c.values("p"));
    }

    @Test
    void readersMarksReachTheSegmentationColumn() throws IOException {
        Path csv = Files.writeString(dir.resolve("gap.csv"), "particle,frame,x,y\ng,0,0,0\ng,1,1,0\ng,3,3,0\n");
        ReadResult read = TrackReaders.read(csv, ReadOptions.builder().gapPolicy(GapPolicy.INTERPOLATE).build());
        Trajectory g = read.trajectories().get(0);
        assertEquals(List.of("0", "0", "1", "0"), interpolatedCells(segmentationRows(read, g)));
        assertEquals(List.of("1"), TrackColumns.of(read, false).values("g"));
    }
}
