package org.deepspt.cli;

import static org.deepspt.cli.CliRun.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CliEndToEndTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void simulateSegmentEvaluate(int dim) throws Exception {
        Path tracks = dir.resolve("tracks.csv");
        Path seg = dir.resolve("seg.csv");
        CliRun sim = run("simulate", "--dim", "" + dim, "--tracks", "40", "--seed", "7", "--out", tracks.toString());
        assertEquals(0, sim.code(), sim.err());
        List<String> lines = Files.readAllLines(tracks, StandardCharsets.UTF_8);
        assertEquals(dim == 2 ? "particle,frame,x,y,true_D,true_alpha,state"
                : "particle,frame,x,y,z,true_D,true_alpha,state", lines.get(0));

        Path segments = dir.resolve("segments.csv");
        CliRun s = run("segment", "--model", "rolling-msd", "--in", tracks.toString(), "--out", seg.toString(),
                "--segments", segments.toString());
        assertEquals(0, s.code(), s.err());
        List<String> segLines = Files.readAllLines(seg, StandardCharsets.UTF_8);
        assertEquals("particle,frame,state,p_normal,p_directed,p_confined,p_subdiffusive,reliable,reason,segment,"
                + (dim == 2 ? "x,y" : "x,y,z") + ",interpolated", segLines.get(0));
        // one row per segment: its points add up to the points of the segmentation, its frames match
        List<String> segmentLines = Files.readAllLines(segments, StandardCharsets.UTF_8);
        assertEquals("particle,segment,first_frame,last_frame,points,state,mean_probability,D,D_se,alpha,alpha_se,"
                + "lags,fit_status", segmentLines.get(0));
        long segmentPoints = 0;
        for (String l : segmentLines.subList(1, segmentLines.size())) {
            String[] c = l.split(",");
            int n = Integer.parseInt(c[4]);
            segmentPoints += n;
            assertEquals(Integer.parseInt(c[3]) - Integer.parseInt(c[2]) + 1, n, l); // simulated tracks have no gaps
            // the default per-segment estimate is the two-lag one: every segment of >= 3 points has D and alpha
            assertTrue(n < 3 ? c[12].equals("too_few_lags")
                    : c[12].equals("two_lags") || c[12].equals("alpha_from_state") || c[12].equals("at_bound"), l);
            if (n >= 3 && c[5].equals("0")) { // normal: alpha is 1 by the state, not measured, and says so
                assertEquals("alpha_from_state", c[12], l);
            }
            if (c[12].equals("at_bound")) { // the measured alpha clamped at 0 or 2, without its SE
                assertTrue(c[9].equals("0.0") || c[9].equals("2.0"), l);
                assertEquals("NaN", c[10], l);
            } else if (c[12].equals("alpha_from_state")) { // D measured at alpha = 1 set by the state
                assertTrue(Double.parseDouble(c[7]) > 0 && Double.parseDouble(c[8]) > 0, l);
                assertTrue(c[9].equals("1.0") && c[10].equals("NaN"), l);
            } else if (c[12].equals("two_lags")) { // a measured alpha, with its positive SE
                assertTrue(Double.parseDouble(c[7]) > 0 && Double.parseDouble(c[8]) > 0, l);
                double alpha = Double.parseDouble(c[9]);
                assertTrue(alpha >= 0 && alpha <= 2, l);
                assertTrue(Double.parseDouble(c[10]) > 0, l);
            } else {
                assertEquals("NaN", c[7], l);
                assertEquals("NaN", c[9], l);
            }
        }
        assertEquals(segLines.size() - 1, segmentPoints);
        // Every simulated point is either segmented or its track is in the error report.
        Path report = dir.resolve("seg.csv.errors.csv");
        assertTrue(Files.exists(report));
        long rejectedPoints = 0;
        List<String> reportLines = Files.readAllLines(report, StandardCharsets.UTF_8);
        for (String r : reportLines.subList(1, reportLines.size())) {
            String id = r.substring(0, r.indexOf(','));
            rejectedPoints += lines.stream().skip(1).filter(l -> l.startsWith(id + ",")).count();
        }
        assertEquals(lines.size() - 1, segLines.size() - 1 + rejectedPoints);

        CliRun ev = run("evaluate", "--truth", tracks.toString(), "--pred", seg.toString());
        assertEquals(0, ev.code(), ev.err());
        assertTrue(ev.out().toLowerCase().contains("accuracy"), ev.out());

        Path msd = dir.resolve("msd.csv");
        CliRun m = run("msd", "--in", tracks.toString(), "--out", msd.toString());
        assertEquals(0, m.code(), m.err());
        assertTrue(Files.readAllLines(msd).get(0).startsWith("particle,points,alpha,alpha_se,D,D_se,"));
        assertTrue(Files.readAllLines(msd).get(0).endsWith(",msd_fit_status,brownian_fit_status"));
        // every row has a status; a track under 16 points has NaN with the reason
        for (String l : Files.readAllLines(msd).subList(1, Files.readAllLines(msd).size())) {
            String[] c = l.split(",");
            assertEquals(Integer.parseInt(c[1]) < 16, c[18].equals("too_few_lags"), l);
        }
    }

    @Test
    void minSegmentMergesShortSegments() throws Exception {
        Path tracks = dir.resolve("t.csv");
        Path seg = dir.resolve("s.csv");
        assertEquals(0, run("simulate", "--tracks", "20", "--seed", "9", "--length", "100", "--out",
                tracks.toString()).code());
        assertEquals(0, run("segment", "--model", "rolling-msd", "--min-segment", "8", "--in", tracks.toString(),
                "--out", seg.toString()).code());
        List<org.deepspt.api.Segmentation> all = org.deepspt.io.SegmentationCsvReader.read(seg);
        assertEquals(20, all.size());
        int shortRuns = 0;
        for (org.deepspt.api.Segmentation s : all) {
            for (org.deepspt.api.Segment g : s.segments()) {
                if (g.length() < 8 && s.segments().size() > 1) {
                    shortRuns++;
                }
            }
        }
        assertEquals(0, shortRuns);
        // a usage error before the input is read: one line (review: the input's unit notes came first)
        for (String[] bad : new String[][] {{"--min-segment", "0"}, {"--smooth=-1"}}) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("segment", "--in",
                    tracks.toString(), "--out", seg.toString()));
            args.addAll(java.util.List.of(bad));
            CliRun r = run(args.toArray(String[]::new));
            assertEquals(2, r.code(), r.err());
            assertEquals(1, r.err().lines().count(), r.err());
        }
    }

    @Test
    void missingOutputFoldersAreCreated() throws Exception {
        Path tracks = dir.resolve("new/folder/t.csv");
        assertEquals(0, run("simulate", "--tracks", "3", "--out", tracks.toString()).code());
        Path seg = dir.resolve("other/s.csv");
        Path errors = dir.resolve("reports/e.csv");
        CliRun r = run("segment", "--model", "rolling-msd", "--in", tracks.toString(), "--out", seg.toString(),
                "--errors", errors.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Files.exists(seg) && Files.exists(errors));
    }

    @Test
    void sameSeedSameFile() throws Exception {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        assertEquals(0, run("simulate", "--tracks", "20", "--seed", "3", "--out", a.toString()).code());
        assertEquals(0, run("simulate", "--tracks", "20", "--seed", "3", "--out", b.toString()).code());
        assertEquals(-1L, Files.mismatch(a, b));
    }

    @Test
    void badInputGivesOneClearLineAndNonZeroExit() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "x,y,particle,frame\n1.0,2.0,1,0\n1.0,abc,1,1\n");
        CliRun r = run("segment", "--in", bad.toString(), "--out", dir.resolve("o.csv").toString());
        assertEquals(1, r.code());
        String[] errLines = r.err().strip().split("\n");
        assertEquals(1, errLines.length, r.err());
        assertTrue(errLines[0].contains("line 3") && errLines[0].contains("'y'"), r.err());
    }

    @Test
    void verbosePrintsTheStackTrace() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "x,y,particle,frame\n1.0,abc,1,1\n");
        CliRun r = run("segment", "--verbose", "--in", bad.toString(), "--out", dir.resolve("o.csv").toString());
        assertEquals(1, r.code());
        assertTrue(r.err().contains("\tat org.deepspt."), r.err());
    }

    @Test
    void userModelFromManifestPath() throws Exception {
        // The training pipeline's smoke-test ensemble, shipped as a test resource of deepspt-onnx.
        Path manifest = Path.of("../deepspt-onnx/src/test/resources/usermodel/smoke-2d.manifest.json");
        Path tracks = dir.resolve("t.csv");
        Path seg = dir.resolve("s.csv");
        assertEquals(0, run("simulate", "--tracks", "30", "--seed", "5", "--out", tracks.toString()).code());
        CliRun s = run("segment", "--model", manifest.toString(), "--threads", "2", "--in", tracks.toString(),
                "--out", seg.toString());
        assertEquals(0, s.code(), s.err());
        assertTrue(s.err().contains("with smoke-2d"), s.err());
        CliRun ev = run("evaluate", "--summary", "--truth", tracks.toString(), "--pred", seg.toString());
        assertEquals(0, ev.code(), ev.err());
        String[] lines = ev.out().strip().split("\n");
        assertEquals(2, lines.length);
        assertTrue(lines[1].startsWith("30,"), ev.out());
    }

    @Test
    void defaultModelIsTheBundledEnsembleIn2dAnd3d() throws Exception {
        Path t2 = dir.resolve("t2.csv");
        Path t3 = dir.resolve("t3.csv");
        Path seg = dir.resolve("s.csv");
        assertEquals(0, run("simulate", "--tracks", "25", "--seed", "4", "--out", t2.toString()).code());
        CliRun s = run("segment", "--in", t2.toString(), "--out", seg.toString());
        assertEquals(0, s.code(), s.err());
        assertTrue(s.err().contains("with deepspt-unet-2d"), s.err());
        assertTrue(accuracy4(t2, seg) > 0.6, "4-class accuracy of the shipped 2D ensemble on 25 tracks");

        assertEquals(0, run("simulate", "--dim", "3", "--tracks", "25", "--seed", "4", "--out", t3.toString()).code());
        CliRun s3 = run("segment", "--in", t3.toString(), "--out", seg.toString());
        assertEquals(0, s3.code(), s3.err());
        assertTrue(s3.err().contains("with deepspt-unet-3d"), s3.err());
        assertTrue(accuracy4(t3, seg) > 0.6, "4-class accuracy of the shipped 3D ensemble on 25 tracks");
    }

    private double accuracy4(Path truth, Path pred) {
        CliRun ev = run("evaluate", "--summary", "--truth", truth.toString(), "--pred", pred.toString());
        assertEquals(0, ev.code(), ev.err());
        return Double.parseDouble(ev.out().strip().split("\n")[1].split(",")[2]);
    }

    @Test
    void unknownModelIsAnError() {
        CliRun r = run("segment", "--model", "nope", "--in", "x.csv", "--out", dir.resolve("o.csv").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("unknown --model 'nope'"), r.err());
    }

    @Test
    void missingRequiredOptionIsAUsageError() {
        CliRun r = run("simulate", "--dim", "2");
        assertEquals(2, r.code());
        // One line naming the option, not the message followed by the whole usage help.
        assertEquals(List.of("deepspt simulate: usage error: Missing required options: '--tracks=N', "
                + "'--out=FILE.csv' (see 'deepspt simulate --help')"), r.err().lines().toList());
    }
}
