package org.deepspt.msd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.deepspt.TestTracks;
import org.deepspt.api.FitStatus;
import org.deepspt.api.Trajectory;
import org.junit.jupiter.api.Test;

/** The "undetermined α" rule of {@link MsdFitter}: a fit inside its bounds whose α the MSD curve does not fix. */
class MsdFitUndeterminedTest {
    private static final int[] FRAMES = IntStream.range(0, 20).toArray();

    /**
     * Tracks 183 and 135 of a reviewer's set of 200 simulated 2D Brownian tracks (D 0.05 µm²/s, Δt 0.01 s,
     * σ 40 nm, 20 points; /tmp/review-msd/mkA.py): both were reported {@code ok}, the first with α = 7.18 and
     * D = 1.1e6 µm²/s^α.
     */
    private static final Trajectory SUPER_BALLISTIC = Trajectory.of("183", 0.01, FRAMES,
            new double[] {-0.00315621247, 0.0571715774, -0.0049951739, 0.0607656542, 0.0613293858, 0.0660344111,
                -0.0158508478, 0.0256537235, 0.0698913355, 0.0420709964, -0.00218737932, 0.0889182867,
                0.0415008131, 0.0773170305, 0.117669204, 0.0758453952, 0.153862102, 0.123376162, 0.0800256006,
                0.0835536606},
            new double[] {-0.0335578028, 0.0865716571, -0.0221498612, -0.1001152, -0.0249687663, -0.0848864838,
                -0.0183230974, -0.00227269075, 0.0540469005, -0.0585039302, -0.0675883266, 0.0554187645,
                -0.0821719683, -0.0264225063, -0.124138714, -0.0435312991, -0.135096702, -0.137130079,
                -0.101017002, -0.105346722});
    private static final Trajectory WIDE = Trajectory.of("135", 0.01, FRAMES,
            new double[] {0.0557629463, -0.0338942617, -0.00498100129, -0.0579657363, -0.0163367093, 0.0149579373,
                -0.0555584695, 0.0198357334, -0.0659731841, -0.0756113546, -0.0311628725, 0.0448470687,
                0.00296958976, 0.0218664058, -0.0523324862, 0.0653050091, -0.0258506918, 0.0160562703,
                0.0234164976, 0.0408608854},
            new double[] {-0.0127015103, 0.0187667943, 0.0467984386, 0.0941562746, 0.106908925, 0.0278754499,
                0.099938687, -0.00848643417, 0.0296049349, 0.00964936487, 0.0843516798, 0.159444186, 0.132850938,
                0.119430055, 0.21985711, 0.228179742, 0.220210314, 0.204160628, 0.120131401, 0.218950079});

    @Test
    void aFitInsideTheBoundsWhoseAlphaIsNotDeterminedIsNotAnEstimate() {
        MsdFit f = MsdFitter.defaults().fit(SUPER_BALLISTIC);
        assertTrue(f.alpha() > 3 && f.alphaError() > 1, f.toString()); // inside [1e-4, 10], not on a bound
        assertFalse(f.atBound().any());
        assertEquals(FitStatus.UNDETERMINED, f.status());
        assertFalse(f.isEstimate());
        // α within the physical range but SE(α) > 1: the curve does not fix α either
        MsdFit w = MsdFitter.defaults().fit(WIDE);
        assertTrue(w.alpha() < 2 && w.alphaError() > 1, w.toString());
        assertEquals(FitStatus.UNDETERMINED, w.status());
    }

    @Test
    void theRule() {
        assertTrue(MsdFitter.undetermined(0.5, 1.01));
        assertTrue(MsdFitter.undetermined(2.5, 0.2));   // 2.1 > 2: super-ballistic beyond its error
        assertFalse(MsdFitter.undetermined(2.3, 0.2));  // directed, within error of 2
        assertFalse(MsdFitter.undetermined(1.0, 1.0));
        assertFalse(MsdFitter.undetermined(7.0, Double.NaN)); // no SE: the rule does not apply
    }

    @Test
    void realEstimatesAreNotFlagged() {
        for (int seed = 0; seed < 40; seed++) {
            TestTracks r = TestTracks.seeded(seed);
            MsdFit b = MsdFitter.defaults().fit(r.brownian("b", 60, 0.05, 0.01, 2, 0.04));
            assertTrue(b.status() != FitStatus.UNDETERMINED, seed + " " + b);
            MsdFit f = MsdFitter.defaults().fit(r.fbm("f", 200, 0.05, 0.01, 2, 0.25));
            assertTrue(f.status() != FitStatus.UNDETERMINED, seed + " " + f);
            MsdFit v = MsdFitter.defaults().fit(r.directed("v", 100, 0.05, 1.0, 0.01, 2, 0.0));
            assertTrue(v.status() != FitStatus.UNDETERMINED, seed + " " + v);
        }
    }
}
