package org.deepspt.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.api.Segmentation;
import org.deepspt.api.TrackIssue;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WritersRoundTripTest {
    @TempDir
    Path dir;

    private static List<Trajectory> randomTracks(int dim, boolean states, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        List<Trajectory> out = new ArrayList<>();
        for (int t = 0; t < 25; t++) {
            int n = 2 + rnd.nextInt(30);
            int start = rnd.nextInt(100);
            Trajectory.Builder b = Trajectory.builder(t == 3 ? "odd, \"id\"" : "track-" + t, dim, 0.0123);
            for (int i = 0; i < n; i++) {
                double[] c = new double[dim];
                for (int a = 0; a < dim; a++) {
                    c[a] = (rnd.nextDouble() - 0.5) * Math.pow(10, rnd.nextInt(-8, 6));
                }
                if (states) {
                    b.addWithState(start + i, rnd.nextInt(4), c);
                } else {
                    b.add(start + i, c);
                }
            }
            out.add(b.build());
        }
        return out;
    }

    @Test
    void trajectoriesRoundTripExactlyWithStates() {
        for (int dim : new int[] {2, 3}) {
            for (boolean states : new boolean[] {false, true}) {
                List<Trajectory> tracks = randomTracks(dim, states, 7 + dim);
                Path f = dir.resolve("t" + dim + states + ".csv");
                try (TrajectoryCsvWriter w = TrajectoryCsvWriter.open(f, dim, states)) {
                    tracks.forEach(w::write);
                }
                assertEquals(TrackFormat.DEEPSPT_CSV, TrackReaders.detect(f));
                ReadResult r = TrackReaders.read(f, ReadOptions.builder().frameInterval(0.0123).build());
                assertEquals(List.of(), r.issues());
                assertEquals(tracks, r.trajectories(), "dim " + dim + " states " + states);
            }
        }
    }

    @Test
    void headerAndLineEnds() throws IOException {
        StringWriter sw = new StringWriter();
        try (TrajectoryCsvWriter w = TrajectoryCsvWriter.open(sw, 3, true)) {
            w.write(Trajectory.of("a", 0.1, new int[] {4}, new double[] {0.1}, new double[] {-2.5},
                    new double[] {1e-7}).withStates(new int[] {2}));
        }
        assertEquals("particle,frame,x,y,z,state\na,4,0.1,-2.5,1.0E-7,2\n", sw.toString());
        Path f = dir.resolve("h.csv");
        try (TrajectoryCsvWriter w = TrajectoryCsvWriter.open(f, 2, false)) {
            w.write(Trajectory.ofAxes("é", 1, new double[] {1}, new double[] {2}));
        }
        assertEquals("particle,frame,x,y\né,0,1.0,2.0\n", Files.readString(f, StandardCharsets.UTF_8));
    }

    @Test
    void writerRefusesMismatchedTracks() {
        StringWriter sw = new StringWriter();
        try (TrajectoryCsvWriter w = TrajectoryCsvWriter.open(sw, 2, true)) {
            Trajectory plain = Trajectory.ofAxes("p", 1, new double[] {1}, new double[] {2});
            assertTrue(assertThrows(InvalidTrajectoryException.class, () -> w.write(plain)).getMessage()
                    .contains("'p'"));
            Trajectory threeD = Trajectory.ofAxes("q", 1, new double[] {1}, new double[] {2}, new double[] {3});
            assertThrows(InvalidTrajectoryException.class, () -> w.write(threeD));
        }
        assertThrows(IllegalArgumentException.class, () -> TrajectoryCsvWriter.open(new StringWriter(), 4, false));
    }

    @Test
    void segmentationsRoundTrip() {
        SplittableRandom rnd = new SplittableRandom(3);
        List<Segmentation> segs = new ArrayList<>();
        for (int t = 0; t < 20; t++) {
            int n = 1 + rnd.nextInt(40);
            int[] frames = new int[n];
            double[] p = new double[4 * n];
            for (int i = 0; i < n; i++) {
                frames[i] = 10 + 2 * i;
                double sum = 0;
                for (int k = 0; k < 4; k++) {
                    p[4 * i + k] = rnd.nextDouble();
                    sum += p[4 * i + k];
                }
                for (int k = 0; k < 4; k++) {
                    p[4 * i + k] /= sum;
                }
            }
            segs.add(Segmentation.ofFlat(t == 0 ? "x,\"y\"" : "s" + t, frames, p));
        }
        segs.add(Segmentation.oneHot("hot", new int[] {0, 1, 2}, new int[] {1, 1, 3}));
        Path f = dir.resolve("seg.csv");
        try (SegmentationCsvWriter w = SegmentationCsvWriter.open(f)) {
            segs.forEach(w::write);
        }
        List<Segmentation> back = SegmentationCsvReader.read(f);
        assertEquals(segs, back);
        assertArrayEquals(new int[] {1, 1, 3}, back.get(back.size() - 1).stateIndices());
    }

    @Test
    void segmentationHeader() {
        StringWriter sw = new StringWriter();
        try (SegmentationCsvWriter w = SegmentationCsvWriter.open(sw)) {
            w.write(Segmentation.oneHot("a", new int[] {5}, new int[] {2}));
        }
        assertEquals("particle,frame,state,p_normal,p_directed,p_confined,p_subdiffusive,reliable,reason,segment\n"
                + "a,5,2,0.0,0.0,1.0,0.0,,,0\n", sw.toString());
    }

    @Test
    void splitsRoundTripThroughTheSegmentColumn() {
        // states 0 0 0 0 2 2 2, split at 2 (a change of D inside the run of 0): segments 0 0 1 1 2 2 2
        Segmentation split = Segmentation.oneHot("d", new int[] {0, 1, 2, 3, 4, 5, 6}, new int[] {0, 0, 0, 0, 2, 2, 2})
                .withSplits(new int[] {2});
        StringWriter sw = new StringWriter();
        try (SegmentationCsvWriter w = SegmentationCsvWriter.open(sw)) {
            w.write(split);
        }
        assertTrue(sw.toString().contains("\nd,2,0,1.0,0.0,0.0,0.0,,,1\n"), sw.toString());
        List<Segmentation> back = SegmentationCsvReader.read(new StringReader(sw.toString()), "seg.csv");
        assertEquals(List.of(split), back);
        assertArrayEquals(new int[] {2, 4}, back.get(0).changePointIndices());
        // a file without the column (written before it existed) has no splits
        String old = sw.toString().replace(",segment\n", "\n").replaceAll(",\\d+\n", "\n");
        assertArrayEquals(new int[0], SegmentationCsvReader.read(new StringReader(old), "old.csv").get(0)
                .splitIndices());
    }

    @Test
    void segmentColumnMustFollowTheSegments() {
        String head = "particle,frame,state,p_normal,p_directed,p_confined,p_subdiffusive,reliable,reason,segment\n";
        String[] bad = {
            "a,0,0,1,0,0,0,,,1\n",                                   // does not start at 0
            "a,0,0,1,0,0,0,,,0\na,1,0,1,0,0,0,,,2\n",               // skips a segment
            "a,0,0,1,0,0,0,,,0\na,1,2,0,0,1,0,,,0\n",               // a change of state without a new segment
            "a,0,0,1,0,0,0,,,0\na,1,0,1,0,0,0,,,\n",                // numbers and empty cells mixed
            "a,0,0,1,0,0,0,,,x\n",                                   // not a number
        };
        for (String rows : bad) {
            InputFormatException e = assertThrows(InputFormatException.class,
                    () -> SegmentationCsvReader.read(new StringReader(head + rows), "seg.csv"), rows);
            assertTrue(e.getMessage().contains("segment"), e.getMessage());
        }
    }

    @Test
    void issueReportQuotesProperly() throws IOException {
        List<TrackIssue> issues = List.of(TrackIssue.rejected("7", "has 1 point; minimum is 2"),
                TrackIssue.modified("a,b", "split at gaps into piece 'a,b.1' (frames 0..4); missing \"5\""),
                TrackIssue.rejected("m", "line one\nline two"));
        Path f = dir.resolve("issues.csv");
        IssueReportWriter.write(f, issues);
        String text = Files.readString(f, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("particle,kind,detail\n7,REJECTED,has 1 point; minimum is 2\n"), text);
        try (CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(Files.newBufferedReader(f))) {
            List<CSVRecord> recs = p.getRecords();
            assertEquals(3, recs.size());
            for (int i = 0; i < 3; i++) {
                assertEquals(issues.get(i).trackId(), recs.get(i).get("particle"));
                assertEquals(issues.get(i).kind().name(), recs.get(i).get("kind"));
                assertEquals(issues.get(i).detail(), recs.get(i).get("detail"));
            }
        }
    }
}
