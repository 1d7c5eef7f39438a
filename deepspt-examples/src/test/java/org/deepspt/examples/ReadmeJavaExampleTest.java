package org.deepspt.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.deepspt.api.Segment;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Segmenter;
import org.deepspt.api.Trajectory;
import org.deepspt.baseline.RollingMsdSegmenter;
import org.deepspt.io.ReadOptions;
import org.deepspt.io.ReadResult;
import org.deepspt.io.TrackReaders;
import org.deepspt.msd.MsdFit;
import org.deepspt.msd.MsdFitter;
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

        Segmenter segmenter = RollingMsdSegmenter.defaults();
        for (Trajectory t : read.trajectories()) {
            Segmentation s = segmenter.segment(t);
            for (Segment seg : s.segments()) {
                lines.add(String.format("%s frames %d-%d %s (p=%.2f)", t.id(), seg.startFrame(), seg.endFrame(),
                        seg.state(), seg.meanProbability()));
            }
            MsdFit fit = MsdFitter.defaults().fit(t);
            lines.add(String.format("alpha=%.2f D=%.4f um^2/s^alpha", fit.alpha(), fit.diffusionCoefficient()));
        }
        // --- end README ---
        assertEquals(50, read.trajectories().size() + read.issues().size());
        assertTrue(lines.stream().anyMatch(l -> l.contains("SUBDIFFUSIVE")));
        assertTrue(lines.stream().filter(l -> l.startsWith("alpha=")).count() >= 40);
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
