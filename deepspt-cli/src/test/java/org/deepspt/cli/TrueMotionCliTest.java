package org.deepspt.cli;

import static org.deepspt.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import org.deepspt.eval.SegmentationEvaluation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** simulate writes true_D and true_alpha; evaluate scores change points of state or D and segment D, α with them. */
class TrueMotionCliTest {

    @TempDir
    Path dir;

    private static Map<String, String> summary(CliRun ev) {
        String[] lines = ev.out().strip().split("\n");
        assertEquals(SegmentationEvaluation.SUMMARY_HEADER, lines[0]);
        String[] h = lines[0].split(",");
        String[] v = lines[1].split(",");
        assertEquals(h.length, v.length);
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < h.length; i++) {
            m.put(h[i], v[i]);
        }
        return m;
    }

    @Test
    void dChangeTracksCarryTheirTrueDAndEvaluateScoresThem() throws Exception {
        Path tracks = dir.resolve("d.csv");
        CliRun sim = run("simulate", "--dim", "2", "--tracks", "12", "--seed", "5", "--recipe", "wide", "--scenario",
                "d-change", "--length-min", "40", "--length-max", "120", "--no-progress", "--out", tracks.toString());
        assertEquals(0, sim.code(), sim.err());
        List<String> rows = Files.readAllLines(tracks);
        assertEquals("particle,frame,x,y,true_D,true_alpha,state", rows.get(0));
        // within a track the state never changes (d-change) and true_D changes by 10-100x where it does change
        int dChanges = 0;
        for (int r = 2; r < rows.size(); r++) {
            String[] a = rows.get(r - 1).split(",");
            String[] b = rows.get(r).split(",");
            if (!a[0].equals(b[0])) {
                continue;
            }
            assertEquals(a[6], b[6], "d-change keeps the class");
            if (!a[4].equals(b[4])) {
                dChanges++;
                double ratio = Double.parseDouble(b[4]) / Double.parseDouble(a[4]);
                double f = Math.max(ratio, 1 / ratio);
                assertTrue(f >= 10 - 1e-9 && f <= 100 + 1e-9, "D jump " + f);
            }
        }
        assertTrue(dChanges >= 12, "every track has >= 2 segments: " + dChanges);

        Path seg = dir.resolve("seg.csv");
        assertEquals(0, run("segment", "--model", "rolling-msd", "--no-progress", "--in", tracks.toString(), "--out",
                seg.toString()).code());
        CliRun ev = run("evaluate", "--summary", "--truth", tracks.toString(), "--pred", seg.toString());
        assertEquals(0, ev.code(), ev.err());
        Map<String, String> m = summary(ev);
        for (String k : List.of("andi2_cp_jaccard_state_d", "seg_alpha_mae", "seg_d_msle", "seg_d_sq_log_ratio")) {
            double v = Double.parseDouble(m.get(k));
            assertTrue(v >= 0 && Double.isFinite(v), k + " = " + m.get(k));
        }
        CliRun text = run("evaluate", "--truth", tracks.toString(), "--pred", seg.toString());
        assertTrue(text.out().contains("AnDi-2 with the true D (a change point wherever the state, the true D or the "
                + "true α changes)"), text.out());
    }

    /**
     * Hand-made truth and prediction. a: 30 points of state 0, true D 1 then 10 from point 15; predicted state 0 with
     * a split at 17. b: 20 points, state 0 then 3 from point 10, D constant; predicted all 0. c: 20 points of state 2,
     * D 1 then 0.05 from point 10; predicted all 2, no split.
     * States alone: a → E (no change either side), b → FN, c → E: Jaccard 2/3, RMSE 0.
     * State or D: a → TP (|15 − 17| = 2 < 10), b → FN, c → FN: Jaccard 1/3, RMSE 2.
     */
    @Test
    void handMadeChangePointsOfStateOrD() throws Exception {
        Random rnd = new Random(3);
        StringBuilder truth = new StringBuilder("particle,frame,x,y,true_D,true_alpha,state\n");
        StringBuilder pred = new StringBuilder("particle,frame,state,p_normal,p_directed,p_confined,p_subdiffusive,"
                + "segment\n");
        Object[][] tracks = {{"a", 30, 15, -1, 1.0, 10.0, 0, 17}, {"b", 20, -1, 10, 1.0, 1.0, 0, -1},
                {"c", 20, 10, -1, 1.0, 0.05, 2, -1}};
        for (Object[] t : tracks) {
            String id = (String) t[0];
            int n = (Integer) t[1];
            int dAt = (Integer) t[2];
            int stateAt = (Integer) t[3];
            int state = (Integer) t[6];
            int split = (Integer) t[7];
            double x = 0;
            double y = 0;
            for (int i = 0; i < n; i++) {
                double d = dAt >= 0 && i >= dAt ? (Double) t[5] : (Double) t[4];
                x += Math.sqrt(2 * d) * rnd.nextGaussian();
                y += Math.sqrt(2 * d) * rnd.nextGaussian();
                int s = stateAt >= 0 && i >= stateAt ? 3 : state;
                truth.append(String.format(Locale.ROOT, "%s,%d,%s,%s,%s,1.0,%d%n", id, i, x, y, d, s));
                String p = state == 0 ? "1,0,0,0" : "0,0,1,0";
                pred.append(String.format(Locale.ROOT, "%s,%d,%d,%s,%d%n", id, i, state, p,
                        split >= 0 && i >= split ? 1 : 0));
            }
        }
        Path truthFile = Files.writeString(dir.resolve("truth.csv"), truth);
        Path predFile = Files.writeString(dir.resolve("pred.csv"), pred);
        CliRun ev = run("evaluate", "--summary", "--truth", truthFile.toString(), "--pred", predFile.toString());
        assertEquals(0, ev.code(), ev.err());
        Map<String, String> m = summary(ev);
        assertEquals("0.6667", m.get("andi2_cp_jaccard"));
        assertEquals("0.000", m.get("andi2_cp_rmse"));
        assertEquals("0.3333", m.get("andi2_cp_jaccard_state_d"));
        assertEquals("2.000", m.get("andi2_cp_rmse_state_d"));

        // without the columns: the same class-only scores, NaN for the new ones
        StringBuilder plain = new StringBuilder("particle,frame,x,y,state\n");
        for (String line : truth.toString().split("\n")) {
            if (!line.startsWith("particle")) {
                String[] c = line.split(",");
                plain.append(String.join(",", c[0], c[1], c[2], c[3], c[6])).append('\n');
            }
        }
        Path plainFile = Files.writeString(dir.resolve("plain.csv"), plain);
        Map<String, String> old = summary(run("evaluate", "--summary", "--truth", plainFile.toString(), "--pred",
                predFile.toString()));
        assertEquals("0.6667", old.get("andi2_cp_jaccard"));
        for (String k : List.of("andi2_cp_jaccard_state_d", "andi2_cp_rmse_state_d", "seg_alpha_mae", "seg_d_msle",
                "seg_d_sq_log_ratio")) {
            assertEquals("NaN", old.get(k), k);
        }
    }

    @Test
    void aBadTrueDCellNamesItsLine() throws Exception {
        Path truth = Files.writeString(dir.resolve("t.csv"), "particle,frame,x,y,true_D,true_alpha,state\n"
                + "a,0,0,0,1,1,0\na,1,1,1,x,1,0\n");
        Path pred = Files.writeString(dir.resolve("p.csv"), "particle,frame,state,p_normal,p_directed,p_confined,"
                + "p_subdiffusive\na,0,0,1,0,0,0\na,1,0,1,0,0,0\n");
        CliRun ev = run("evaluate", "--truth", truth.toString(), "--pred", pred.toString());
        assertTrue(ev.code() != 0);
        assertTrue(ev.err().contains("line 3") && ev.err().contains("true_D"), ev.err());
    }
}
