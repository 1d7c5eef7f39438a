package org.deepspt.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.deepspt.api.DiffusionState;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;

class WideSimulatorTest {

    @Test
    void sameSeedAndIndexGiveTheSameTrackAndLabelsAreMotionClasses() {
        WideSimulator sim = WideSimulator.of(2);
        for (int i = 0; i < 200; i++) {
            Trajectory a = sim.simulate(5, i);
            Trajectory b = sim.simulate(5, i);
            assertEquals(String.valueOf(i), a.id());
            assertArrayEquals(a.axis(0), b.axis(0));
            assertArrayEquals(a.stateIndices(), b.stateIndices());
            assertTrue(a.size() >= 5 && a.size() <= 600, "length " + a.size());
            for (double x : a.axis(1)) {
                assertTrue(Double.isFinite(x));
            }
        }
    }

    @Test
    void scenarioSharesFollowTheirWeights() {
        WideSimulator sim = WideSimulator.of(3);
        int n = 20_000;
        Map<WideScenario, Integer> counts = new EnumMap<>(WideScenario.class);
        for (int i = 0; i < n; i++) {
            counts.merge(sim.scenarioOf(11, i), 1, Integer::sum);
        }
        for (WideScenario s : WideScenario.values()) {
            double expected = s.weight() * n;
            double sd = Math.sqrt(n * s.weight() * (1 - s.weight()));
            int got = counts.getOrDefault(s, 0);
            assertTrue(Math.abs(got - expected) <= 4 * sd + 1e-9, s + ": " + got + " vs " + expected);
        }
        assertNull(sim.planOf(11, firstOf(sim, WideScenario.PROTOCOL)));
    }

    @Test
    void dChangeKeepsTheClassAndJumpsDByTenToAHundred() {
        WideSimulator sim = WideSimulator.of(2, 40, 600, WideScenario.D_CHANGE);
        for (int i = 0; i < 300; i++) {
            WideSimulator.TrackPlan plan = sim.planOf(7, i);
            List<WideSimulator.SegmentPlan> segs = plan.segments();
            assertTrue(segs.size() >= 2 && segs.size() <= 4);
            for (int j = 1; j < segs.size(); j++) {
                assertEquals(segs.get(0).state(), segs.get(j).state());
                double ratio = Math.abs(Math.log10(segs.get(j).diffusion() / segs.get(j - 1).diffusion()));
                assertTrue(ratio >= 1 - 1e-9 && ratio <= 2 + 1e-9, "log10 ratio " + ratio);
            }
            int[] labels = sim.simulate(7, i).stateIndices();
            for (int l : labels) {
                assertEquals(segs.get(0).state().index(), l, "a change of D alone never changes the label");
            }
        }
    }

    @Test
    void wallsAlternateNormalAndConfinedAtTheSameD() {
        WideSimulator sim = WideSimulator.of(2, 20, 600, WideScenario.WALLS);
        for (int i = 0; i < 300; i++) {
            List<WideSimulator.SegmentPlan> segs = sim.planOf(8, i).segments();
            for (int j = 0; j < segs.size(); j++) {
                WideSimulator.SegmentPlan s = segs.get(j);
                assertEquals(segs.get(0).diffusion(), s.diffusion());
                if (j > 0) {
                    assertTrue(s.state() != segs.get(j - 1).state());
                }
                if (s.state() == DiffusionState.CONFINED) {
                    assertTrue(s.cageFactor() >= 0.7 - 1e-12 && s.cageFactor() <= 4 + 1e-12);
                }
            }
        }
    }

    @Test
    void trappedSegmentsAreConfinedCagesSmallerThanTheLocalisationError() {
        WideSimulator sim = WideSimulator.of(3, 20, 600, WideScenario.TRAPPED);
        int trapped = 0;
        for (int i = 0; i < 300; i++) {
            for (WideSimulator.SegmentPlan s : sim.planOf(9, i).segments()) {
                if (s.trapFactor() > 0) {
                    trapped++;
                    assertEquals(DiffusionState.CONFINED, s.state());
                    assertTrue(s.trapFactor() >= 0.2 && s.trapFactor() <= 1.0);
                }
            }
        }
        assertTrue(trapped > 200, "trapped segments: " + trapped);
    }

