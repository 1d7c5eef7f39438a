package org.deepspt.msd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;

class MsdTest {

    private static Trajectory tinyTrack(List<double[]> expected) throws IOException {
        Trajectory.Builder b = Trajectory.builder("tiny", 2, 0.5);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                MsdTest.class.getResourceAsStream("/msd/tiny-track.csv"), StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.split(",");
                if (f[0].equals("point")) {
                    b.add(Integer.parseInt(f[1]), Double.parseDouble(f[2]), Double.parseDouble(f[3]));
                } else {
                    expected.add(new double[] {Integer.parseInt(f[1]), Double.parseDouble(f[2])});
                }
            }
        }
        return b.build();
    }

    @Test
    void goldenValuesOfHandComputedTrack() throws IOException {
        List<double[]> expected = new ArrayList<>();
        Trajectory t = tinyTrack(expected);
        double[] msd = Msd.timeAveraged(t, 4);
        assertEquals(4, expected.size());
        for (double[] e : expected) {
            assertEquals(e[1], msd[(int) e[0] - 1], 1e-12, "lag " + (int) e[0]);
        }
        assertArrayEquals(new int[] {4, 3, 2, 1}, Msd.pairCounts(t, 4));
        // low-level form gives the same numbers
        double[] out = new double[4];
        Msd.timeAveraged(new double[][] {t.axis(0), t.axis(1)}, 0, 5, 4, out);
        assertArrayEquals(msd, out, 1e-12);
        // a lag beyond the track has no pair
        double[] longer = Msd.timeAveraged(t, 5);
        assertTrue(Double.isNaN(longer[4]));
    }

    @Test
    void gapsUseFrameDifferences() {
        // the tiny track without frame 2
        Trajectory t = Trajectory.of("gappy", 1.0, new int[] {0, 1, 3, 4}, new double[] {0, 1, 3, 3},
                new double[] {0, 0, 2, 5});
        double[] msd = Msd.timeAveraged(t, 5);
        assertEquals(5.0, msd[0], 1e-12);   // (1 + 9) / 2
        assertEquals(8.0, msd[1], 1e-12);   // frames 1→3 only
        assertEquals(21.0, msd[2], 1e-12);  // (13 + 29) / 2
        assertEquals(34.0, msd[3], 1e-12);
        assertTrue(Double.isNaN(msd[4]));
        assertArrayEquals(new int[] {2, 1, 2, 1, 0}, Msd.pairCounts(t, 5));
    }

    @Test
    void threeDimensionsSumAllAxes() {
        Trajectory t = Trajectory.ofAxes("3d", 1.0, new double[] {0, 1, 2}, new double[] {0, 1, 2},
                new double[] {0, 1, 2});
        assertArrayEquals(new double[] {3, 12}, Msd.timeAveraged(t, 2), 1e-12);
    }

    @Test
    void defaultLagRuleOfThePaper() {
        assertEquals(0, Msd.defaultMaxLag(0));
        assertEquals(0, Msd.defaultMaxLag(1));
        assertEquals(1, Msd.defaultMaxLag(2));
        assertEquals(4, Msd.defaultMaxLag(5));
        assertEquals(19, Msd.defaultMaxLag(20));
        assertEquals(9, Msd.defaultMaxLag(21));
        assertEquals(99, Msd.defaultMaxLag(200));
        assertEquals(99, Msd.defaultMaxLag(201));
        assertThrows(IllegalArgumentException.class, () -> Msd.defaultMaxLag(-1));
        assertThrows(IllegalArgumentException.class,
                () -> Msd.timeAveraged(Trajectory.ofAxes("a", 1, new double[2], new double[2]), 0));
    }
}
