package org.deepspt.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.util.List;
import org.deepspt.TestTracks;
import org.deepspt.api.Trajectory;
import org.deepspt.msd.MsdFitter;
import org.junit.jupiter.api.Test;

class MsdCsvWriterTest {

    @Test
    void flagsAndStatusesAreWrittenForEveryTrack() {
        TestTracks gen = TestTracks.seeded(3);
        Trajectory brownian = gen.brownian("b", 200, 0.1, 0.1, 2, 0);
        Trajectory still = gen.jitter("still", 100, 1e-6, 0.1, 2);
        Trajectory shortOne = gen.brownian("short", 7, 0.1, 0.1, 2, 0);
        MsdFitter fitter = MsdFitter.defaults();
        StringWriter out = new StringWriter();
        try (MsdCsvWriter w = MsdCsvWriter.open(out)) {
            for (Trajectory t : List.of(brownian, still, shortOne)) {
                w.write(t.id(), t.size(), fitter.fit(t), fitter.fitWithLocalizationError(t));
            }
        }
        String[] lines = out.toString().split("\n");
        assertEquals("particle,points,alpha,alpha_se,D,D_se,offset,chi2,p_value,r_squared,lags,converged,D_brownian,"
                + "sigma_loc,msd_fit_at_bound,brownian_fit_at_bound,offset_clamped,sigma_loc_clamped,msd_fit_status,"
                + "brownian_fit_status", lines[0]);
        String[] b = lines[1].split(",");
        String[] s = lines[2].split(",");
        String[] t = lines[3].split(",");
        assertEquals(20, b.length);
        assertEquals("none", b[14]);
        assertEquals("none", b[15]);
        assertEquals("ok", b[18]);
        assertTrue(Double.parseDouble(b[3]) > 0, "alpha_se " + b[3]);
        assertTrue(Double.parseDouble(b[5]) > 0, "D_se " + b[5]);
        assertEquals("1.0E-9", s[4]);
        assertEquals(fitter.fit(still).atBound().label(), s[14]);
        assertEquals("D", s[14].substring(0, 1));
        assertEquals("D", s[15]);
        assertEquals("at_bound", s[18]);
        assertEquals("at_bound", s[19]);
        // 7 points: one lag under the ⌊N/4⌋ rule, no anomalous fit; the Brownian fit uses 3 candidate lags
        assertEquals("short", t[0]);
        assertEquals("NaN", t[2]);
        assertEquals("NaN", t[4]);
        assertEquals("1", t[10]);
        assertEquals("false", t[11]);
        assertEquals("too_few_lags", t[18]);
        assertEquals(fitter.fitWithLocalizationError(shortOne).status().label(), t[19]);
    }
}
