package org.deepspt.io;

import static org.deepspt.io.IoTestSupport.assertAccounted;
import static org.deepspt.io.IoTestSupport.resource;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;

class DeepSptCsvReaderTest {
    private static final double EPS = 1e-12;

    @Test
    void trackpyFileGoldenValuesWithPixelSizeAndFrameInterval() {
        ReadOptions opt = ReadOptions.builder().pixelSize(0.1).frameInterval(0.05).build();
        ReadResult r = TrackReaders.read(resource("deepspt_trackpy.csv"), opt);
        assertEquals(List.of(), r.issues());
        assertEquals(2, r.trajectories().size());
        Trajectory t7 = r.trajectories().get(0);
        Trajectory t3 = r.trajectories().get(1);
        assertEquals("7", t7.id(), "order of first appearance");
        assertEquals("3", t3.id());
        assertEquals(2, t7.dimension());
        assertEquals(0.05, t7.frameInterval(), 0);
        assertArrayEquals(new int[] {0, 1, 2, 3}, t7.frames(), "rows sorted by frame");
        assertArrayEquals(new double[] {2.025, 2.125, 2.225, 2.325}, t7.axis(0), EPS);
        assertArrayEquals(new double[] {1.05, 1.15, 1.25, 1.35}, t7.axis(1), EPS);
        assertArrayEquals(new int[] {0, 1, 2}, t3.frames());
        assertArrayEquals(new double[] {0.6, 0.65, 0.7}, t3.axis(0), EPS);
        assertArrayEquals(new double[] {0.5, 0.55, 0.6}, t3.axis(1), EPS);
        assertFalse(t7.hasStates());
        assertAccounted(List.of("7", "3"), r);
    }

    @Test
    void defaultsKeepMicronsAndOneSecond() {
        ReadResult r = TrackReaders.read(resource("deepspt_trackpy.csv"), ReadOptions.defaults());
        Trajectory t7 = r.trajectories().get(0);
        assertEquals(1.0, t7.frameInterval(), 0);
        assertEquals(20.25, t7.x(0), 0);
    }

    @Test
    void statesAnd3d() {
        ReadResult r = TrackReaders.read(resource("deepspt_states_3d.csv"), ReadOptions.defaults());
        assertEquals(2, r.trajectories().size());
        Trajectory a = r.trajectories().get(0);
        Trajectory b = r.trajectories().get(1);
        assertEquals("a", a.id());
        assertEquals(3, a.dimension());
        assertArrayEquals(new double[] {0.5, 0.6, 0.7}, a.axis(2), 0);
        assertTrue(a.hasStates());
        assertArrayEquals(new int[] {0, 1, 1}, a.stateIndices());
        assertArrayEquals(new int[] {5, 6}, b.frames());
        assertArrayEquals(new int[] {3, 2}, b.stateIndices());
    }

    @Test
    void zColumnOfZerosIsTwoD() {
        ReadResult r = IoTestSupport.readCsv("x,y,z,particle,frame\n1,2,0,p,0\n1.5,2.5,0.0,p,1\n",
                ReadOptions.defaults());
        assertEquals(2, r.trajectories().get(0).dimension());
    }

    @Test
    void columnOverridesAndSynonyms() {
        String csv = "X_um;Y_um;id;frame\n1;2;s1;0\n3;4;s1;1\n";
        ReadOptions opt = ReadOptions.builder().column("x", "x_UM").column("y", "Y_um").column("particle", "ID")
                .build();
        ReadResult r = IoTestSupport.readCsv(csv, opt);
        Trajectory t = r.trajectories().get(0);
        assertEquals("s1", t.id());
        assertArrayEquals(new double[] {1, 3}, t.axis(0), 0);
        ReadResult syn = IoTestSupport.readCsv("TRACK_ID\tFrame\tX\tY\n4\t0\t1\t1\n4\t1\t2\t2\n",
                ReadOptions.defaults());
        assertEquals("4", syn.trajectories().get(0).id());
    }

    @Test
    void timeColumnGivesFrameInterval() {
        ReadResult r = IoTestSupport.readCsv("particle,frame,t,x,y\n1,10,0.5,0,0\n1,11,0.525,1,1\n1,13,0.575,2,2\n",
                ReadOptions.builder().gapPolicy(GapPolicy.INTERPOLATE).build());
        assertEquals(0.025, r.trajectories().get(0).frameInterval(), 1e-12);
    }

    @Test
    void quotedIdsAndFloatFrames() {
        ReadResult r = IoTestSupport.readCsv("particle,frame,x,y\n\"a,b\",0.0,1,1\n\"a,b\",1.0,2,2\n",
                ReadOptions.defaults());
        assertEquals("a,b", r.trajectories().get(0).id());
        assertArrayEquals(new int[] {0, 1}, r.trajectories().get(0).frames());
    }
}