    /**
     * Brownian tracks: E|Δr|² per step = 2·dim·D·dt + 2·dim·σ² (noise on both ends of a step), with σ = √(D·dt)/Q,
     * so the mean of |Δr|² / (2·dim·D·(1 + 1/Q²)) over many steps is 1.
     */
    @Test
    void brownianStepsHaveTheVarianceOfDAndTheNoise() {
        WideSimulator sim = WideSimulator.of(3, 400, 400, WideScenario.BROWNIAN);
        double sum = 0;
        int count = 0;
        for (int i = 0; i < 200; i++) {
            WideSimulator.TrackPlan plan = sim.planOf(10, i);
            double d = plan.segments().get(0).diffusion();
            double expected = 2 * 3 * d * (1 + 1 / (plan.snr() * plan.snr()));
            Trajectory t = sim.simulate(10, i);
            for (int k = 1; k < t.size(); k++) {
                double dx = t.axis(0)[k] - t.axis(0)[k - 1];
                double dy = t.axis(1)[k] - t.axis(1)[k - 1];
                double dz = t.axis(2)[k] - t.axis(2)[k - 1];
                sum += (dx * dx + dy * dy + dz * dz) / expected;
                count++;
            }
        }
        assertEquals(1.0, sum / count, 0.02);
    }

    /**
     * Full-frame blur (f = 1) of Brownian tracks, against the same tracks unblurred (same seeds: same path and the
     * same localisation noise, so the noise cancels in the differences): per axis, the blurred step variance is
     * 2·D·(1 − f/3) and successive blurred steps have covariance 2·D·f/6 (the exposure mean of a Brownian bridge:
     * mean x_i + (x_i+1 − x_i)·f/2, variance 2·D·(f/3 − f²/4)). So the paired differences of the lag-1 MSD and of
     * the lag-1 step covariance, ÷ 2·D, are −1/3 and +1/6.
     */
    @Test
    void fullFrameBlurLowersTheLagOneMsdByAThirdAndCorrelatesSuccessiveSteps() {
        WideSimulator plain = WideSimulator.of(2, 200, 200, WideScenario.BROWNIAN);
        WideSimulator blurred = plain.withMotionBlur(1, 1, 1);
        double msd = 0;
        double cov = 0;
        int tracks = 300;
        for (int i = 0; i < tracks; i++) {
            double d = plain.planOf(5, i).segments().get(0).diffusion();
            Trajectory a = plain.simulate(5, i);
            Trajectory b = blurred.simulate(5, i);
            for (int axis = 0; axis < 2; axis++) {
                msd += (lagOneMsd(b.axis(axis)) - lagOneMsd(a.axis(axis))) / (2 * d);
                cov += (lagOneCovariance(b.axis(axis)) - lagOneCovariance(a.axis(axis))) / (2 * d);
            }
        }
        assertEquals(-1.0 / 3, msd / (2 * tracks), 0.02);
        assertEquals(1.0 / 6, cov / (2 * tracks), 0.01);
    }

