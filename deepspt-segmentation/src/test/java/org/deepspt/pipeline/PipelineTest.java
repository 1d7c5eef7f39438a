package org.deepspt.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.deepspt.api.Classifier;
import org.deepspt.api.Fingerprint;
import org.deepspt.api.Prediction;
import org.deepspt.api.Segmentation;
import org.deepspt.api.Segmenter;
import org.deepspt.api.TrackIssue;
import org.deepspt.api.Trajectory;
import org.deepspt.baseline.RollingMsdSegmenter;
import org.deepspt.fingerprint.DiffusionalFingerprint;
import org.deepspt.fingerprint.FingerprintFeature;
import org.deepspt.fingerprint.TimeResolvedFingerprint;
import org.deepspt.sim.SimulationConfig;
import org.deepspt.sim.Simulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PipelineTest {
    private static List<Trajectory> tracks;

    /** A classifier on α: "fast" when α > 1 (probability from a logistic in α). */
    static final class AlphaClassifier implements Classifier {
        final AtomicInteger nanSeen = new AtomicInteger();

        @Override
        public Prediction predict(Fingerprint f) {
            double a = f.value("alpha");
            if (Double.isNaN(a)) {
                nanSeen.incrementAndGet();
                a = 0;
            }
            double p = 1 / (1 + Math.exp(-4 * (a - 1)));
            String label = p >= 0.5 ? "fast" : "slow";
            return new Prediction(f.trackId(), label, Math.max(p, 1 - p), Map.of("slow", 1 - p, "fast", p));
        }

        @Override
        public List<String> labels() {
            return List.of("slow", "fast");
        }

        @Override
        public List<String> featureNames() {
            return List.of("alpha", "fraction_normal");
        }

        @Override
        public double abstentionThreshold() {
            return 0;
        }
    }

    @BeforeAll
    static void simulate() {
        List<Trajectory> t = new ArrayList<>(Simulator.of(SimulationConfig.builder(2).lengthRange(5, 120).build())
                .simulate(60, 42));
        // Hostile cases: a single point (too short for everything), 3 points (too short for rolling MSD).
        t.add(7, Trajectory.ofAxes("single", 1.0, new double[] {0.0}, new double[] {0.0}));
        t.add(20, Trajectory.ofAxes("three", 1.0, new double[] {0, 0.1, 0.3}, new double[] {0, 0.2, 0.1}));
        tracks = List.copyOf(t);
    }

    private static Pipeline full(int threads) {
        return Pipeline.builder().segmenter(RollingMsdSegmenter.defaults())
                .fingerprints(DiffusionalFingerprint.defaults()).classifier(new AlphaClassifier()).threads(threads)
                .build();
    }

    @Test
    void sameResultsForAnyThreadCount() {
        PipelineResult one = full(1).run(tracks);
        for (int threads : new int[] {2, 3, 8}) {
            PipelineResult many = full(threads).run(tracks);
            assertEquals(one.results().size(), many.results().size());
            for (int i = 0; i < one.results().size(); i++) {
                TrackResult a = one.results().get(i);
                TrackResult b = many.results().get(i);
                assertEquals(a.trackId(), b.trackId());
                assertEquals(a.segmentation(), b.segmentation());
                assertEquals(a.fingerprint(), b.fingerprint());
                assertEquals(a.prediction(), b.prediction());
            }
            assertEquals(one.issues(), many.issues());
        }
        assertEquals(tracks.size(), one.inputCount());
        // Every processed track has everything the pipeline was asked for.
        for (TrackResult r : one.results()) {
            assertTrue(r.segmentation().isPresent() && r.prediction().isPresent());
            assertEquals(FingerprintFeature.COUNT, r.fingerprint().orElseThrow().size());
            assertTrue(r.timeResolved().isEmpty());
        }
        // Results and issues each keep input order.
        List<String> ids = tracks.stream().map(Trajectory::id).toList();
        List<String> outIds = one.results().stream().map(TrackResult::trackId).toList();
        assertEquals(ids.stream().filter(outIds::contains).toList(), outIds);
    }

    @Test
    void failuresBecomeIssuesNamingTheStage() {
        PipelineResult r = full(2).run(tracks);
        Map<String, TrackIssue> issues = r.issues().stream()
                .collect(Collectors.toMap(TrackIssue::trackId, i -> i));
        assertTrue(issues.containsKey("single") && issues.containsKey("three"), issues.toString());
        assertEquals(TrackIssue.Kind.REJECTED, issues.get("single").kind());
        assertTrue(issues.get("three").detail().startsWith("segmentation: "), issues.get("three").detail());
        // Everything shorter than the segmenter's minimum is rejected, everything else processed.
        int min = RollingMsdSegmenter.defaults().minimumLength();
        for (Trajectory t : tracks) {
            assertEquals(t.size() < min, issues.containsKey(t.id()), t.id() + " with " + t.size() + " points");
        }
        // Without a segmenter the 3-point track gets a (track-only) fingerprint; the single point is rejected.
        PipelineResult noSeg = Pipeline.builder().build().run(tracks);
        assertEquals(List.of("single"), noSeg.rejectedIds());
        assertTrue(noSeg.issues().get(0).detail().startsWith("fingerprint: "));
        TrackResult three = noSeg.result("three").orElseThrow();
        assertEquals(FingerprintFeature.TRACK_FEATURE_COUNT, three.fingerprint().orElseThrow().size());
        assertTrue(three.segmentation().isEmpty() && three.prediction().isEmpty());
    }

    @Test
    void classifierSeesTheFingerprintAsItIsAndOwnsTheNaNPolicy() {
        AlphaClassifier c = new AlphaClassifier();
        Trajectory still = Trajectory.ofAxes("still", 1.0, new double[6], new double[6]);
        TrackResult r = (TrackResult) Pipeline.builder().segmenter(RollingMsdSegmenter.defaults()).classifier(c)
                .build().process(still);
        assertTrue(Double.isNaN(r.fingerprint().orElseThrow().value("alpha")));
        assertEquals(1, c.nanSeen.get());
    }

    @Test
    void classifierNeedingSegmentationFeaturesWithoutSegmenterFailsAtBuild() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Pipeline.builder().classifier(new AlphaClassifier()).build());
        assertTrue(e.getMessage().contains("fraction_normal") && e.getMessage().contains("without a segmenter"),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Pipeline.builder().threads(0));
    }

    /** A segmenter that is slow on early tracks, so that workers finish out of order. */
    static final class ShuffledTimingSegmenter implements Segmenter {
        private final Segmenter inner = RollingMsdSegmenter.defaults();

        @Override
        public Segmentation segment(Trajectory t) {
            try {
                Thread.sleep(Math.max(0, 12 - Integer.parseInt(t.id()) % 13));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return inner.segment(t);
        }

        @Override
        public int minimumLength() {
            return inner.minimumLength();
        }

        @Override
        public String name() {
            return "shuffled";
        }
    }

    @Test
    void streamingKeepsInputOrderWithBoundedMemory() {
        List<Trajectory> sim = Simulator.of(SimulationConfig.builder(2).lengthRange(30, 60).build()).simulate(80, 9);
        AtomicInteger pulled = new AtomicInteger();
        AtomicInteger consumed = new AtomicInteger();
        AtomicInteger maxAhead = new AtomicInteger();
        Iterator<Trajectory> source = new Iterator<>() {
            private final Iterator<Trajectory> it = sim.iterator();

            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Trajectory next() {
                pulled.incrementAndGet();
                return it.next();
            }
        };
        Pipeline p = Pipeline.builder().segmenter(new ShuffledTimingSegmenter()).threads(4).maxInFlight(6).build();
        List<String> out = new ArrayList<>();
        List<TrackIssue> issues = new ArrayList<>();
        try (Stream<TrackResult> s = p.stream(source, issues::add)) {
            s.forEach(r -> {
                out.add(r.trackId());
                consumed.incrementAndGet();
                maxAhead.accumulateAndGet(pulled.get() - consumed.get(), Math::max);
            });
        }
        assertEquals(sim.stream().map(Trajectory::id).toList(), out);
        assertTrue(issues.isEmpty());
        assertTrue(maxAhead.get() <= 6, "tracks read ahead of the consumer: " + maxAhead.get());
        assertTrue(maxAhead.get() >= 2, "no parallel read-ahead: " + maxAhead.get());
    }

    @Test
    void streamOfTrajectoriesReportsIssuesInOrderAndStopsEarly() {
        List<TrackIssue> issues = new ArrayList<>();
        Pipeline p = Pipeline.builder().segmenter(RollingMsdSegmenter.defaults()).threads(3).build();
        List<String> ids;
        try (Stream<TrackResult> s = p.stream(tracks.stream(), issues::add)) {
            ids = s.map(TrackResult::trackId).toList();
        }
        assertEquals(List.of("single", "three"), issues.stream().map(TrackIssue::trackId).toList()
                .subList(0, 2));
        assertEquals(tracks.size(), ids.size() + issues.size());
        // Outcomes include failures in place; a short-circuiting consumer closes cleanly.
        try (Stream<TrackOutcome> s = p.outcomes(tracks.iterator())) {
            List<TrackOutcome> first = s.limit(10).toList();
            assertEquals(tracks.subList(0, 10).stream().map(Trajectory::id).toList(),
                    first.stream().map(TrackOutcome::trackId).toList());
            assertFalse(first.get(7).succeeded());
        }
    }

    @Test
    void unexpectedExceptionsRejectTheTrackAndEngineFailuresStopTheRun() {
        Segmenter broken = new Segmenter() {
            @Override
            public Segmentation segment(Trajectory t) {
                if (t.id().equals("0")) {
                    throw new IllegalStateException("bug in segmenter for " + t.id());
                }
                return RollingMsdSegmenter.defaults().segment(t);
            }

            @Override
            public String name() {
                return "broken";
            }
        };
        for (int threads : new int[] {1, 2}) {
            PipelineResult r = Pipeline.builder().segmenter(broken).threads(threads).build().run(tracks);
            TrackIssue issue = r.issues().stream().filter(i -> i.trackId().equals("0")).findFirst().orElseThrow();
            assertTrue(issue.detail().contains("bug in segmenter for 0"), issue.detail());
            assertEquals(tracks.size(), r.results().size() + r.issues().size());
        }
        Segmenter dead = new Segmenter() {
            @Override
            public Segmentation segment(Trajectory t) {
                throw new org.deepspt.api.inference.InferenceException("engine died");
            }

            @Override
            public String name() {
                return "dead";
            }
        };
        for (int threads : new int[] {1, 2}) {
            org.deepspt.api.inference.InferenceException e = assertThrows(
                    org.deepspt.api.inference.InferenceException.class,
                    () -> Pipeline.builder().segmenter(dead).threads(threads).build().run(tracks));
            assertEquals("engine died", e.getMessage());
        }
    }

    @Test
    void timeResolvedFingerprintOnRequest() {
        Trajectory t = tracks.get(0);
        TrackResult r = (TrackResult) Pipeline.builder().segmenter(RollingMsdSegmenter.defaults())
                .timeResolved(TimeResolvedFingerprint.of(DiffusionalFingerprint.defaults(), 10)).build().process(t);
        assertEquals(t.size(), r.timeResolved().orElseThrow().rows());
        assertEquals(FingerprintFeature.COUNT, r.timeResolved().orElseThrow().columns());
    }
}
