package org.deepspt.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deepspt.api.DiffusionState;
import org.deepspt.api.Trajectory;
import org.deepspt.api.TrueMotion;
import org.junit.jupiter.api.Test;

/** The per-point truth ({@link Simulator#truthOf}, {@link WideSimulator#truthOf}) matches what is rendered. */
class SimulatedTruthTest {

    @Test
    void protocolTruthHasTheTracksStatesAndItsOneDrawnD() {
        Simulator sim = Simulator.of(SimulationConfig.builder(2).build());
        int subdiffusive = 0;
        for (int i = 0; i < 300; i++) {
            Trajectory t = sim.simulate(17L, i);
            TrueMotion truth = sim.truthOf(17, i);
            assertArrayEquals(t.stateIndices(), truth.stateIndices(), "track " + i);
            truth.checkMatches(t); // id, frames and states those of the simulated track
            // the same draws as simulate: the track's parameters come first from its random stream
            TrackParameters p = TrackParameters.draw(sim.config(), Simulator.trackRandom(17, i));
            double[] d = truth.diffusion();
            double[] a = truth.alpha();
            int[] s = truth.stateIndices();
            for (int k = 0; k < s.length; k++) {
                if (s[k] == DiffusionState.SUBDIFFUSIVE.index()) {
                    subdiffusive++;
                    assertEquals(2 * p.hurst(), a[k], 0.0);
                } else {
                    assertEquals(1.0, a[k], 0.0);
                }
                assertEquals(p.diffusion(), d[k], 0.0, "dt = 1 s: D in µm²/s^α is the drawn D");
            }
        }
        assertTrue(subdiffusive > 0);
    }

    @Test
    void protocolSubdiffusiveDIsScaledToSecondsToTheAlpha() {
        double dt = 0.1;
        Simulator sim = Simulator.of(SimulationConfig.builder(3).frameInterval(dt).heterogeneousFraction(0.0)
                .build());
        int seen = 0;
        for (int i = 0; i < 200 && seen < 5; i++) {
            TrueMotion truth = sim.truthOf(3, i);
            if (truth.stateIndices()[0] != DiffusionState.SUBDIFFUSIVE.index()) {
                continue;
            }
            seen++;
            TrackParameters p = TrackParameters.draw(sim.config(), Simulator.trackRandom(3, i));
            double alpha = 2 * p.hurst();
            // steps sqrt(2 D dt) x fGn: MSD(k frames) = 2 D dt k^α = 2 (D dt^(1-α)) (k dt)^α
            assertEquals(p.diffusion() * Math.pow(dt, 1 - alpha), truth.diffusion()[0], 1e-15);
            assertEquals(alpha, truth.alpha()[truth.size() - 1], 0.0);
        }
        assertEquals(5, seen);
    }

    @Test
    void wideTruthFollowsThePlanAndTheRenderedStates() {
        for (WideScenario scenario : List.of(WideScenario.D_CHANGE, WideScenario.CLASS_CHANGE,
                WideScenario.TRAPPED, WideScenario.SINGLE, WideScenario.WALLS)) {
            WideSimulator sim = WideSimulator.of(2, 5, 300, scenario);
            for (int i = 0; i < 100; i++) {
                Trajectory t = sim.simulate(9L, i);
                TrueMotion truth = sim.truthOf(9, i);
                assertArrayEquals(t.stateIndices(), truth.stateIndices(), scenario + " track " + i);
                truth.checkMatches(t);
                WideSimulator.TrackPlan plan = sim.planOf(9, i);
                double[] d = truth.diffusion();
                double[] a = truth.alpha();
                int at = 0;
                for (WideSimulator.SegmentPlan g : plan.segments()) {
                    for (int k = at; k < at + g.length(); k++) {
                        assertEquals(g.alpha(), a[k], 0.0);
                        if (g.trapFactor() > 0) {
                            double cage = Math.max(1e-9, g.trapFactor() * plan.sigma());
                            assertEquals(Math.max(g.diffusion(), cage * cage), d[k], 0.0);
                        } else {
                            assertEquals(g.diffusion(), d[k], 0.0);
                        }
                    }
                    at += g.length();
                }
                assertEquals(t.size(), at);
            }
        }
    }

    @Test
    void dChangeTracksChangeDWhereTheirSegmentsMeetAndNowhereElse() {
        WideSimulator sim = WideSimulator.of(2, 40, 600, WideScenario.D_CHANGE);
        for (int i = 0; i < 50; i++) {
            TrueMotion truth = sim.truthOf(4, i);
            double[] d = truth.diffusion();
            int changes = 0;
            for (int k = 1; k < d.length; k++) {
                if (d[k] != d[k - 1]) {
                    changes++;
                    double ratio = Math.max(d[k] / d[k - 1], d[k - 1] / d[k]);
                    assertTrue(ratio >= 10 - 1e-9 && ratio <= 100 + 1e-9, "ratio " + ratio);
                }
            }
            assertEquals(sim.planOf(4, i).segments().size() - 1, changes);
        }
    }

    @Test
    void mixtureProtocolTracksUseTheProtocolTruth() {
        WideSimulator sim = WideSimulator.of(3);
        int protocol = 0;
        for (int i = 0; i < 100; i++) {
            Trajectory t = sim.simulate(21L, i);
            assertArrayEquals(t.stateIndices(), sim.truthOf(21, i).stateIndices(), "track " + i);
            sim.truthOf(21, i).checkMatches(t);
            protocol += sim.scenarioOf(21, i) == WideScenario.PROTOCOL ? 1 : 0;
        }
        assertTrue(protocol > 0);
    }

    @Test
    void rejectsANegativeIndex() {
        assertThrows(IllegalArgumentException.class, () -> WideSimulator.of(2).truthOf(1, -1));
        assertThrows(IllegalArgumentException.class, () -> Simulator.of(SimulationConfig.builder(2).build())
                .truthOf(1, -1));
    }
}
