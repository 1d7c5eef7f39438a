package org.deepspt.io;

import static org.deepspt.io.IoTestSupport.readCsv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.deepspt.api.InputFormatException;
import org.deepspt.api.TrackIssue;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;

/** The in-memory assembler gives what the CSV reader gives for the same rows, under every policy. */
class TrackAssemblerTest {
    /** Unsorted rows; g has gaps (2..3, 6), d a duplicate frame, n a NaN, s one point, h is clean. */
    private static final String ROWS = """
            particle,frame,x,y
            g,0,0.0,0.0
            g,1,1.0,10.0
            g,4,4.0,40.0
            h,1,9.5,9.5
            h,0,9.0,9.0
            g,5,5.0,50.0
            d,0,1.0,1.0
            d,0,2.0,2.0
            n,0,1.0,1.0
            n,1,nan,1.0
            s,3,1.0,1.0
            g,7,7.0,70.0
            h,2,9.9,9.9
            """;

    private static ReadResult assemble(String csv, ReadOptions options, int dimension) {
        String[] lines = csv.strip().split("\n");
        boolean withZ = lines[0].endsWith(",z");
        int n = lines.length - 1;
        String[] p = new String[n];
        int[] f = new int[n];
        double[] x = new double[n];
        double[] y = new double[n];
        double[] z = withZ ? new double[n] : null;
        for (int i = 0; i < n; i++) {
            String[] c = lines[i + 1].split(",");
            p[i] = c[0];
            f[i] = Integer.parseInt(c[1]);
            x[i] = number(c[2]);
            y[i] = number(c[3]);
            if (withZ) {
                z[i] = number(c[4]);
            }
        }
        return TrackAssembler.assemble(p, f, x, y, z, dimension, options);
    }

    private static double number(String s) {
        return s.equals("nan") ? Double.NaN : Double.parseDouble(s);
    }

    private static void assertSame(ReadResult expected, ReadResult actual) {
        assertEquals(expected.trajectories(), actual.trajectories());
        assertEquals(kindsAndIds(expected), kindsAndIds(actual));
    }

    /** Ids and kinds; the details may name a line (reader) instead of a frame (assembler). */
    private static List<String> kindsAndIds(ReadResult r) {
        List<String> out = new ArrayList<>();
        for (TrackIssue i : r.issues()) {
            out.add(i.trackId() + " " + i.kind());
        }
        return out;
    }

    @Test
    void everyGapPolicyAsTheReader() {
        for (GapPolicy gaps : GapPolicy.values()) {
            ReadOptions o = ReadOptions.builder().gapPolicy(gaps).nonFinitePolicy(NonFinitePolicy.DROP_TRACK)
                    .minLength(2).pixelSize(0.1).frameInterval(0.03).build();
            ReadResult expected = readCsv(ROWS, o);
            ReadResult actual = assemble(ROWS, o, 0);
            assertSame(expected, actual);
            for (int i = 0; i < expected.issues().size(); i++) {
                TrackIssue e = expected.issues().get(i);
                if (!e.detail().contains("non-finite")) {
                    assertEquals(e, actual.issues().get(i), gaps.toString());
                }
            }
        }
    }

    @Test
    void nonFiniteWithErrorPolicyNamesTrackAndFrame() {
        InputFormatException e = assertThrows(InputFormatException.class,
                () -> assemble(ROWS, ReadOptions.defaults(), 0));
        assertTrue(e.getMessage().contains("track 'n'") && e.getMessage().contains("frame 1"), e.getMessage());
    }

    @Test
    void dimensionDetectedOrForced() {
        String flat = """
                particle,frame,x,y,z
                a,0,0.0,0.0,0.0
                a,1,1.0,1.0,0.0
                """;
        assertEquals(2, assemble(flat, ReadOptions.defaults(), 0).dimension());
        assertSame(readCsv(flat, ReadOptions.defaults()), assemble(flat, ReadOptions.defaults(), 0));
        Trajectory forced = assemble(flat, ReadOptions.defaults(), 3).trajectories().get(0);
        assertEquals(3, forced.dimension());
        String deep = flat.replace("a,1,1.0,1.0,0.0", "a,1,1.0,1.0,0.5");
        assertSame(readCsv(deep, ReadOptions.defaults()), assemble(deep, ReadOptions.defaults(), 0));
        assertEquals(2, assemble(deep, ReadOptions.defaults(), 2).dimension());
    }

    @Test
    void oneTrackAtATimeKeepsItsIssues() {
        ReadResult r = TrackAssembler.of(ReadOptions.defaults(), 2, "well A1").add("7", 2, 0, 0)
                .add("7", 0, 1, 1).finish();
        assertEquals(List.of("7.1", "7.2"), r.trajectories().stream().map(Trajectory::id).toList());
        assertEquals(2, r.issues().size());
        assertThrows(InputFormatException.class,
                () -> TrackAssembler.of(ReadOptions.defaults(), 2, "well A1").add(null, 0, 0, 0));
    }
}
