package org.deepspt.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.StringWriter;
import java.util.List;
import org.deepspt.TestTracks;
import org.deepspt.api.Trajectory;
import org.deepspt.msd.MsdFitter;
import org.junit.jupiter.api.Test;

class MsdCsvWriterTest {

    @Test
    void boundFlagsAreTheLastColumns() {
        TestTracks gen = TestTracks.seeded(3);
        Trajectory brownian = gen.brownian("b", 200, 0.1, 0.1, 2, 0);
        Trajectory still = gen.jitter("still", 100, 1e-6, 0.1, 2);
        MsdFitter fitter = MsdFitter.defaults();
        StringWriter out = new StringWriter();
        try (MsdCsvWriter w = MsdCsvWriter.open(out)) {
            for (Trajectory t : List.of(brownian, still)) {
                w.write(t.id(), t.size(), fitter.fit(t), fitter.fitWithLocalizationError(t));
            }
        }
        String[] lines = out.toString().split("\n");
        assertEquals("particle,points,alpha,D,offset,chi2,p_value,r_squared,lags,converged,D_brownian,sigma_loc,"
                + "msd_fit_at_bound,brownian_fit_at_bound", lines[0]);
        String[] b = lines[1].split(",");
        String[] s = lines[2].split(",");
        assertEquals(14, b.length);
        assertEquals("none", b[12]);
        assertEquals("none", b[13]);
        assertEquals("1.0E-9", s[3]);
        assertEquals(fitter.fit(still).atBound().label(), s[12]);
        assertEquals("D", s[12].substring(0, 1));
        assertEquals("D", s[13]);
    }
}
