package org.deepspt.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deepspt.api.Prediction;
import org.deepspt.api.Segment;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Segmenter;
import org.deepspt.api.SegmenterOptions;
import org.deepspt.api.Segmenters;
import org.deepspt.api.Trajectory;
import org.deepspt.baseline.RollingMsdSegmenter;
import org.deepspt.fingerprint.DiffusionalFingerprint;
import org.deepspt.io.ReadOptions;
import org.deepspt.io.ReadResult;
import org.deepspt.io.TrackReaders;
import org.deepspt.msd.MsdFit;
import org.deepspt.msd.MsdFitter;
import org.deepspt.msd.SegmentMotionFitter;
import org.deepspt.pipeline.Pipeline;
import org.deepspt.pipeline.PipelineResult;
import org.deepspt.pipeline.TrackResult;
import org.deepspt.sim.SimulationConfig;
import org.deepspt.sim.Simulator;
import org.junit.jupiter.api.Test;

/** The README's Java example, on the bundled example file. Keep the two in sync. */
class ReadmeJavaExampleTest {

    @Test
    void readSegmentFit() {
        List<String> lines = new ArrayList<>();
        // --- README ---
        ReadResult read = TrackReaders.read(Path.of("../examples/tracks-2d.csv"),
                ReadOptions.builder().frameInterval(0.05).minLength(20).build());
        read.issues().forEach(i -> lines.add(i.trackId() + ": " + i.kind() + " " + i.detail()));

        try (Segmenter unet = Segmenters.open("unet", read.dimension(), SegmenterOptions.defaults())) {
            for (Trajectory t : read.trajectories()) {
                // D (um^2/s^alpha) and alpha of every segment from its MSD at lags 1 and 2 (status two_lags, or the
                // status saying why not)
                Segmentation s = SegmentMotionFitter.defaults().estimate(t, unet.segment(t));
                for (Segment seg : s.segments()) {
                    lines.add(String.format("%s frames %d-%d %s (p=%.2f) D=%.4f alpha=%.2f %s", t.id(),
                            seg.startFrame(), seg.endFrame(), seg.state(), seg.meanProbability(),
                            seg.motion().diffusionCoefficient(), seg.motion().alpha(), seg.motion().status().label()));
                }
                MsdFit fit = MsdFitter.defaults().fit(t);  // whole track, lags 1..min(N/4, 30)
                lines.add(String.format("alpha=%.2f+-%.2f D=%.4f um^2/s^alpha %s", fit.alpha(), fit.alphaError(),
                        fit.diffusionCoefficient(), fit.status().label()));
            }
        }
        // --- end README ---
        assertEquals(50, read.trajectories().size() + read.issues().size());
        assertTrue(lines.stream().anyMatch(l -> l.contains("SUBDIFFUSIVE")));
        assertTrue(lines.stream().filter(l -> l.startsWith("alpha=")).count() >= 40);
        // every track of ≥ 20 points is fitted; segments say whether they were
        assertTrue(lines.stream().filter(l -> l.startsWith("alpha=")).allMatch(l -> !l.startsWith("alpha=NaN")));
        // a segment's own statuses, and ok for a one-segment subdiffusive or confined track (the whole-track fit)
        assertTrue(lines.stream().filter(l -> l.contains(" frames ")).allMatch(l -> l.endsWith(" two_lags")
                || l.endsWith(" alpha_from_state") || l.endsWith(" cage_saturated") || l.endsWith(" ok")
                || l.endsWith(" at_bound") || l.endsWith(" too_few_lags") || l.endsWith(" no_motion")), lines::toString);
        assertTrue(lines.stream().filter(l -> l.contains(" frames ")).anyMatch(l -> l.endsWith(" two_lags")));
    }

    @Test
    void pipeline() {
        ReadResult read = TrackReaders.read(Path.of("../examples/tracks-2d.csv"), ReadOptions.defaults());
        List<String> labels = new ArrayList<>();
        // --- README (the classifier line trains one here instead of loading a file) ---
        Pipeline pipeline = Pipeline.builder()
                .segmenter(RollingMsdSegmenter.defaults())
                .fingerprints(DiffusionalFingerprint.defaults())
                .threads(4)
                .build();
        PipelineResult result = pipeline.run(read.trajectories());
        for (TrackResult r : result.results()) {
            double alpha = r.fingerprint().orElseThrow().value("alpha");
            String label = r.prediction().map(Prediction::label).orElse("-");
            labels.add(label + ":" + (alpha >= 0));
        }
        // --- end README ---
        assertEquals(50, result.results().size() + result.issues().size());
        assertTrue(labels.stream().allMatch(l -> l.startsWith("-:")));
        assertEquals(result, Pipeline.builder().segmenter(RollingMsdSegmenter.defaults())
                .fingerprints(DiffusionalFingerprint.defaults()).threads(1).build().run(read.trajectories()));
    }

    @Test
    void simulate() {
        // --- README ---
        Simulator sim = Simulator.of(SimulationConfig.builder(2).fixedSnr(4).build());
        List<Trajectory> tracks = sim.simulate(1_000, 42L);
        // --- end README ---
        assertEquals(1000, tracks.size());
        assertEquals(tracks, sim.simulate(1_000, 42L));
        assertTrue(tracks.get(0).hasStates());
    }
}
