package org.deepspt.fiji;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ij.ImagePlus;
import ij.gui.Line;
import ij.gui.Overlay;
import ij.measure.ResultsTable;
import ij.process.ByteProcessor;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.Segmenters;
import org.deepspt.classify.ClassifierTrainer;
import org.deepspt.classify.ContextMismatchException;
import org.deepspt.classify.TrackClassifiers;
import org.deepspt.classify.TrackFingerprints;
import org.deepspt.fingerprint.FingerprintContext;
import org.deepspt.fingerprint.FingerprintFeature;
import org.deepspt.io.BranchPolicy;
import org.deepspt.io.TrackColumns;
import org.deepspt.pipeline.PostProcessing;
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
    /**
     * What the reader says about how the file was read reaches the plugin's warnings, worded for the dialog: a frame
     * interval typed in the dialog against the file's own (0.1 s) is named with both values (before: the CLI printed
     * it, the plugin said nothing).
     */
    @Test
    void theDialogsFrameIntervalAgainstTheFilesIsAWarning() {
        TrackAnalysis.Outcome o = TrackAnalysis.run(new TrackAnalysis.Settings(xml, dir.resolve("fi"), "rolling-msd",
                "auto", 0.5, Double.NaN, BranchPolicy.PATHS, null), n -> { }, () -> false);
        assertEquals(1, o.warnings().size(), o.warnings().toString());
        String w = o.warnings().get(0);
        assertTrue(w.startsWith("tracks.xml: the dialog's frame interval 0.5 s conflicts with the file's frame "
                + "interval 0.1 s"), w);
        assertTrue(TrackAnalysis.run(settings(dir.resolve("same")), n -> { }, () -> false).warnings().isEmpty());
    }

    @Test
    void tracksTableShowsTheReliabilityVerdict() throws Exception {
        TrackAnalysis.Outcome o = TrackAnalysis.run(new TrackAnalysis.Settings(xml, dir.resolve("unet"), "unet", "auto",
                Double.NaN, Double.NaN, BranchPolicy.PATHS, null), n -> { }, () -> false);
        ResultsTable tracks = Tables.tracks(o);
        assertEquals(0, (int) tracks.getValue("reliable", 0));   // 8 points: too short to be reliable
        assertTrue(tracks.getStringValue("reason", 0).startsWith("too_short:8"), tracks.getStringValue("reason", 0));
        // the neural default's post-processing, worded as analyze words its defaults
        assertEquals(List.of("2", "0.1", "µm", "unet", "smooth=9.0;refine=on;d-changes=on;min-segment=1", ""
                + FingerprintFeature.DEFINITION_VERSION), contextColumns(dir.resolve("unet")));
    }

    /**
     * fingerprints.csv has the context columns of analyze, so that classify can check a classifier against it
     * (before: only the track columns; found by review).
     */
    @Test
    void fingerprintsCsvHasTheContextColumns() throws Exception {
        Path out = dir.resolve("context");
        TrackAnalysis.run(settings(out), n -> { }, () -> false);
        // rolling-MSD is smoothed by the pipeline as analyze smooths it (before: not at all, so a classifier trained
        // with analyze warned about post-processing here)
        assertEquals(List.of("2", "0.1", "µm", "rolling-msd", "smooth=9.0;refine=off;d-changes=off;min-segment=1",
                "" + FingerprintFeature.DEFINITION_VERSION), contextColumns(out));
    }

    /**
     * The plugin post-processes through the library's {@link PostProcessing} at {@code analyze}'s defaults, as the
     * CLI does with its options at their defaults ({@code PostProcessingParityTest} in deepspt-cli checks the CLI
     * side against the same call): what it records is that call's wording for the segmenter it opens.
     */
    @Test
    void postProcessingIsTheLibrarysAtAnalyzesDefaults() throws Exception {
        assertEquals(PostProcessing.defaults(), TrackAnalysis.POST_PROCESSING);
        for (String model : List.of("rolling-msd", "unet")) {
            Path out = dir.resolve("post-" + model);
            TrackAnalysis.run(new TrackAnalysis.Settings(xml, out, model, "auto", Double.NaN, Double.NaN,
                    BranchPolicy.PATHS, null), n -> { }, () -> false);
            try (Segmenter s = Segmenters.open(model, 2, SegmenterOptions.defaults())) {
                assertEquals(PostProcessing.defaults().describe(s), contextColumns(out).get(4), model);
            }
        }
    }

    /**
     * A classifier trained on 2D fingerprints is refused on 3D tracks before any track is segmented, naming both
     * dimensions (before: it gave labels silently; found by review).
     */
    @Test
    void classifierOfAnotherDimensionIsRefused() throws Exception {
        Path model = classifier(FingerprintContext.UNKNOWN.withDimension(2));
        Path in = randomWalks("walks3d.csv", 3);
        Path out = dir.resolve("refused");
        var s = new TrackAnalysis.Settings(in, out, "rolling-msd", "auto", 0.1, Double.NaN, BranchPolicy.PATHS,
                model);
        ContextMismatchException e = assertThrows(ContextMismatchException.class,
                () -> TrackAnalysis.run(s, n -> { }, () -> false));
        assertTrue(e.getMessage().contains("2D tracks") && e.getMessage().contains("has 3D tracks")
                && e.getMessage().contains(model.toString()), e.getMessage());
        assertFalse(Files.exists(out.resolve("fingerprints.csv")));
    }

    /** Other differences are one warning line in the outcome, which the plugin logs; the run goes on. */
    @Test
    void otherDifferencesAreOneWarning() throws Exception {
        Path model = classifier(FingerprintContext.of(2, List.of(1.0), "µm", "rolling-msd",
                "smooth=9.0;refine=off;d-changes=off;min-segment=1"));   // as analyze --model rolling-msd records it
        var s = new TrackAnalysis.Settings(randomWalks("walks2d.csv", 2), dir.resolve("warned"), "rolling-msd", "auto",
                0.1, Double.NaN, BranchPolicy.PATHS, model);
        TrackAnalysis.Outcome o = TrackAnalysis.run(s, n -> { }, () -> false);
        assertEquals(1, o.warnings().size(), o.warnings().toString());
        assertTrue(o.warnings().get(0).contains("frame interval 0.1 s (classifier: 1 s)"), o.warnings().get(0));
        assertFalse(o.warnings().get(0).contains("smooth="), "Fiji post-processes as analyze does, so no "
                + "post-processing difference is named: " + o.warnings().get(0));
        assertTrue(Files.exists(dir.resolve("warned").resolve("predictions.csv")));
    }

    /** @return the six context columns of the first row of fingerprints.csv in out */
    private static List<String> contextColumns(Path out) throws Exception {
        List<String> lines = Files.readAllLines(out.resolve("fingerprints.csv"));
        List<String> header = List.of(lines.get(0).split(",", -1));
        List<String> row = List.of(lines.get(1).split(",", -1));
        int at = header.indexOf(TrackColumns.DIMENSION);
        assertEquals(TrackColumns.CONTEXT, header.subList(at, at + 6), header.toString());
        return row.subList(at, at + 6);
    }

    /** Writes 6 random walks of 40 points (0.1 µm steps per axis) in the given dimension; seeded. */
    private Path randomWalks(String name, int dimension) throws Exception {
        java.util.Random rng = new java.util.Random(7);
        StringBuilder sb = new StringBuilder(dimension == 3 ? "particle,frame,x,y,z\n" : "particle,frame,x,y\n");
        for (int t = 0; t < 6; t++) {
            double[] p = new double[dimension];
            for (int f = 0; f < 40; f++) {
                sb.append('t').append(t).append(',').append(f);
                for (int d = 0; d < dimension; d++) {
                    p[d] += 0.1 * rng.nextGaussian();
                    sb.append(',').append(p[d]);
                }
                sb.append('\n');
            }
        }
        return Files.writeString(dir.resolve(name), sb);
    }

    /** A classifier file trained on the fingerprints of 2D random walks, recording the given context. */
    private Path classifier(FingerprintContext context) throws Exception {
        TrackAnalysis.Outcome o = TrackAnalysis.run(new TrackAnalysis.Settings(randomWalks("train.csv", 2),
                dir.resolve("train"), "rolling-msd", "auto", 0.1, Double.NaN, BranchPolicy.PATHS, null), n -> { },
                () -> false);
        List<Fingerprint> fps = o.results().stream().map(r -> r.fingerprint().orElseThrow()).toList();
        List<String> labels = new java.util.ArrayList<>();
        for (int i = 0; i < fps.size(); i++) {
            labels.add(i % 2 == 0 ? "a" : "b");
        }
        Path file = dir.resolve("classifier.json");
        TrackClassifiers.save(ClassifierTrainer.logistic().build().train(fps, labels).withContext(context), file);
        return file;
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
