package org.deepspt.fingerprint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;

/**
 * Compares the non-fit features with golden values computed independently by
 * {@code src/test/resources/fingerprint/golden.py} (numpy; brute-force d_max, Jarvis march / brute-force
 * facets for the hull).
 */
class GoldenValuesTest {
    private static final double REL_TOL = 1e-9;

    @Test
    void nonFitFeaturesMatchNumpyReference() throws IOException {
        Map<String, Trajectory> tracks = readTracks();
        assertEquals(3, tracks.size());
        DiffusionalFingerprint fp = DiffusionalFingerprint.defaults();
        int compared = 0;
        for (String[] row : FingerprintResources.readCsv("expected.csv")) {
            Fingerprint f = fp.extract(tracks.get(row[0]));
            double expected = Double.parseDouble(row[2]);
            double actual = f.value(row[1]);
            double tol = REL_TOL * Math.max(Math.abs(expected), 1e-3);
            assertEquals(expected, actual, tol, row[0] + " " + row[1]);
            compared++;
        }
        assertTrue(compared >= 60, "compared " + compared + " values");
    }

    private static Map<String, Trajectory> readTracks() throws IOException {
        Map<String, List<double[]>> pts = new LinkedHashMap<>();
        Map<String, Double> dts = new LinkedHashMap<>();
        for (String[] r : FingerprintResources.readCsv("tracks.csv")) {
            boolean is3d = r.length > 4 && !r[4].isEmpty();
            double[] p = is3d ? new double[] {Double.parseDouble(r[2]), Double.parseDouble(r[3]), Double.parseDouble(r[4])}
                    : new double[] {Double.parseDouble(r[2]), Double.parseDouble(r[3])};
            pts.computeIfAbsent(r[0], k -> new ArrayList<>()).add(p);
            dts.put(r[0], Double.parseDouble(r[1]));
        }
        Map<String, Trajectory> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<double[]>> e : pts.entrySet()) {
            List<double[]> l = e.getValue();
            int dim = l.get(0).length;
            Trajectory.Builder b = Trajectory.builder(e.getKey(), dim, dts.get(e.getKey()));
            for (int i = 0; i < l.size(); i++) {
                b.add(i, l.get(i));
            }
            out.put(e.getKey(), b.build());
        }
        return out;
    }
}
