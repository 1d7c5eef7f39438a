package org.deepspt.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.gui.Line;
import ij.gui.Overlay;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.deepspt.io.BranchPolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The analysis, tables and overlay of the plugin, without ImageJ's window (no display needed). */
class TrackAnalysisTest {
    @TempDir
    Path dir;
    Path xml;

    @BeforeEach
    void copy() throws Exception {
        xml = dir.resolve("tracks.xml");
        try (InputStream in = TrackAnalysisTest.class.getResourceAsStream("/trackmate_lineage.xml")) {
            Files.copy(in, xml);
        }
    }

    private TrackAnalysis.Settings settings(Path out) {
        return new TrackAnalysis.Settings(xml, out, "rolling-msd", "auto", Double.NaN, Double.NaN,
                BranchPolicy.PATHS, null);
    }

    @Test
    void analysisWritesTheFilesAndFillsTheTables() {
        Path out = dir.resolve("out");
        AtomicInteger progress = new AtomicInteger();
        TrackAnalysis.Outcome o = TrackAnalysis.run(settings(out), progress::set, () -> false);
        assertEquals(5, o.results().size());
        assertEquals(5, progress.get());
        for (String f : new String[] {"segmentation.csv", "fingerprints.csv", "errors.csv", "report.html"}) {
            assertTrue(Files.exists(out.resolve(f)), f);
        }
        ResultsTable tracks = Tables.tracks(o);
        assertEquals(5, tracks.size());
        assertEquals("AB.a", tracks.getStringValue("track", 0));
        assertEquals(8, (int) tracks.getValue("points", 0));
        assertEquals(1, (int) tracks.getValue("interpolated", 0));
        double fractions = 0;
        for (String s : new String[] {"normal", "directed", "confined", "subdiffusive"}) {
            fractions += tracks.getValue("fraction_" + s, 0);
        }
        assertEquals(1, fractions, 1e-12);
        assertTrue(tracks.columnExists("D (µm²/s^α)"));
        // the mean top probability under its own name (it was "reliability", which read as the verdict); rolling-msd
        // gives no verdict
        assertTrue(tracks.columnExists("mean_max_probability") && !tracks.columnExists("reliability"));
        assertTrue(Double.isNaN(tracks.getValue("reliable", 0)));
        ResultsTable segments = Tables.segments(o);
        int points = 0;
        for (int i = 0; i < segments.size(); i++) {
            if (segments.getStringValue("track", i).equals("AB.a")) {
                points += (int) segments.getValue("points", i);
                assertEquals(segments.getValue("start_frame", i) * 0.1, segments.getValue("start_s", i), 1e-12);
            }
        }
        assertEquals(8, points, "segments cover the track");
    }

    /** The neural default gives each track a verdict: the tables show it as the CLI's segmentation file does. */
    @Test
    void tracksTableShowsTheReliabilityVerdict() {
        TrackAnalysis.Outcome o = TrackAnalysis.run(new TrackAnalysis.Settings(xml, dir.resolve("unet"), "unet", "auto",
                Double.NaN, Double.NaN, BranchPolicy.PATHS, null), n -> { }, () -> false);
        ResultsTable tracks = Tables.tracks(o);
        assertEquals(0, (int) tracks.getValue("reliable", 0));   // 8 points: too short to be reliable
        assertTrue(tracks.getStringValue("reason", 0).startsWith("too_short:8"), tracks.getStringValue("reason", 0));
    }

    @Test
    void cancelWritesNothing() {
        Path out = dir.resolve("cancelled");
        assertNull(TrackAnalysis.run(settings(out), n -> { }, () -> true));
        assertFalse(Files.exists(out.resolve("segmentation.csv")));
    }

    @Test
    void overlayOnlyOnAnImageWhoseCalibrationMatches() {
        TrackAnalysis.Outcome o = TrackAnalysis.run(settings(dir.resolve("o")), n -> { }, () -> false);
        ImagePlus imp = new ImagePlus("movie", new ByteProcessor(1000, 1000));
        assertTrue(TrackOverlay.mismatch(imp, o.read()).contains("does not match"), "uncalibrated image, µm tracks");
        imp.getCalibration().pixelWidth = 0.1;
        imp.getCalibration().pixelHeight = 0.1;
        imp.getCalibration().setUnit("micron");
        assertNull(TrackOverlay.mismatch(imp, o.read()));
        Overlay ov = TrackOverlay.of(imp, o.read(), o.results());
        Line first = (Line) ov.get(0);
        assertEquals(100.0, first.x1d, 1e-9, "10 µm at 0.1 µm/px");
        assertEquals(102.0, first.x2d, 1e-9);
        ImagePlus small = new ImagePlus("small", new ByteProcessor(100, 100));
        small.setCalibration(imp.getCalibration());
        assertTrue(TrackOverlay.mismatch(small, o.read()).contains("outside the image"));
    }

    /**
     * When every track is rejected while being read, the run fails but errors.csv lists every track with its reason
     * (before: only the first reason, in the message, and no errors.csv; found by review).
     */
    @Test
    void whenNoTrackCanBeReadEveryReasonIsInErrorsCsv() throws Exception {
        Path in = Files.writeString(dir.resolve("t.csv"), "particle,frame,x,y\nc,0,1,1\nc,0,2,2\nd,3,1,1\nd,3,2,2\n");
        Path out = dir.resolve("rejected");
        var s = new TrackAnalysis.Settings(in, out, "rolling-msd", "auto", Double.NaN, Double.NaN,
                org.deepspt.io.BranchPolicy.PATHS, null);
        org.deepspt.api.DeepSptException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.deepspt.api.DeepSptException.class, () -> TrackAnalysis.run(s, n -> { }, () -> false));
        assertTrue(e.getMessage().contains("no track could be read") && e.getMessage().contains("the reasons of all 2 "
                + "are in"), e.getMessage());
        String errors = Files.readString(out.resolve("errors.csv"));
        assertTrue(errors.contains("c,REJECTED") && errors.contains("d,REJECTED"), errors);
    }
}
