package org.deepspt.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.deepspt.api.DiffusionState;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SimulatorTest {

    private static SimulationConfig.Builder single(int dim, DiffusionState state) {
        return SimulationConfig.builder(dim).allowedStates(state).heterogeneousFraction(0);
    }

    @Test
    void deterministicAndParallelEqualsSequential() {
        Simulator sim = Simulator.of(SimulationConfig.paper(2));
        List<Trajectory> a = sim.simulate(200, 42L); // parallel above 64 tracks
        List<Trajectory> b = sim.stream(200, 42L).toList(); // sequential
        assertEquals(a, b);
        for (int i = 0; i < 200; i += 37) {
            Trajectory t = sim.simulate(42L, i);
            assertEquals(a.get(i), t);
            assertEquals(String.valueOf(i), t.id());
            assertTrue(t.hasStates());
            for (int ax = 0; ax < 2; ax++) {
                assertArrayEquals(a.get(i).axis(ax), Simulator.of(SimulationConfig.paper(2)).simulate(42L, i)
                        .axis(ax), 0);
            }
        }
        assertNotEquals(a.get(0), sim.simulate(43L, 0).withId("0"));
        assertNotEquals(a.get(1).withId("x"), a.get(2).withId("x"));
        assertThrows(UnsupportedOperationException.class, () -> a.add(a.get(0)));
        assertThrows(IllegalArgumentException.class, () -> sim.simulate(1L, -1));
        assertThrows(IllegalArgumentException.class, () -> sim.simulate(-1, 1L));
    }

    @Test
    void goldenTracksAreStable() throws Exception {
        // Guards the documented draw order: tracks of seed 42 must not change between versions.
        List<String> lines;
        try (var in = SimulatorTest.class.getResourceAsStream("/sim/golden-paper-seed42.csv")) {
            lines = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines()
                    .filter(l -> !l.startsWith("#")).toList();
        }
        assertEquals(6, lines.size());
        for (String line : lines) {
            String[] f = line.split(",");
            int dim = Integer.parseInt(f[0]);
            Trajectory t = Simulator.of(SimulationConfig.paper(dim)).simulate(42L, Long.parseLong(f[1]));
            assertEquals(Integer.parseInt(f[2]), t.size(), line);
            int[] s = t.stateIndices();
            StringBuilder labels = new StringBuilder();
            for (int i = 0; i < s.length; i++) {
                if (i == 0 || s[i] != s[i - 1]) {
                    labels.append(s[i]);
                }
            }
            assertEquals(f[3], labels.toString(), line);
            int last = t.size() - 1;
            for (int a = 0; a < dim; a++) {
                double expected = Double.parseDouble(f[4 + a]);
                assertEquals(expected, t.coordinate(last, a), 1e-9 * Math.max(1, Math.abs(expected)), line);
            }
        }
    }

    @Test
    void compositionFollowsTheProtocol() {
        int count = 2000;
        List<Trajectory> tracks = Simulator.of(SimulationConfig.paper(2)).simulate(count, 7L);
        int single = 0;
        int[] singleByClass = new int[4];
        int[] byK = new int[5];
        for (Trajectory t : tracks) {
            assertTrue(t.size() >= 5 && t.size() <= 600, "N = " + t.size());
            assertTrue(!t.hasGaps());
            int[] s = t.stateIndices();
            int segments = 1;
            int runStart = 0;
            boolean[] seen = new boolean[4];
            seen[s[0]] = true;
            for (int i = 1; i <= s.length; i++) {
                if (i == s.length || s[i] != s[i - 1]) {
                    if (i < s.length) {
                        segments++;
                        seen[s[i]] = true;
                    }
                    int len = i - runStart;
                    if (segments > 1 || i < s.length) {
                        assertTrue(len >= 5, "segment of " + len + " points in track " + t.id());
                    }
                    runStart = i;
                }
            }
            if (segments == 1) {
                single++;
                singleByClass[s[0]]++;
            } else {
                int distinct = 0;
                for (boolean b : seen) {
                    distinct += b ? 1 : 0;
                }
                assertTrue(distinct >= 2);
                assertTrue(segments <= 4, "k = " + segments);
                byK[segments]++;
            }
        }
        // 20 % single-state: binomial sd = sqrt(2000 * 0.2 * 0.8) = 17.9; 4 sd.
        assertEquals(0.2 * count, single, 4 * Math.sqrt(count * 0.2 * 0.8));
        for (int c = 0; c < 4; c++) {
            assertEquals(single / 4.0, singleByClass[c], 4 * Math.sqrt(single * 0.25 * 0.75), "class " + c);
        }
        int het = count - single;
        for (int k = 2; k <= 4; k++) {
            assertEquals(het / 3.0, byK[k], 4 * Math.sqrt(het / 3.0 * 2 / 3), "k = " + k);
        }
    }

    @Test
    void fixedLengthHoldsForHeterogeneousTracks() {
        Simulator sim = Simulator.of(SimulationConfig.builder(3).fixedLength(12).build());
        for (Trajectory t : sim.simulate(300, 3L)) {
            assertEquals(12, t.size());
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void brownianMsdSlope(int dim) {
        double d = 0.05;
        SimulationConfig c = single(dim, DiffusionState.NORMAL).diffusionRange(d, d).fixedLength(100).noise(false)
                .build();
        List<Trajectory> tracks = Simulator.of(c).simulate(400, 11L);
        for (Trajectory t : tracks) {
            assertEquals(0, t.x(0), 0); // the true path starts at the origin, no noise
        }
        double[] msd = SimTestSupport.pooledMsd(tracks, 10);
        double num = 0;
        double den = 0;
        for (int lag = 1; lag <= 10; lag++) {
            num += lag * msd[lag];
            den += lag * lag;
        }
        double slope = num / den;
        assertEquals(2 * dim * d, slope, 0.03 * 2 * dim * d);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void confinedTracksStayInTheirRegion(int dim) {
        SimulationConfig c = single(dim, DiffusionState.CONFINED).noise(false).build();
        double maxSemiAxis = c.confinementAxisMax() / 2;
        for (Trajectory t : Simulator.of(c).simulate(100, 13L)) {
            for (int i = 0; i < t.size(); i++) {
                double r2 = 0;
                for (int a = 0; a < dim; a++) {
                    r2 += t.coordinate(i, a) * t.coordinate(i, a);
                }
                assertTrue(Math.sqrt(r2) <= maxSemiAxis + 1e-12, "track " + t.id() + " point " + i);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void directedMeanVelocityMatchesSpeed(int dim) {
        double d = 1e-4;
        double r = 25;
        int nv = 5;
        SimulationConfig c = single(dim, DiffusionState.DIRECTED).diffusionRange(d, d).directedRRange(r, r)
                .directedNvRange(nv, nv).fixedLength(200).noise(false).build();
        double v = Math.sqrt(4 * r * d / (nv * 1.0));
        List<Trajectory> tracks = Simulator.of(c).simulate(200, 17L);
        double speedSum = 0;
        double[] dirSum = new double[dim];
        for (Trajectory t : tracks) {
            int last = t.size() - 1;
            double s2 = 0;
            double[] disp = new double[dim];
            for (int a = 0; a < dim; a++) {
                disp[a] = (t.coordinate(last, a) - t.coordinate(0, a)) / (last * t.frameInterval());
                s2 += disp[a] * disp[a];
            }
            double speed = Math.sqrt(s2);
            speedSum += speed;
            for (int a = 0; a < dim; a++) {
                dirSum[a] += disp[a] / speed;
            }
        }
        assertEquals(v, speedSum / tracks.size(), 0.01 * v);
        double dirNorm = 0;
        for (double x : dirSum) {
            dirNorm += (x / tracks.size()) * (x / tracks.size());
        }
        assertTrue(Math.sqrt(dirNorm) < 0.25, "directions should be spread uniformly: " + Math.sqrt(dirNorm));
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 3})
    void subdiffusiveMsdExponent(int dim) {
        double d = 0.01;
        double alpha = 0.5;
        SimulationConfig c = single(dim, DiffusionState.SUBDIFFUSIVE).diffusionRange(d, d).alphaRange(alpha, alpha)
                .fixedLength(200).noise(false).build();
        double[] msd = SimTestSupport.pooledMsd(Simulator.of(c).simulate(300, 19L), 10);
        for (int lag : new int[] {1, 2, 5, 10}) {
            assertEquals(2 * dim * d * Math.pow(lag, alpha), msd[lag], 0.05 * 2 * dim * d * Math.pow(lag, alpha),
                    "lag " + lag);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"NORMAL", "DIRECTED", "CONFINED", "SUBDIFFUSIVE"})
    void localisationNoiseHasTheProtocolSigma(String name) {
        // For single-state tracks the noise is drawn after the path, so noisy − clean = pure noise.
        DiffusionState state = DiffusionState.valueOf(name);
        SimulationConfig noisy = single(2, state).fixedLength(100).build();
        Simulator withNoise = Simulator.of(noisy);
        Simulator clean = Simulator.of(noisy.toBuilder().noise(false).build());
        double sum2 = 0;
        double expected = 0;
        int count = 0;
        for (int i = 0; i < 200; i++) {
            Trajectory a = withNoise.simulate(23L, i);
            Trajectory b = clean.simulate(23L, i);
            TrackParameters p = TrackParameters.draw(noisy, Simulator.trackRandom(23L, i));
            double sigma = p.noiseSigma(state);
            assertTrue(sigma > 0);
            for (int j = 0; j < a.size(); j++) {
                for (int ax = 0; ax < 2; ax++) {
                    double e = (a.coordinate(j, ax) - b.coordinate(j, ax)) / sigma;
                    sum2 += e * e;
                    count++;
                }
            }
            expected += 1;
        }
        // Normalised noise variance 1 ± 4 sd (sd = sqrt(2/count)).
        assertEquals(1.0, sum2 / count, 4 * Math.sqrt(2.0 / count));
        assertEquals(200, expected);
    }

    @Test
    void trackParametersFollowTheFormulas() {
        SimulationConfig c = SimulationConfig.paper(3);
        for (int i = 0; i < 200; i++) {
            TrackParameters p = TrackParameters.draw(c, Simulator.trackRandom(5L, i));
            assertTrue(p.diffusion() >= 1e-4 && p.diffusion() <= 0.5);
            assertTrue(p.snr() >= 1 && p.snr() <= 16);
            assertTrue(p.directedR() >= 5 && p.directedR() <= 25);
            assertTrue(p.directedNv() >= 5 && p.directedNv() <= 600);
            assertEquals(Math.sqrt(4 * p.directedR() * p.diffusion() / p.directedNv()), p.speed(), 1e-12);
            double[] dir = p.direction();
            assertEquals(1, dir[0] * dir[0] + dir[1] * dir[1] + dir[2] * dir[2], 1e-12);
            for (double ax : p.confinementAxes()) {
                assertTrue(ax >= 0.05 && ax <= 0.25);
            }
            assertTrue(p.alpha() >= 0 && p.alpha() <= 0.7);
            assertEquals(Math.max(p.alpha() / 2, FractionalGaussianNoise.MIN_HURST), p.hurst(), 0);
            assertEquals(Math.sqrt(p.diffusion()) / p.snr(), p.noiseSigma(DiffusionState.CONFINED), 1e-15);
            assertEquals(Math.sqrt(p.diffusion() + p.speed() * p.speed()) / p.snr(),
                    p.noiseSigma(DiffusionState.DIRECTED), 1e-15);
        }
    }

    @Test
    void simulateSequenceRendersTheGivenSegments() {
        Simulator sim = Simulator.of(SimulationConfig.paper(2));
        List<SegmentSpec> plan = List.of(SegmentSpec.of(DiffusionState.NORMAL, 10),
                SegmentSpec.of(DiffusionState.CONFINED, 20), SegmentSpec.of(DiffusionState.NORMAL, 15),
                SegmentSpec.of(DiffusionState.NORMAL, 1));
        Trajectory t = sim.simulateSequence(9L, 4, plan);
        assertEquals("4", t.id());
        assertEquals(46, t.size());
        int[] s = t.stateIndices();
        for (int i = 0; i < 46; i++) {
            int expected = i >= 10 && i < 30 ? 2 : 0;
            assertEquals(expected, s[i], "point " + i);
        }
        assertEquals(t, sim.simulateSequence(9L, 4, plan));
        assertThrows(IllegalArgumentException.class, () -> sim.simulateSequence(9L, 4, List.of()));
        assertThrows(IllegalArgumentException.class, () -> SegmentSpec.of(DiffusionState.NORMAL, 0));
        // The confined part stays within the largest semi-axis of its start (noise off).
        Simulator clean = Simulator.of(SimulationConfig.builder(2).noise(false).build());
        Trajectory c = clean.simulateSequence(9L, 4, plan);
        for (int i = 10; i < 30; i++) {
            double dx = c.x(i) - c.x(9);
            double dy = c.y(i) - c.y(9);
            assertTrue(Math.hypot(dx, dy) <= 0.125 + 1e-12);
        }
    }
}