    @Test
    void blurKeepsLabelsAndLeavesUnblurredTracksAndProtocolTracksUnchanged() {
        WideSimulator plain = WideSimulator.of(3);
        WideSimulator half = plain.withMotionBlur(0.5, 0, 1);
        int same = 0;
        int changed = 0;
        for (int i = 0; i < 400; i++) {
            Trajectory a = plain.simulate(9, i);
            Trajectory b = half.simulate(9, i);
            assertArrayEquals(a.stateIndices(), b.stateIndices(), "track " + i);
            if (plain.scenarioOf(9, i) == WideScenario.PROTOCOL) {
                assertEquals(a, b, "protocol track " + i);
            } else if (a.equals(b)) {
                same++;
            } else {
                changed++;
            }
        }
        // about half of the ~280 non-protocol tracks are blurred
        assertTrue(same > 100 && changed > 100, same + " unchanged, " + changed + " blurred");
        assertEquals(0.5, half.blurShare());
        Map<?, ?> recipe = (Map<?, ?>) half.describe().get("motionBlur");
        assertEquals(0.5, recipe.get("share"));
        assertEquals(List.of(0.0, 1.0), recipe.get("exposureFractionRange"));
        assertNull(plain.describe().get("motionBlur"));
        assertThrows(IllegalArgumentException.class, () -> plain.withMotionBlur(1.5, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> plain.withMotionBlur(0.5, 0.8, 0.2));
        assertThrows(IllegalArgumentException.class, () -> plain.withMotionBlur(0.5, 0, 1.2));
    }

    /**
     * A trapped particle's exposure mean stays in its cage (semi-axis a = trap factor × σ, much smaller than the
     * free-walk blur spread √(2·D·f/3…) of the track's D): on frames inside a trapped segment the blurred position
     * moves from the unblurred one by at most the bridge mean's shift (≤ a, both ends in the cage) plus a few cage
     * spreads a/√(d + 2).
     */
    @Test
    void blurOfATrappedSegmentStaysInTheCage() {
        WideSimulator plain = WideSimulator.of(2, 100, 100, WideScenario.TRAPPED);
        WideSimulator blurred = plain.withMotionBlur(1, 1, 1);
        int checked = 0;
        for (int i = 0; i < 100; i++) {
            WideSimulator.TrackPlan plan = plain.planOf(4, i);
            Trajectory a = plain.simulate(4, i);
            Trajectory b = blurred.simulate(4, i);
            int at = 0;
            for (WideSimulator.SegmentPlan seg : plan.segments()) {
                if (seg.trapFactor() > 0) {
                    double cage = seg.trapFactor() * plan.sigma();
                    for (int k = at; k < at + seg.length() - 1; k++) {
                        for (int axis = 0; axis < 2; axis++) {
                            double moved = Math.abs(b.axis(axis)[k] - a.axis(axis)[k]);
                            assertTrue(moved <= cage + 6 * cage / 2, "track " + i + " frame " + k + " moved " + moved
                                    + " µm, cage " + cage + " µm, D " + seg.diffusion());
                            checked++;
                        }
                    }
                }
                at += seg.length();
            }
        }
        assertTrue(checked > 1000, "trapped frames checked: " + checked);
    }

    private static double lagOneMsd(double[] x) {
        double s = 0;
        for (int k = 1; k < x.length; k++) {
            s += (x[k] - x[k - 1]) * (x[k] - x[k - 1]);
        }
        return s / (x.length - 1);
    }

    private static double lagOneCovariance(double[] x) {
        double s = 0;
        for (int k = 2; k < x.length; k++) {
            s += (x[k] - x[k - 1]) * (x[k - 1] - x[k - 2]);
        }
        return s / (x.length - 2);
    }

    @Test
    void badArgumentsAreRefusedWithTheReason() {
        assertThrows(IllegalArgumentException.class, () -> WideSimulator.of(4));
        assertThrows(IllegalArgumentException.class, () -> WideSimulator.of(2, 10, 5, null));
        assertThrows(IllegalArgumentException.class, () -> WideSimulator.of(2, 3, 4, null));
        // fixed short lengths work: the protocol part is single-state below 10 points
        assertEquals(7, WideSimulator.of(2, 7, 7, null).simulate(1, 0).size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WideScenario.parse("nope"));
        assertTrue(e.getMessage().contains("brownian-d-jump"), e.getMessage());
        assertEquals(WideScenario.D_CHANGE, WideScenario.parse("d-change"));
    }

    private static long firstOf(WideSimulator sim, WideScenario s) {
        for (long i = 0; ; i++) {
            if (sim.scenarioOf(11, i) == s) {
                return i;
            }
        }
    }
}
