package org.deepspt.event;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.deepspt.api.DiffusionState;
import org.deepspt.api.InvalidTrajectoryException;
import org.deepspt.api.Trajectory;
import org.deepspt.sim.SegmentSpec;
import org.deepspt.sim.SimulationConfig;
import org.deepspt.sim.Simulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EventTimingTest {
    /** Confined then free ("uncoating"): D in [0.02, 0.3] µm²/s so the 0.05-0.25 µm confinement is felt. */
    private static final Simulator SIM = Simulator.of(SimulationConfig.builder(2).diffusionRange(0.02, 0.3)
            .snrRange(4, 16).build());

    private static List<Trajectory> train;
    private static int[] trainEvents;
    private static List<Trajectory> test;
    private static int[] testEvents;
    private static EventTimingModel model;

    static List<Trajectory> uncoating(long seed, int count, int[] eventsOut) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        List<Trajectory> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int a = 20 + rng.nextInt(61);
            int b = 20 + rng.nextInt(61);
            Trajectory t = SIM.simulateSequence(seed, i, List.of(SegmentSpec.of(DiffusionState.CONFINED, a),
                    SegmentSpec.of(DiffusionState.NORMAL, b)));
            eventsOut[i] = ChangePoints.lastRunStart(t.stateIndices()).orElseThrow();
            assertEquals(a, eventsOut[i]);
            out.add(t);
        }
        return out;
    }

    @BeforeAll
    static void simulate() {
        trainEvents = new int[100];
        train = uncoating(11, 100, trainEvents);
        testEvents = new int[50];
        test = uncoating(12, 50, testEvents);
        model = EventTimingTrainer.builder().seed(3).build().train(train, trainEvents);
    }

    @Test
    void recoversKnownEventsOnSimulatedUncoating() {
        int[] pred = new int[test.size()];
        for (int i = 0; i < pred.length; i++) {
            EventPrediction p = model.predict(test.get(i));
            assertEquals(test.get(i).frame(p.eventIndex()), p.eventFrame());
            assertEquals(test.get(i).size(), p.probabilityAfter().length);
            pred[i] = p.eventIndex();
        }
        EventMetrics m = EventMetrics.of(testEvents, pred, 5);
        // Observed: median 1 frame, accuracy(±5) 0.99, R² 0.99; predicting the mean event gives median 17.
        assertTrue(m.medianAbsoluteError() <= 3, m.toString());
        assertTrue(m.meanAbsoluteError() <= 4, m.toString());
        assertTrue(m.accuracy() >= 0.85, m.toString());
        assertTrue(m.r2() >= 0.85, m.toString());
        int mean = (int) Math.round(Arrays.stream(trainEvents).average().orElseThrow());
        int[] constant = new int[test.size()];
        Arrays.fill(constant, mean);
        EventMetrics baseline = EventMetrics.of(testEvents, constant, 5);
        assertTrue(baseline.medianAbsoluteError() > 3 * m.medianAbsoluteError() + 5, baseline.toString());
    }

    @Test
    void perFrameProbabilitiesSeparateBeforeFromAfter() {
        double before = 0;
        double after = 0;
        int nb = 0;
        int na = 0;
        for (int k = 0; k < test.size(); k++) {
            double[] p = model.predict(test.get(k)).probabilityAfter();
            for (int i = 0; i < p.length; i++) {
                assertTrue(p[i] >= 0 && p[i] <= 1);
                if (i < testEvents[k]) {
                    before += p[i];
                    nb++;
                } else {
                    after += p[i];
                    na++;
                }
            }
        }
        assertTrue(before / nb < 0.3, "mean P(after) before the event " + before / nb);
        assertTrue(after / na > 0.7, "mean P(after) after the event " + after / na);
    }

    @Test
    void trainingIsDeterministicAndSeedOnlyMattersWhenSubsampling() {
        List<Trajectory> few = train.subList(0, 30);
        int[] ev = Arrays.copyOf(trainEvents, 30);
        double[] a = EventTimingTrainer.builder().seed(1).build().train(few, ev).coefficients();
        double[] b = EventTimingTrainer.builder().seed(2).build().train(few, ev).coefficients();
        assertArrayEquals(a, b, 0.0);
        double[] c = EventTimingTrainer.builder().seed(1).maxSamples(500).build().train(few, ev).coefficients();
        double[] d = EventTimingTrainer.builder().seed(1).maxSamples(500).build().train(few, ev).coefficients();
        double[] e = EventTimingTrainer.builder().seed(2).maxSamples(500).build().train(few, ev).coefficients();
        assertArrayEquals(c, d, 0.0);
        assertFalse(Arrays.equals(c, e));
    }

    @Test
    void eventIndexOutOfRangeNamesTheTrack() {
        InvalidTrajectoryException e = assertThrows(InvalidTrajectoryException.class,
                () -> EventTimingTrainer.defaults().train(train.subList(0, 1), new int[] {0}));
        assertTrue(e.getMessage().contains("'0'") || e.getMessage().contains("0"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> EventTimingTrainer.defaults().train(train.subList(0, 2), new int[] {5}));
    }
}
